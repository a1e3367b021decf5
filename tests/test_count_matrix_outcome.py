"""An outcome given as a matrix of counts per level (R's ``multinom(Y ~ x)`` of aggregated
data) is refused with the call that fits it, which gives R's estimates and log-likelihood
(tests/reference/make_count_matrix.R). The refusal said only "got shape (30, 3)", and of a
DataFrame "got a DataFrame with 3", the word "columns" missing."""

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError

REF = json.loads((refdata.REF_DIR / "count_matrix.json").read_text())


@pytest.fixture(scope="module")
def counts():
    d = pd.read_csv(refdata.REF_DIR / "count_matrix.csv")
    return d[["a", "b", "c"]], pd.DataFrame({"const": 1.0, "x": d["x"]})


def advice(message: str) -> str:
    found = re.search(r"frequency weight: (MNLogit\(.*\)\))", message)
    assert found is not None, message
    return found.group(1)


def check_against_r(res: mnlogit.MNLogitResults) -> None:
    np.testing.assert_allclose(res.params.to_numpy().T, REF["coef"], rtol=1e-6)
    np.testing.assert_allclose(res.bse.to_numpy().T, REF["se"], rtol=1e-5)
    assert res.llf == pytest.approx(REF["loglik"], rel=1e-9)
    assert res.nobs == REF["total"]


@pytest.mark.parametrize("kind", ["DataFrame", "array"])
def test_a_count_matrix_is_refused_with_the_call_that_fits_it(counts, kind):
    Y, X = counts
    y = Y if kind == "DataFrame" else Y.to_numpy()
    X = X if kind == "DataFrame" else X.to_numpy()
    with pytest.raises(DataError, match="counts per outcome level") as info:
        mnlogit.MNLogit(y, X)
    message = str(info.value)
    if kind == "DataFrame":
        assert "got a DataFrame with 3 columns" in message
    # the advice as written, run on the user's names: R's fit
    res = eval(advice(message), {"MNLogit": mnlogit.MNLogit, "np": np, "y": y, "X": X}).fit()
    check_against_r(res)
    if kind == "DataFrame":
        assert list(res.outcomes) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "y",
    [
        np.array([[1, 0.5], [2, 3]]),  # not whole numbers
        np.array([[1, -1], [2, 3]]),  # a negative count
        np.array([["a", "b"], ["c", "d"]]),
    ],
)
def test_other_matrices_get_no_such_advice(y):
    with pytest.raises(DataError) as info:
        mnlogit.MNLogit(y, np.ones((2, 1)))
    assert "counts per outcome level" not in str(info.value)
