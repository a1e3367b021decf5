"""Literal arguments of poly(), bs() and the natural splines that formulaic reads otherwise
than written: a flag read by its truth (poly(x, 2, raw='no') fitted raw powers), bs(x, df=0)
fitted as the cubic without knots (R's bs() warns that it used 3), and a whole number
written as a float (poly(x, 2.0), which R reads as 2) failed with "'float' object cannot be
interpreted as an integer"; knots out of order; and arguments a transform does not take,
answered with what it takes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 200
    return pd.DataFrame(
        {"y": rng.choice(["A", "B", "C"], n), "x": rng.normal(size=n), "z": rng.uniform(1, 5, n)}
    )


@pytest.mark.parametrize(
    ("term", "said"),
    [
        ("poly(x, 2, raw='no')", r"poly\(\)'s raw= is True or False, not 'no'"),
        ("poly(x, 2, 1)", r"poly\(\)'s raw= is True or False, not 1"),
        ("bs(z, df=4, include_intercept=1)", r"include_intercept= is True or False, not 1"),
        ("bs(z, df=0)", r"df=0 gives no degrees of freedom"),
        ("poly(x, 2.0)", r"poly\(\)'s degree= is a whole number, not 2.0: write degree=2"),
        ("scale(poly(x, degree=2.5))", r"degree= is a whole number, not 2.5$"),
        ("bs(z, df=4.0)", r"bs\(\)'s df= is a whole number, not 4.0: write df=4"),
        ("cr(z, df=True, constraints='center')", r"cr\(\)'s df= is a whole number, not True"),
        ("bs(z, df=5, degree=-1)", r"degree= is a whole number of at least 0, not -1"),
        ("center(x, 3)", r"center\(x\) takes the column alone .*I\(x - 3\)"),
        ("poly(x, deg=2)", r"'deg'\]; poly\(x, degree=1, raw=False\) takes those"),
        ("bs(z, n_knots=3)", r"bs\(x, df=None, knots=None, degree=3, .*\) takes those"),
        ("cr(z, k=4)", r"cr\(x, df=None, .*mgcv's k= is df="),
        ("scale(x, scaling=False)", r"scale\(x, center=True, scale=True, ddof=1\) takes those"),
    ],
)
def test_an_argument_read_otherwise_or_not_taken_is_refused(df, term, said):
    # also: an argument a transform does not take was formulaic's TypeError alone, naming
    # its internals ("center() got multiple values for argument '_state'")
    with pytest.raises(FormulaError, match=said):
        mnlogit.fit(f"y ~ {term}", df)


@pytest.mark.parametrize(
    "term",
    [
        "poly(x, 2, raw=True)",
        "poly(x, degree=2)",
        "bs(z, 4)",
        "bs(z, None, [2, 3])",
        "poly(`x`, 2)",
    ],
)
def test_arguments_as_written_still_fit(df, term):
    assert mnlogit.fit(f"y ~ {term}", df).converged


@pytest.mark.parametrize(
    ("term", "said"),
    [
        ("bs(x, knots=[1, -1])", r"knots are to be given in increasing order.*knots=\[-1, 1\]"),
        ("bs(x, None, (0.5, -0.5, 0.0))", r"increasing order.*knots=\[-0.5, 0.0, 0.5\]"),
        ("cr(x, knots=[1, -1, 0])", r"cr\(\)'s knots are to be given in increasing order"),
        (
            "bs(x, df=4, lower_bound=3.5, upper_bound=-3.5, extrapolation='extend')",
            r"lower_bound= \(3.5\) must be below its upper_bound= \(-3.5\)",
        ),
        (
            "bs(x, knots=[0], lower_bound=1, extrapolation='extend')",
            r"knot\(s\) \[0\] lie outside its bounds \(lower_bound=1\)",
        ),
        ("bs(x, knots=[np.nan])", r"bs\(\)'s knots are finite numbers; got \[nan\]"),
        ("bs(x, df=4, upper_bound=np.inf)", r"upper_bound= is a finite number, not inf"),
        ("cr(x, df=3, lower_bound=np.nan)", r"cr\(\)'s lower_bound= is a finite number, not nan"),
    ],
)
def test_knots_and_bounds_out_of_order_or_not_finite_are_refused(df, term, said):
    # formulaic's basis of knots out of order is no B-spline basis (values below 0, rows
    # not summing to 1): bs(x, knots=[1, -1]) fitted another model than knots=[-1, 1],
    # which R's bs() sorts them into; knots or bounds of NaN were refused as a transform
    # giving missing values "(e.g. log or sqrt of a negative number)", inf as columns of 0
    with pytest.raises(FormulaError, match=said):
        mnlogit.fit(f"y ~ {term}", df)


def test_knots_in_order_fit_the_model_r_fits_with_them_in_any_order(df):
    sorted_fit = mnlogit.fit("y ~ bs(x, knots=[-1, 1])", df)
    repeated = mnlogit.fit("y ~ bs(x, knots=[0, 0])", df)  # a repeated knot is allowed
    assert sorted_fit.params.shape == repeated.params.shape == (6, 2)


@pytest.mark.parametrize("term", ["scale(Q('True'))", "poly(Q('class'), 2)", "bs(Q('True'), df=4)"])
def test_q_of_a_keyword_inside_a_stateful_transform_says_to_rename(df, term):
    # formulaic writes the transform's input back as `True` and reads the keyword: numpy's
    # "axis 0 is out of bounds for array of dimension 0" or "tuple index out of range"
    d = df.rename(columns={"x": "class", "z": "True"})
    with pytest.raises(
        FormulaError, match=r"named like the Python keyword .* even with Q\(\); rename"
    ):
        mnlogit.fit(f"y ~ {term}", d)
    # Q() reads such a column elsewhere
    assert mnlogit.fit("y ~ np.log(Q('True')) + Q('class')", d).params.shape == (3, 2)


def test_knots_none_written_out_is_the_default(df):
    # refused as "knots= is given one number, R's spelling of one knot: write knots=[None]"
    res = mnlogit.fit("y ~ bs(z, df=4, knots=None)", df)
    np.testing.assert_allclose(res.llf, mnlogit.fit("y ~ bs(z, df=4)", df).llf, rtol=1e-12)
