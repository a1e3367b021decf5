"""AIC, BIC and pseudo-R2 of a maximum-likelihood fit stopped by separation, read as attributes.

Before, on the completely separated risk data, ``res.aic`` was 12.052 and McFadden's R2 0.998
after the default eight iterations, 13.045 and 0.960 with ``max_iter=5``, without a word, while
the summary marked them (!) and the log-likelihood rises to 0 (AIC 12, McFadden 1). Now each
read by the user's code warns that the value is the last iterate's and what the supremum is.
"""

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning, SeparationWarning

RISK = "risk ~ age + income"
STATISTICS = ("aic", "bic", "pseudo_r2")


def _fit(data, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        return mnlogit.fit(RISK, data, ref="low", **kwargs)


@pytest.fixture(scope="module")
def risk():
    return mnlogit.datasets.load("risk")


@pytest.fixture(scope="module")
def risk_ml(risk):
    return _fit(risk)


def _read(res, name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        getattr(res, name)
    return [str(w.message) for w in caught if issubclass(w.category, InferenceWarning)]


@pytest.mark.parametrize("name", STATISTICS)
def test_separated_statistic_warns_with_the_supremum(risk_ml, name):
    assert risk_ml.separation is not None
    messages = _read(risk_ml, name)
    assert len(messages) == 1
    message = messages[0]
    assert message.startswith(f"{name}: ")
    assert "last iterate's" in message
    # complete separation: every row's probability goes to 1, the log-likelihood to 0
    assert "along the diverging coefficients (0)" in message
    assert f"stopped ({risk_ml.llf:.6g})" in message
    assert "method='firth'" in message


def test_the_values_move_with_max_iter(risk):
    # what the warning is about: the same data, two stopping points, two AICs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        short, full = _fit(risk, max_iter=5), _fit(risk)
        assert short.aic - full.aic > 0.5  # tolerance: the gap is 0.99
        assert full.pseudo_r2["mcfadden"] < 1.0  # the supremum gives exactly 1


def test_other_fits_of_the_same_data_do_not_warn(risk):
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        firth = mnlogit.fit(RISK, risk, ref="low", method="firth")
        l2 = mnlogit.fit(RISK, risk, ref="low", penalty="l2", C=1.0)
        plain = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        assert np.isfinite(firth.aic) and np.isfinite(plain.aic) and np.isfinite(plain.bic)
        assert np.isfinite(firth.pseudo_r2).all() and np.isfinite(l2.pseudo_r2).all()


def test_renderings_stay_silent(risk_ml):
    # the summary and compare print the (!) and its note beside the numbers
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        text = str(risk_ml.summary())
        assert "(!)" in text
        mnlogit.compare([risk_ml])


def test_quasi_separation_names_a_finite_supremum():
    rng = np.random.default_rng(5)
    n = 120
    df = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(list("abcd"), n)})
    df["y"] = rng.choice(list("ABC"), n)
    df.loc[df.g == "d", "y"] = "C"  # level d holds only C: g[T.d] diverges
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        res = mnlogit.fit("y ~ x + g", df, ref="A")
    message = _read(res, "aic")[0]
    supremum = float(re.search(r"coefficients \((-?[\d.e+-]+)\)", message).group(1))
    # the supremum lies above where the fit stopped, by less than a unit here
    assert res.llf < supremum < res.llf + 1.0
