"""What a Stata user writes after ``mlogit``, and Stata's numbers: ``vce(robust)``,
``vce(cluster id)``, ``rrr`` and ``estat ic`` against Stata's documented formulas computed in R
(``tests/reference/make_stata_conventions.R``); Stata's words answered with what gives
Stata's numbers."""

import json
from pathlib import Path

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, OptionError

REFERENCE = json.loads(
    (Path(__file__).resolve().parent / "reference" / "stata_conventions.json").read_text()
)
FORMULA = "mode ~ income + age + region"


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


def _by_equation(frame):
    """A terms x outcomes table as R's vcov orders it: equation by equation."""
    return frame.T.to_numpy().ravel()


def test_stata_robust_is_the_one_row_clusters_and_said_so(travel):
    # Stata's vce(robust) after mlogit is HC0 times N/(N-1); the answer to vce= sent a
    # Stata user to cov_type='robust' alone, whose standard errors are smaller, unsaid
    with pytest.raises(InputTypeError, match=r"without the n/\(n-1\) factor of Stata's vce"):
        mnlogit.fit(FORMULA, travel, ref="car", vce="robust")
    with pytest.raises(OptionError, match=r"n/\(n-1\)"):
        mnlogit.fit(FORMULA, travel, ref="car", cov_type="vce(robust)")
    with pytest.raises(InputTypeError, match=r"n/\(n-1\)"):
        mnlogit.MNLogit.from_formula(FORMULA, travel, vce="robust")
    # what the answer says to do gives Stata's numbers
    rows = mnlogit.fit(
        FORMULA, travel, ref="car", cov_type="cluster", groups=np.arange(len(travel))
    )
    np.testing.assert_allclose(_by_equation(rows.bse), REFERENCE["se_robust_stata"], rtol=1e-6)
    hc0 = mnlogit.fit(FORMULA, travel, ref="car", cov_type="robust")
    n = REFERENCE["nobs"]
    np.testing.assert_allclose(
        _by_equation(hc0.bse) * np.sqrt(n / (n - 1)), REFERENCE["se_robust_stata"], rtol=1e-6
    )


def test_stata_cluster_is_g_over_g_minus_one_alone(travel):
    # mlogit's vce(cluster) is G/(G-1), without regress's (N-1)/(N-K)
    res = mnlogit.fit(FORMULA, travel, ref="car", cov_type="cluster", groups="household")
    np.testing.assert_allclose(_by_equation(res.bse), REFERENCE["se_cluster_stata"], rtol=1e-6)
    assert str(REFERENCE["clusters"]) in res.summary().as_text()


def test_rrr_and_estat_ic_are_stata_s(travel):
    res = mnlogit.fit(FORMULA, travel, ref="car")
    np.testing.assert_allclose(_by_equation(res.params), REFERENCE["params"], rtol=1e-6)
    rrr = res.odds_ratios()
    np.testing.assert_allclose(rrr["odds_ratio"], REFERENCE["rrr"], rtol=1e-6)
    np.testing.assert_allclose(rrr["lower"], REFERENCE["rrr_lower"], rtol=1e-6)
    np.testing.assert_allclose(rrr["upper"], REFERENCE["rrr_upper"], rtol=1e-6)
    assert res.nobs == REFERENCE["nobs"]
    np.testing.assert_allclose(res.llf, REFERENCE["llf"], rtol=1e-10)
    np.testing.assert_allclose(res.aic, REFERENCE["aic"], rtol=1e-10)
    np.testing.assert_allclose(res.bic, REFERENCE["bic"], rtol=1e-10)


@pytest.mark.parametrize("argv", [("--vce", "robust"), ("--robust",), ("--cov", "vce(robust)")])
def test_the_command_line_says_statas_robust_factor(capsys, argv):
    from test_cli_files import _main, _one_line_error

    status, out, err = _main(capsys, "fit", "--dataset", "travel", "mode ~ income", *argv)
    _one_line_error(status, out, err, "without the n/(n-1) factor of Stata's vce(robust)")
    assert "--cov cluster with each row its own group" in err
