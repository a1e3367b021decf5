"""The separation check beside a column far from zero (x = 1e6 + z, a year, or its
interactions): nearly collinear with the intercept, but estimable, so the fit runs. The
separation it finds, the rows on its boundary and the coefficients marked as diverging are
those of the same data with x centred (a change of basis that moves no separating
direction), and the standard errors of the coefficients that do not diverge are finite.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


def fit(formula, df, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the SeparationWarning and the CollinearityWarning
        return mnlogit.fit(formula, df, **kw)


def only_b_separated(offset: float) -> pd.DataFrame:
    """'B' exactly when z > 0.2; 'A' and 'C' overlap elsewhere: only B's equation diverges
    and no row lies on the boundary."""
    rng = np.random.default_rng(3)
    z = rng.normal(size=60)
    y = np.where(z > 0.2, "B", rng.choice(["A", "C"], 60))
    return pd.DataFrame({"x": offset + z, "y": y})


def b_separated_within_g(offset: float) -> pd.DataFrame:
    """Within level b of g, 'B' exactly when z > 0.3: separated through the interaction."""
    rng = np.random.default_rng(7)
    z = rng.normal(size=120)
    g = rng.choice(["a", "b"], 120)
    y = rng.choice(["A", "B", "C"], 120)
    y = np.where((g == "b") & (z > 0.3), "B", np.where((g == "b") & (y == "B"), "A", y))
    return pd.DataFrame({"x": offset + z, "y": y, "g": g})


# up to the largest offsets the rank check accepts (it refuses x * g at 1e7)
CASES = [
    ("y ~ x", only_b_separated, 1e6),
    ("y ~ x", only_b_separated, 1e7),
    ("y ~ x * g", b_separated_within_g, 1e6),
    ("y ~ x * g", b_separated_within_g, 3e6),
]


@pytest.mark.parametrize(("formula", "make", "offset"), CASES)
def test_the_separation_beside_an_offset_column_is_that_of_the_centred_column(
    formula, make, offset
):
    centred = mnlogit.check_separation(formula, make(0.0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the CollinearityWarning
        far = mnlogit.check_separation(formula, make(offset))
    assert far is not None and centred is not None
    assert (far.kind, far.outcomes, far.rows) == (centred.kind, centred.outcomes, centred.rows)
    assert far.terms == centred.terms


@pytest.mark.parametrize(("formula", "make", "offset"), CASES)
def test_coefficients_that_do_not_diverge_keep_their_standard_errors(formula, make, offset):
    centred = fit(formula, make(0.0))
    far = fit(formula, make(offset))
    # the slopes of x and its interaction are the same coefficients in both bases; the
    # intercepts and g's dummies are not (they move with x's origin)
    slopes = [t for t in centred.params.index if t.startswith("x")]
    assert far.diverging.loc[slopes].equals(centred.diverging.loc[slopes])
    assert not far.diverging["C"].any()
    se_far, se_centred = far.bse.loc[slopes, "C"], centred.bse.loc[slopes, "C"]
    assert np.isfinite(se_far).all()
    np.testing.assert_allclose(se_far, se_centred, rtol=1e-5)
