"""A sampling fraction of 0 among sampling fractions: R's survey package reads it as a
population of n_h / 0 = inf PSUs, a stratum without correction (tests/reference/
make_survey_fpc_zero.R). It was refused ("expected positive numbers (..., inf for a stratum
without correction, ...)"), and the inf it advised was refused in turn as a count mixed with
fractions: a design given as fractions could not leave a stratum uncorrected."""

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError

REF = json.loads((refdata.REF_DIR / "survey_fpc_zero.json").read_text())
FORMULA = "awards ~ meals + ell + mobility"
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum", fpc="f")


@pytest.fixture(scope="module")
def apistrat():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(f=np.where(d["stype"] == "E", 0.0, 0.1))


def _fit(data, case):
    subpop = REF["cases"][case]["subpop"]
    return mnlogit.fit(FORMULA, data, ref="No", design=DESIGN, subpop=subpop)


@pytest.mark.parametrize("case", ["whole", "subpop"])
def test_a_fraction_of_zero_is_a_stratum_without_correction_as_in_r(apistrat, case):
    ref = REF["cases"][case]
    res = _fit(apistrat, case)
    np.testing.assert_allclose(res.params.to_numpy().ravel(), ref["params"], rtol=1e-8)
    np.testing.assert_allclose(res.bse.to_numpy().ravel(), np.sqrt(np.diag(ref["cov"])), rtol=1e-6)
    np.testing.assert_allclose(res.cov_params().to_numpy(), ref["cov"], rtol=1e-6, atol=1e-14)
    assert res.df_design == REF["degf"]


@pytest.mark.slow
def test_on_dask_too(apistrat):
    dd = pytest.importorskip("dask.dataframe")
    res = _fit(dd.from_pandas(apistrat, npartitions=3), "subpop")
    np.testing.assert_allclose(
        res.bse.to_numpy().ravel(), np.sqrt(np.diag(REF["cases"]["subpop"]["cov"])), rtol=1e-6
    )


def test_every_fraction_zero_is_the_design_without_fpc(apistrat):
    none = mnlogit.fit(
        FORMULA,
        apistrat,
        ref="No",
        design=mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum"),
    )
    zero = mnlogit.fit(FORMULA, apistrat.assign(f=0.0), ref="No", design=DESIGN)
    np.testing.assert_allclose(zero.bse.to_numpy(), none.bse.to_numpy(), rtol=1e-12)


def test_inf_among_fractions_is_refused_saying_how_fractions_write_it(apistrat):
    odd = apistrat.assign(f=np.where(apistrat["stype"] == "E", np.inf, 0.1))
    with pytest.raises(DataError, match=r"mixes .* inf among population counts and 0 among"):
        mnlogit.fit(FORMULA, odd, ref="No", design=DESIGN)


def test_zero_among_counts_is_refused_naming_its_rows_and_how_counts_write_it(apistrat):
    odd = apistrat.assign(f=np.where(apistrat.index == 9, 0.0, apistrat["fpc"]))
    with pytest.raises(
        DataError, match=r"got 0(\.0)? in row 9 \(beside population counts: there a stratum "
    ):
        mnlogit.fit(FORMULA, odd, ref="No", design=DESIGN)


def test_negative_fractions_are_still_refused(apistrat):
    odd = apistrat.assign(f=np.where(apistrat.index == 3, -0.1, apistrat["f"]))
    with pytest.raises(DataError, match=r"fpc column 'f': expected positive numbers .* row 3"):
        mnlogit.fit(FORMULA, odd, ref="No", design=DESIGN)
