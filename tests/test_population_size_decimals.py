"""The summary's population size of sampling weights that do not sum to a whole number was
rounded to one: 1e-9 of a sum of 3.6e8 is 0.36, so 364627224.75 read 364627225. A sum of
weights is shown whole only where it is one to within its rounding."""

from __future__ import annotations

import mnlogit
from mnlogit.report._format import count


def test_a_population_of_a_quarter_past_a_whole_number_keeps_its_decimals():
    df = mnlogit.datasets.load("travel").dropna().head(400).reset_index(drop=True)
    df["pw"] = 911568.0
    df.loc[0, "pw"] += 0.75  # 400 x 911568 + 0.75: a quarter short of a whole number
    total = float(df["pw"].sum())
    assert total == 364627200.75
    res = mnlogit.fit("mode ~ income", df, ref="car", weights="pw", weight_type="probability")
    line = next(ln for ln in str(res.summary()).splitlines() if "Population size" in ln)
    assert line.split("Population size")[1].split()[0] == "364627200.7500", line
    assert count(364627224.75) == "364627224.7500"


def test_whole_sums_stay_whole_numbers_also_where_rounding_left_them_short():
    assert count(364627225.0) == "364627225"
    assert count(0.1 * 3 * 80000) == "24000"  # 23999.999999999996
    assert count(sum([0.1] * 1000)) == "100"  # 99.9999999999986, a sum's rounding
