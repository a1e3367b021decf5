"""An outcome level of one row under a sandwich covariance: its equation's robust standard
errors rest on that row's own score and came out many times smaller than the model-based
ones (0.11 against 0.97 for a slope), with a warning that spoke only of estimability."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RareLevelWarning


def one_row_level() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 200
    y = rng.choice(["a", "b"], n).astype(object)
    y[17] = "c"  # one row of c, in the middle of x's range
    return pd.DataFrame({"x": rng.standard_normal(n), "y": y})


def rare_warning(**options) -> tuple[str, mnlogit.MNLogitResults]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x", one_row_level(), ref="a", **options)
    said = [str(w.message) for w in caught if issubclass(w.category, RareLevelWarning)]
    assert len(said) == 1
    return said[0], res


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_a_sandwich_fit_is_told_its_rare_equations_standard_errors_can_be_far_too_small(
    cov_type,
):
    options = {"cov_type": cov_type}
    if cov_type == "cluster":
        options["groups"] = np.arange(200)  # one row per cluster: the robust sandwich again
    said, res = rare_warning(**options)
    assert "sandwich standard errors" in said and "cov_type='nonrobust'" in said
    # what the sentence is about: the slope of c, 9x smaller than the model-based one
    _, model_based = rare_warning()
    assert res.bse.loc["x", "c"] < 0.2 * model_based.bse.loc["x", "c"]


def test_the_model_based_fit_is_not_told_of_sandwiches():
    said, _ = rare_warning()
    assert "sandwich" not in said


def test_the_command_line_says_it_with_its_option(tmp_path, capsys):
    from mnlogit.__main__ import main

    one_row_level().to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--ref", "a", "--cov", "robust"]) == 0
    err = capsys.readouterr().err
    assert "sandwich standard errors" in err and "--cov nonrobust" in err
