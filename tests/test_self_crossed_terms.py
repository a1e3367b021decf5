"""A term crossed with itself outside a function call (``x^2``, ``x**2``, ``x*x``, ``x:x``,
``log(x)^2``) is that term alone, as in R: the fit is R's, and a warning says that it has no
square and what to write for one, where a Python reader of ``x**2`` expects the square."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mnlogit
from mnlogit import MNLogitWarning

DF = mnlogit.datasets.load("travel")


@pytest.mark.parametrize(
    ("formula", "part", "square"),
    [
        ("mode ~ income + income^2", "income^2", "I(income**2)"),
        ("mode ~ income**2", "income**2", "I(income**2)"),
        ("mode ~ income*income + age", "income*income", "I(income**2)"),
        ("mode ~ income:income", "income:income", "I(income**2)"),
        ("mode ~ np.log(income)^2", "np.log(income)^2", "I(np.log(income)**2)"),
        ("mode ~ (income:age)^2", "(income:age)^2", None),
    ],
)
def test_warned_and_fitted_as_the_term_alone(formula: str, part: str, square: str | None) -> None:
    with pytest.warns(MNLogitWarning, match="crossed with itself") as record:
        res = mnlogit.fit(formula, DF, ref="car")
    said = str(record[0].message)
    assert part in said
    if square is not None:
        assert f"its square is {square}" in said
    # the same model as the term written once (R's reading)
    alone = formula.replace(part, part.split("^")[0].split("**")[0].split("*")[0].split(":")[0])
    if part.startswith("(income:age)"):
        alone = "mode ~ income:age"
    assert list(res.params.index) == list(mnlogit.fit(alone, DF, ref="car").params.index)
    np.testing.assert_allclose(res.llf, mnlogit.fit(alone, DF, ref="car").llf, rtol=1e-12)


@pytest.mark.parametrize(
    "formula",
    [
        "mode ~ income + I(income**2)",
        "mode ~ income + I(income^2)",
        "mode ~ (income + age)^2",
        "mode ~ income*age",
        "mode ~ income:age + income",
        "mode ~ poly(income, 2)",
    ],
)
def test_no_warning_where_the_formula_means_what_it_says(formula: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", MNLogitWarning)
        mnlogit.fit(formula, DF, ref="car")


def test_the_command_line_says_it_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from mnlogit.__main__ import main

    status = main(["fit", "--dataset", "travel", "mode ~ parking + parking^2", "--ref", "car"])
    err = capsys.readouterr().err
    assert status == 0
    lines = [line for line in err.splitlines() if "crossed with itself" in line]
    assert len(lines) == 1 and "I(parking**2)" in lines[0]


@pytest.mark.slow
def test_a_dask_fit_warns_as_the_fit_in_memory() -> None:
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(DF[["mode", "income"]], npartitions=3)
    with pytest.warns(MNLogitWarning, match=r"income\^2 is income crossed with itself"):
        res = mnlogit.fit("mode ~ income^2", ddf, ref="car")
    np.testing.assert_allclose(res.llf, mnlogit.fit("mode ~ income", DF, ref="car").llf, rtol=1e-10)


@pytest.mark.parametrize("formula", ["mode ~ region*region", "mode ~ C(region)^2"])
def test_a_factor_crossed_with_itself_is_offered_no_square(formula: str) -> None:
    with pytest.warns(MNLogitWarning, match="crossed with itself") as record:
        mnlogit.fit(formula, DF, ref="car")
    assert "square" not in str(record[0].message)


@pytest.mark.parametrize(
    ("formula", "alone"),
    [
        ("mode ~ income*age*income", "mode ~ income*age"),
        ("mode ~ income:age:income", "mode ~ income:age"),
        ("mode ~ income*income*income", "mode ~ income"),
    ],
)
def test_a_term_repeated_in_a_product_is_said_to_be_written_once(formula: str, alone: str) -> None:
    with pytest.warns(MNLogitWarning, match="income") as record:
        res = mnlogit.fit(formula, DF, ref="car")
    said = str(record[0].message)
    assert "with itself" in said and "I(income**2)" in said
    np.testing.assert_allclose(res.llf, mnlogit.fit(alone, DF, ref="car").llf, rtol=1e-12)
