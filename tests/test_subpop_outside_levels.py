"""A level that the data hold only outside a survey fit's subpopulation is named as such:
predicting at it said only that it was "not among the levels seen in fitting", and a
subpopulation holding one level of a factor was refused as "a factor with one level",
neither saying that the other levels lie outside the subpopulation."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, LevelError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 400
    return pd.DataFrame(
        {
            "perf": rng.choice(["lo", "mid", "hi"], n),
            "meals": rng.normal(50, 10, n),
            "stype": rng.choice(["E", "M", "H"], n, p=[0.5, 0.3, 0.2]),
            "k": rng.choice([1, 2, 3], n),
            "psu": np.repeat(np.arange(40), 10),
            "w": rng.uniform(1, 3, n),
        }
    )


DESIGN = mnlogit.SurveyDesign(weights="w", psu="psu")


@pytest.fixture
def without_h():
    d = _data()
    return d, mnlogit.fit("perf ~ meals + C(stype)", d, design=DESIGN, subpop="stype != 'H'")


def test_predicting_at_a_level_only_outside_the_subpopulation_says_so(without_h):
    d, res = without_h
    with pytest.raises(
        LevelError,
        match=r"\{'H'\} that are not among the levels seen in fitting: 'E', 'M'; 'H' occurs "
        r"only outside the subpopulation \(stype != 'H'\)",
    ):
        res.predict(d[d.stype == "H"])
    by_number = mnlogit.fit("perf ~ meals + C(k)", d, design=DESIGN, subpop=d["k"] < 3)
    with pytest.raises(LevelError, match=r"3 occurs only outside the subpopulation"):
        by_number.predict(d[d.k == 3])


def test_a_level_seen_nowhere_is_refused_as_before(without_h):
    d, res = without_h
    with pytest.raises(LevelError) as refused:
        res.predict(d.head(3).assign(stype="Z"))
    assert "outside the subpopulation" not in str(refused.value)
    whole = mnlogit.fit("perf ~ meals + C(stype)", d, design=DESIGN)
    with pytest.raises(LevelError) as refused:
        whole.predict(d.head(3).assign(stype="Z"))
    assert "outside the subpopulation" not in str(refused.value)


def test_a_factor_with_one_level_in_the_subpopulation_names_the_others_outside():
    d = _data()
    with pytest.raises(
        DataError,
        match=r"a factor with one level \('H'\).*column 'stype' also holds 'E', 'M', but only "
        r"outside the subpopulation",
    ):
        mnlogit.fit("perf ~ meals + C(stype)", d, design=DESIGN, subpop="stype == 'H'")
    # the fit without that factor is the one the refusal points to
    assert mnlogit.fit("perf ~ meals", d, design=DESIGN, subpop="stype == 'H'").converged


def test_margins_at_a_level_only_outside_the_subpopulation_says_so(without_h):
    res = without_h[1]
    with pytest.raises(
        LevelError,
        match=r"at: 'H' is not a level of 'stype'; levels are 'E', 'M'; 'H' occurs only "
        r"outside the subpopulation",
    ):
        res.margins(at={"stype": "H"})
    with pytest.raises(LevelError) as refused:
        res.margins(at={"stype": "Z"})
    assert "outside the subpopulation" not in str(refused.value)


def test_dask_factor_with_one_level_in_the_subpopulation_names_the_others_outside():
    dd = pytest.importorskip("dask.dataframe")
    d = _data()
    with pytest.raises(
        DataError, match=r"column 'k' also holds 1, 2, but only outside the subpopulation"
    ):
        mnlogit.fit(
            "perf ~ meals + C(k)", dd.from_pandas(d, npartitions=2), design=DESIGN, subpop="k == 3"
        )
