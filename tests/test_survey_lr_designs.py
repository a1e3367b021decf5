"""Working likelihood-ratio tests of survey fits that do not share a design, a domain or the
rows with missing values: the pseudo-log-likelihoods depend on the weights alone, so such
fits were compared without a word (under the larger fit's design) or refused with advice
that did not fit a survey. R reference: tests/reference/make_survey_lr_missing.R."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import ModelComparisonError

S = mnlogit.SurveyDesign
CLUSTERED = S(weights="pw", strata="stype", psu="dnum")
OTHER_DESIGNS = {
    "no strata": (S(weights="pw", psu="dnum"), CLUSTERED),
    "rows as PSUs with fpc": (S(weights="pw", strata="stype", fpc="fpc"), CLUSTERED),
    "weights alone": (S(weights="pw"), CLUSTERED),
    "lonely PSUs kept or left out": (
        S(weights="pw", strata="cname", psu="dnum", lonely_psu="adjust"),
        S(weights="pw", strata="cname", psu="dnum", lonely_psu="remove"),
    ),
}


def _apistrat() -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / "apistrat.csv")


@pytest.mark.parametrize("case", OTHER_DESIGNS)
def test_fits_under_other_designs_are_refused(case):
    d = _apistrat()
    small_design, full_design = OTHER_DESIGNS[case]
    small = mnlogit.fit("perf ~ meals", d, ref="low", design=small_design)
    full = mnlogit.fit("perf ~ meals + ell", d, ref="low", design=full_design)
    for a, b in ((small, full), (full, small)):
        with pytest.raises(ModelComparisonError, match="different survey designs") as e:
            mnlogit.lr_test(a, b)
        assert "same design=" in str(e.value)


def test_one_design_spelled_two_ways_is_the_same_design():
    # values for a column, and a lonely-PSU rule where no stratum has one PSU
    d = _apistrat()
    other = S(weights=d["pw"].to_numpy(), strata=d["stype"].to_numpy(), psu="dnum")
    other_rule = S(weights="pw", strata="stype", psu="dnum", lonely_psu="adjust")
    full = mnlogit.fit("perf ~ meals + ell", d, ref="low", design=CLUSTERED)
    same = mnlogit.lr_test(mnlogit.fit("perf ~ meals", d, ref="low", design=CLUSTERED), full)
    for design in (other, other_rule):
        small = mnlogit.fit("perf ~ meals", d, ref="low", design=design)
        assert mnlogit.lr_test(small, full).pvalue == same.pvalue


@pytest.mark.slow
def test_dask_fits_under_other_designs_are_refused():
    import dask.dataframe as dd

    d = dd.from_pandas(_apistrat()[["perf", "meals", "ell", "pw", "stype", "dnum"]], npartitions=3)
    small = mnlogit.fit("perf ~ meals", d, ref="low", design=S(weights="pw", psu="dnum"))
    full = mnlogit.fit("perf ~ meals + ell", d, ref="low", design=CLUSTERED)
    with pytest.raises(ModelComparisonError, match="different survey designs"):
        mnlogit.lr_test(small, full)


@pytest.mark.slow
def test_dask_fits_with_rows_missing_in_one_model_are_advised_a_subpopulation():
    # the advice named the variables from the rows' frame, which a dask fit does not collect
    import dask.dataframe as dd

    d = _apistrat()[["perf", "meals", "ell", "pw", "stype", "dnum"]]
    d.loc[d.index[::7], "ell"] = np.nan
    ddf = dd.from_pandas(d, npartitions=3)
    small = mnlogit.fit("perf ~ meals", ddf, ref="low", design=CLUSTERED)
    full = mnlogit.fit("perf ~ meals + ell", ddf, ref="low", design=CLUSTERED)
    with pytest.raises(ModelComparisonError, match=r'subpop="ell\.notna\(\)"'):
        mnlogit.lr_test(small, full)


def test_fits_of_other_subpopulations_say_so():
    d = _apistrat()
    small = mnlogit.fit("perf ~ meals", d, ref="low", design=CLUSTERED, subpop="mobility < 20")
    full = mnlogit.fit("perf ~ meals + ell", d, ref="low", design=CLUSTERED)
    with pytest.raises(ModelComparisonError, match="different subpopulations") as e:
        mnlogit.lr_test(small, full)
    assert "'mobility < 20'" in str(e.value) and "same subpop=" in str(e.value)
    other = mnlogit.fit(
        "perf ~ meals + ell", d, ref="low", design=CLUSTERED, subpop=d["meals"] > 20
    )
    with pytest.raises(ModelComparisonError, match="different subpopulations") as e:
        mnlogit.lr_test(small, other)
    assert "a subpop= given as values (its rows' weights sum to" in str(e.value)


def test_rows_missing_in_one_model_are_advised_a_subpopulation_that_matches_r():
    ref = json.loads((refdata.REF_DIR / "survey_lr_missing.json").read_text())
    d = _apistrat()
    d.loc[d["snum"] % 7 == 0, "ell"] = np.nan
    full = mnlogit.fit("awards ~ meals + ell + mobility", d, ref="No", design=CLUSTERED)
    small = mnlogit.fit("awards ~ meals + mobility", d, ref="No", design=CLUSTERED)
    assert full._data.n_dropped == ref["missing"]
    with pytest.raises(ModelComparisonError, match=r'subpop="ell\.notna\(\)"'):
        mnlogit.lr_test(small, full)
    # a model of a domain is advised that domain narrowed
    sub = {"design": CLUSTERED, "subpop": "mobility < 20"}
    with pytest.raises(ModelComparisonError, match=r'subpop="\(mobility < 20\) and ell\.notna'):
        mnlogit.lr_test(
            mnlogit.fit("awards ~ meals", d, ref="No", **sub),
            mnlogit.fit("awards ~ meals + ell", d, ref="No", **sub),
        )
    # the advice, followed: the domain of the rows with ell, every PSU kept in the design
    small = mnlogit.fit(
        "awards ~ meals + mobility", d, ref="No", design=CLUSTERED, subpop="ell.notna()"
    )
    test, r = mnlogit.lr_test(small, full), ref["test"]
    np.testing.assert_allclose(test.statistic, r["chisq"], rtol=1e-9)
    np.testing.assert_allclose(test.details["design_effects"], [r["lambda"]], rtol=1e-8)
    assert test.details["df_denom"] == r["ddf"]
    np.testing.assert_allclose(test.pvalue, r["p"], rtol=1e-6)
