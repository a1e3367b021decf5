"""Weights of True/False held as objects (a nullable boolean column with a missing value, or
booleans among Python objects) are refused with the advice for booleans: the refusal said to
convert them with pd.to_numeric, which keeps True/False, so following it led to the refusal
of a boolean column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 90
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.choice(list("ABC"), n),
            "flag": rng.random(n) < 0.7,
        }
    )


WEIGHTS = {
    "nullable with a missing value": lambda s: s.astype("boolean").where(s.index != 3),
    "objects": lambda s: s.astype(object),
}


@pytest.mark.parametrize("kind", list(WEIGHTS))
@pytest.mark.parametrize("survey", [False, True])
def test_the_advice_is_the_one_for_booleans_and_can_be_followed(kind, survey):
    df = _data()
    w = WEIGHTS[kind](df["flag"])

    def fit(weights):
        if survey:
            return mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(weights=weights))
        return mnlogit.fit("y ~ x", df, weights=weights)

    with pytest.raises(InputTypeError, match=r"\.astype\(float\) if True and False") as err:
        fit(w)
    assert "pd.to_numeric" not in str(err.value)
    assert pd.api.types.is_bool_dtype(pd.to_numeric(w))  # the old advice kept them booleans
    if kind == "objects":  # followed, the advice gives weights a fit takes
        res = fit(w.astype(float))
        assert res.nobs == df["flag"].sum()


@pytest.mark.parametrize("survey", [False, True])
def test_objects_with_pandas_missing_value_are_told_a_conversion_that_runs(survey):
    # the advice .astype(float) raised "float() argument must be ... not 'NAType'"
    df = _data()
    w = df["flag"].astype(object).where(df.index != 3, pd.NA)
    fit = (
        (lambda v: mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(weights=v)))
        if survey
        else (lambda v: mnlogit.fit("y ~ x", df, weights=v))
    )
    with pytest.raises(InputTypeError, match=r"astype\('boolean'\)\.astype\(float\)") as err:
        fit(w)
    assert "pd.to_numeric" not in str(err.value)
    converted = w.astype("boolean").astype(float)  # followed, it runs
    assert np.isnan(converted[3]) and converted.drop(3).isin([0.0, 1.0]).all()


@pytest.mark.parametrize("survey", [False, True])
def test_on_partitions_objects_stored_as_text_are_told_to_convert_before(survey):
    # from_pandas stores them as 'True'/'False': the advice pd.to_numeric cannot read them
    dd = pytest.importorskip("dask.dataframe")
    df = _data().assign(w=lambda d: d["flag"].astype(object))
    parts = dd.from_pandas(df, npartitions=2)
    if not isinstance(parts["w"].dtype, pd.StringDtype):
        pytest.skip("this dask keeps Python objects as objects")
    design = {"design": mnlogit.SurveyDesign(weights="w")} if survey else {"weights": "w"}
    with pytest.raises(InputTypeError, match=r"before from_pandas, df\['w'\]\.astype\(float\)"):
        mnlogit.fit("y ~ x", parts, **design)
    with pytest.raises(ValueError, match="Unable to parse string 'False'"):
        dd.to_numeric(parts["w"]).compute()  # what the refusal said to do
    res = mnlogit.fit("y ~ x", dd.from_pandas(df.assign(w=df["w"].astype(float)), 2), **design)
    assert res.nobs == df["flag"].sum()
