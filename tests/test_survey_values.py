"""Sampling weights and fpc in the forms data arrive in: numbers stored as Python objects (a
column built row by row, or read from a database as Decimal) are the numbers they are, as
frequency weights and predictors already were; text is refused quoting a value and its
rows; a subpopulation whose weights are all zero says so."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

FORMULA = "y ~ x"
DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="g", fpc="N")


def data(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "y": rng.choice(list("abc"), n),
            "x": rng.standard_normal(n),
            "st": rng.integers(0, 2, n),
            "g": rng.integers(0, 8, n),
            "w": rng.uniform(1, 40, n).round(3),
        }
    )
    return d.assign(N=np.where(d["st"] == 0, 40, 90))


def as_objects(s: pd.Series) -> pd.Series:
    return pd.Series(s.tolist(), index=s.index, dtype=object)


@pytest.mark.parametrize(
    "convert",
    [as_objects, lambda s: s.map(lambda v: Decimal(str(v))).astype(object)],
    ids=["python numbers", "Decimal"],
)
@pytest.mark.parametrize("role", ["w", "N"])
def test_numbers_stored_as_objects_fit_as_numbers(convert, role):
    d = data()
    res = mnlogit.fit(FORMULA, d.assign(**{role: convert(d[role])}), ref="a", design=DESIGN)
    plain = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN)
    np.testing.assert_allclose(res.params, plain.params, rtol=1e-12)
    np.testing.assert_allclose(res.bse, plain.bse, rtol=1e-12)


@pytest.mark.parametrize("role", ["w", "N"])
def test_text_is_refused_quoting_a_value_and_its_rows(role):
    d = data()
    d.index = d.index + 100
    bad = as_objects(d[role]).where(d.index != 103, "n/a")
    with pytest.raises(InputTypeError, match=r"expected numbers; got 'n/a' \(str\) in row 103;"):
        mnlogit.fit(FORMULA, d.assign(**{role: bad}), ref="a", design=DESIGN)


def _odd_numbers(values: pd.Series, kind: str) -> pd.Series | np.ndarray:
    if kind == "complex":
        return values + 1j * np.arange(len(values))
    if kind == "time spans":
        return pd.to_timedelta(values, unit="s")
    return (values + 1j).to_numpy()  # one value per row, not a column


@pytest.mark.parametrize("kind", ["complex", "time spans", "complex values per row"])
@pytest.mark.parametrize(
    ("options", "role", "name"),
    [
        ({"design": DESIGN}, "w", "weights"),
        ({"design": DESIGN}, "N", "fpc"),
        ({"weights": "w", "weight_type": "probability"}, "w", "weights"),
        ({"weights": "w"}, "w", "weights"),
    ],
    ids=["design weights", "design fpc", "probability weights", "frequency weights"],
)
def test_complex_numbers_and_time_spans_are_refused_as_weights_and_fpc(kind, options, role, name):
    """numpy files complex numbers and time spans (an integer type to it) under numbers, so
    they passed as weights: the imaginary parts vanished, and frequency weights of 2 seconds
    counted as 2e6 rows each (microseconds), nobs 1e9 with standard errors 1e3 times too
    small. fpc went the same way. Now each is refused naming the role and the dtype."""
    d = data().assign(w=lambda f: f["w"].round())
    odd = _odd_numbers(d[role], kind)
    if isinstance(odd, np.ndarray):  # given as values, not as a column's name
        if "design" in options:
            options = {"design": replace(DESIGN, **{"weights" if role == "w" else "fpc": odd})}
        else:
            options = {**options, "weights": odd}
    else:
        d[role] = odd
    with pytest.raises(InputTypeError, match=rf"{name}.*expected numbers; got dtype"):
        mnlogit.fit(FORMULA, d, ref="a", **options)


@pytest.mark.slow
@pytest.mark.parametrize("options", [{"weights": "w"}, {"design": DESIGN}], ids=["freq", "design"])
def test_dask_refuses_complex_weights_and_time_spans_too(options):
    dd = pytest.importorskip("dask.dataframe")
    d = data()
    for odd in (d["w"] + 1j, pd.to_timedelta(d["w"].round(), unit="s")):
        with pytest.raises(InputTypeError, match=r"column .w.: expected numbers; got dtype"):
            mnlogit.fit(FORMULA, dd.from_pandas(d.assign(w=odd), npartitions=2), ref="a", **options)


def test_a_missing_value_among_objects_is_refused_as_missing():
    d = data()
    w = as_objects(d["w"]).where(d.index != 5, None)
    with pytest.raises(DataError, match=r"not missing; got None in row 5"):
        mnlogit.fit(FORMULA, d.assign(w=w), ref="a", design=DESIGN)


@pytest.mark.parametrize(
    ("column", "what"),
    [("st", "stratum"), ("g", "PSU"), ("w", "sampling weight"), ("N", "fpc")],
)
def test_a_missing_design_value_says_what_to_do_since_missing_drop_keeps_the_row(column, what):
    """A row missing its stratum, PSU, weight or fpc was refused with missing='drop' saying
    only that every row needs one: the user had asked for rows with missing values to be
    dropped and was not told that those rows stay in the design, nor what to do instead."""
    d = data()
    d[column] = d[column].astype(float).where(d.index != 3)
    with pytest.raises(
        DataError,
        match=rf"row 3; give those rows their {what}, or drop them from the data if they are "
        r"not part of the sample \(missing='drop' drops only rows missing a model variable",
    ):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, missing="drop")


@pytest.mark.parametrize("role", ["strata", "psu"])
def test_identifiers_that_cannot_be_hashed_are_refused_naming_the_rows(role):
    """Strata or PSUs held as lists (a column built from parsed JSON, say) stopped the fit
    with pandas' 'TypeError: unhashable type: list'."""
    d = data()
    odd = pd.Series([[v] for v in d["g"]], index=d.index, dtype=object)
    spec = {"weights": "w", "strata": "st", "psu": "g", role: "odd"}
    with pytest.raises(
        InputTypeError, match=rf"{role} column 'odd' holds list values \(\[\d\]\) in rows 0, 1"
    ):
        mnlogit.fit(FORMULA, d.assign(odd=odd), ref="a", design=mnlogit.SurveyDesign(**spec))


@pytest.mark.parametrize(
    ("subpop", "error", "message"),
    [
        ("lists", InputTypeError, r"subpop: the values given must be True/False for each row"),
        (
            "column",
            DataError,
            r"expected one value per row \(400\); got values of shape \(400, 1\)",
        ),
        ("ragged", DataError, r"expected one value per row \(400\); got nested lists"),
    ],
)
def test_a_subpopulation_of_odd_shape_or_values_is_refused_saying_so(subpop, error, message):
    """A subpopulation of lists stopped the fit with 'TypeError: unhashable type: list', one
    of shape (n, 1) with pandas' 'ValueError: Data must be 1-dimensional'."""
    d = data()
    given = {
        "lists": pd.Series([[True]] * len(d), dtype=object),
        "column": np.ones((len(d), 1), bool),
        "ragged": [[True], [True, False]] * (len(d) // 2),
    }[subpop]
    with pytest.raises(error, match=message):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=given)


def test_a_column_name_with_arrays_says_to_pass_values_not_that_no_columns_exist():
    """MNLogit(y, X, design=SurveyDesign(weights="w")) with y a Series answered "column 'w'
    not found in the data; columns are " and an empty list; a single True as subpop= said
    'got values of shape ()'."""
    d = data()
    X = d[["x"]].assign(Intercept=1.0)
    with pytest.raises(
        InputTypeError,
        match=r"weights: a column name \('w'\) needs the data as a DataFrame \(mnlogit.fit\("
        r"formula, data, ...\)\); with arrays, pass one value per row",
    ):
        mnlogit.MNLogit(d["y"], X, design=mnlogit.SurveyDesign(weights="w"))
    with pytest.raises(DataError, match=r"one value per row \(400\); got a single bool \(True\)"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=True)


def test_a_subpopulation_of_zero_weights_says_so():
    d = data()
    d.loc[d["st"] == 1, "w"] = 0.0
    with pytest.raises(DataError, match="subpopulation's rows include no row of positive weight"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop="st == 1")


@pytest.mark.slow
def test_dask_refusals_name_the_column_and_the_subpopulation():
    dd = pytest.importorskip("dask.dataframe")
    d = data()
    with pytest.raises(InputTypeError, match=r"weights column 'w': expected numbers; got dtype"):
        mnlogit.fit(FORMULA, dd.from_pandas(d.assign(w=d["w"] > 5), npartitions=2), design=DESIGN)
    zero = d.assign(w=d["w"].where(d["st"] == 0, 0.0))
    with pytest.raises(DataError, match="subpopulation's rows include no row of positive weight"):
        mnlogit.fit(FORMULA, dd.from_pandas(zero, npartitions=2), design=DESIGN, subpop="st == 1")
    with pytest.raises(DataError, match="selects no rows"):
        mnlogit.fit(FORMULA, dd.from_pandas(d, npartitions=2), design=DESIGN, subpop="st == 5")


# --- the array interface: rows outside the subpopulation may hold anything ----------------------
def _arrays(d: pd.DataFrame):
    X = np.column_stack([np.ones(len(d)), d["x"].to_numpy(float)])
    design = mnlogit.SurveyDesign(
        weights=d["w"].to_numpy(), strata=d["st"].to_numpy(), psu=d["g"].to_numpy()
    )
    return d["y"].to_numpy(object).copy(), X, design


def test_missing_values_outside_the_subpopulation_do_not_stop_an_array_fit():
    """They were refused with the advice to drop those rows, which would change the design:
    a PSU left without rows no longer counts, and the variance changes with it."""
    d = data()
    inside = (d["st"] == 1).to_numpy()
    y, X, design = _arrays(d)
    outside = np.flatnonzero(~inside)
    X[outside[:3], 1] = np.nan
    y[outside[3]] = None
    res = mnlogit.MNLogit(y, X, ref="a", design=design, subpop=inside).fit()
    formula = mnlogit.fit(
        FORMULA,
        d.assign(x=d["x"].where(d.index != outside[0])),
        ref="a",
        design=mnlogit.SurveyDesign(weights="w", strata="st", psu="g"),
        subpop="st == 1",
    )
    np.testing.assert_allclose(res.bse.to_numpy(), formula.bse.to_numpy(), rtol=1e-10)


def test_missing_values_inside_the_subpopulation_say_not_to_drop_rows():
    d = data()
    inside = (d["st"] == 1).to_numpy()
    y, X, design = _arrays(d)
    X[np.flatnonzero(inside)[0], 1] = np.nan
    with pytest.raises(DataError, match=r"'x1'; leave those rows out of the subpopulation"):
        mnlogit.MNLogit(y, X, ref="a", design=design, subpop=inside)
    y[np.flatnonzero(inside)[1]] = None
    with pytest.raises(DataError, match=r"1 missing value\(s\) in the subpopulation, first in"):
        mnlogit.MNLogit(y, X, ref="a", design=design, subpop=inside)
    with pytest.raises(DataError, match=r"first in row \d+; leave those rows out"):
        mnlogit.MNLogit(y, np.nan_to_num(X), ref="a", design=design)


# --- identifiers that differ only in type ---------------------------------------------------------
@pytest.mark.parametrize("role", ["g", "st"])
def test_ids_that_differ_only_in_type_are_refused(role):
    """401 in some rows and '401' in others (a file merged from two sources) were two PSUs
    in memory, and one on Dask (which reads such a column as text): 173 PSUs against 162."""
    d = data()
    ids = d[role].astype(object)
    ids[::2] = ids[::2].astype(str)
    with pytest.raises(DataError, match=r"holds \d+ \(int\) and '\d+' \(str\) in rows .*differ"):
        mnlogit.fit(FORMULA, d.assign(**{role: ids}), ref="a", design=DESIGN)
    # numbers and words that no reading confuses stay distinct labels
    words = d[role].astype(object).where(d[role] != 1, "one")
    mnlogit.fit(FORMULA, d.assign(**{role: words}), ref="a", design=DESIGN)


def _halves_of_two_types(ids: pd.Series) -> pd.Series:
    """The first half of the rows as numbers, the second as text: a table appended to another."""
    ids = ids.astype(object)
    half = len(ids) // 2
    ids.iloc[half:] = ids.iloc[half:].astype(str)
    return ids


@pytest.mark.slow
@pytest.mark.parametrize("role", ["g", "st"])
def test_dask_refuses_ids_that_differ_in_type_between_partitions(role):
    """Each partition was checked on its own rows, so 148 in one partition and '148' in
    another (object columns kept as objects) were two PSUs: 15 more design df, standard errors
    0.015 off, where the same rows in memory are refused."""
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    d = data().assign(**{role: lambda f: _halves_of_two_types(f[role])})
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(d, npartitions=2, sort=False)
        with pytest.raises(DataError, match=r"holds .* in different partitions: values that"):
            mnlogit.fit(FORMULA, ddf, ref="a", design=DESIGN)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["pandas", "dask"])
def test_cluster_ids_that_differ_only_in_type_are_refused(backend):
    """Cluster-robust groups of 148 in some rows and '148' in others were two clusters,
    silently (standard errors 0.022 off on the api data), where a survey design's PSUs were
    refused; a dask DataFrame of objects did the same."""
    d = data().assign(f=1.0)
    d["g"] = _halves_of_two_types(d["g"])
    frame: object = d
    if backend == "dask":
        dask = pytest.importorskip("dask")
        dd = pytest.importorskip("dask.dataframe")
        with dask.config.set({"dataframe.convert-string": False}):
            frame = dd.from_pandas(d, npartitions=2, sort=False)
    with pytest.raises(
        DataError,
        match=r"groups holds .*\((int|str)\): values that differ only in type, which would be "
        "two clusters",
    ):
        mnlogit.fit(FORMULA, frame, ref="a", cov_type="cluster", groups="g")
    words = d["g"].where(d["g"].astype(str) != "1", "one")
    words = words.map(lambda v: v if isinstance(v, str) else f"n{v}")
    mnlogit.fit(FORMULA, d.assign(g=words), ref="a", cov_type="cluster", groups="g")


@pytest.mark.parametrize("role", ["groups", "psu"])
def test_whole_floats_beside_the_same_numbers_as_text_are_refused(role):
    """148.0 in some rows (a source whose column held a missing value, read as floats) and
    '148' in others were two clusters or PSUs, silently: only 148 beside '148' was caught."""
    d = data().assign(f=1.0)
    ids = d["g"].astype(float).astype(object)
    half = len(ids) // 2
    ids.iloc[half:] = d["g"].iloc[half:].astype(str)
    d = d.assign(g=ids)
    fit = (
        {"cov_type": "cluster", "groups": "g"}
        if role == "groups"
        else {"design": DESIGN, "weight_type": "probability"}
    )
    with pytest.raises(
        DataError, match=r"holds .*\((float|str)\).*differ only in type.*to_numeric"
    ):
        mnlogit.fit(FORMULA, d, ref="a", **fit)
    mnlogit.fit(FORMULA, d.assign(g=pd.to_numeric(d["g"])), ref="a", **fit)


# --- several columns for one role (R's ids = ~dnum + snum) ----------------------------------------
@pytest.mark.parametrize(
    ("role", "value", "match"),
    [
        ("psu", ["g", "x"], r"psu: got several column names \['g', 'x'\]; .* psu='g'"),
        ("strata", ["st", "g"], r"strata: .*combine them first, e.g. df\['st'\].astype\(str\)"),
        ("fpc", ["N", "N"], r"later stage's finite-population correction is not supported"),
        ("weights", ["w", "w"], r"weights= takes one column \(a sample's weights of several "),
        ("psu", ("g",), r"got a list \['g'\]; give the column name itself: psu='g'"),
    ],
)
def test_several_columns_for_one_role_say_what_to_give(role, value, match):
    """They were read as two values for every row and refused as 'expected one value per
    row of the data (400); got shape (2,)'."""
    d = data()
    spec = {"weights": "w", "strata": "st", "psu": "g", "fpc": "N", role: value}
    with pytest.raises(mnlogit.exceptions.OptionError, match=match):
        mnlogit.fit(FORMULA, d, ref="a", design=mnlogit.SurveyDesign(**spec))


@pytest.mark.slow
def test_dask_says_the_same_of_several_columns():
    dd = pytest.importorskip("dask.dataframe")
    with pytest.raises(mnlogit.exceptions.OptionError, match=r"psu: got several column names"):
        mnlogit.fit(
            FORMULA,
            dd.from_pandas(data(), npartitions=2),
            design=mnlogit.SurveyDesign(weights="w", psu=["g", "x"]),
        )


# --- fpc computed row by row ----------------------------------------------------------------------
def test_fpc_values_differing_by_rounding_are_one_value():
    """A sampling fraction computed row by row differed in the 16th digit within a stratum and
    was refused as 'from 0.0226193 to 0.0226193'."""
    d = data()
    n = d.groupby("st")["g"].transform("nunique")
    rate = n / d["N"]
    exact = mnlogit.fit(FORMULA, d.assign(N=rate), ref="a", design=DESIGN)
    rounded = rate.where(d.index % 3 != 0, rate * (1 + 2e-16) + 1e-18)
    res = mnlogit.fit(FORMULA, d.assign(N=rounded), ref="a", design=DESIGN)
    np.testing.assert_allclose(res.bse.to_numpy(), exact.bse.to_numpy(), rtol=1e-12)
    other = rate.where(d.index != 7, rate * (1 + 1e-6))
    with pytest.raises(DataError, match=r"constant within a stratum; stratum \d has values from "):
        mnlogit.fit(FORMULA, d.assign(N=other), ref="a", design=DESIGN)
    with pytest.raises(DataError, match=r"from 0\.\d{12,} to 0\.\d{12,}"):
        mnlogit.fit(FORMULA, d.assign(N=other), ref="a", design=DESIGN)


def test_a_census_strata_fpc_a_rounding_past_its_bound_is_a_fraction_of_one():
    """A census stratum's fraction computed as n_h / N_h came out 1.0000000000000002, so every
    fraction was read as a population count and the fit refused 'the population of stratum 1
    (0.0888889 PSUs) is smaller than the 8 PSUs sampled', a value the user never gave; its
    count a rounding below the PSUs sampled was refused as '(8 PSUs) is smaller than the 8
    PSUs'. Both are the census they describe; fractions mixed with counts are refused
    quoting one of each (R refuses them: 'Must have all fpc>=1 or all fpc<=1')."""
    d = data()
    n = d.groupby("st")["g"].transform("nunique")
    census = d.assign(N=np.where(d["st"] == 0, n, d["N"]))
    exact = mnlogit.fit(FORMULA, census, ref="a", design=DESIGN)
    assert exact.design.fraction[0] == 1.0 and exact.design.fraction[1] < 1.0
    fractions = census.assign(N=np.where(d["st"] == 0, 1 + 2.2e-16, n / census["N"]))
    counts = census.assign(N=np.where(d["st"] == 0, n * (1 - 2.2e-16), census["N"]))
    for rounded in (fractions, counts):
        res = mnlogit.fit(FORMULA, rounded, ref="a", design=DESIGN)
        np.testing.assert_array_equal(res.design.fraction, exact.design.fraction)
        np.testing.assert_allclose(res.bse.to_numpy(), exact.bse.to_numpy(), rtol=1e-12)
    mixed = d.assign(N=np.where(d["st"] == 0, 0.5, 90))
    with pytest.raises(
        DataError,
        match=r"fpc column 'N': mixes sampling fractions \(below 1: 0\.5 in stratum 0\) with "
        r"population counts \(90\.0 in stratum 1\); give every stratum's fpc in one form",
    ):
        mnlogit.fit(FORMULA, mixed, ref="a", design=DESIGN)
    short = d.assign(N=np.where(d["st"] == 0, n - 1e-6, 90))
    with pytest.raises(DataError, match=r"stratum 0 \(7\.999999 PSUs\) is smaller than the 8 PSUs"):
        mnlogit.fit(FORMULA, short, ref="a", design=DESIGN)


def test_a_census_whose_fpc_rounds_the_other_way_has_no_p_values_either():
    """A census whose population counts came out a rounding above the PSUs sampled (N_h =
    n_h / f_h in floating point), or whose fractions a rounding below 1, had its variance
    scaled by 1 - f_h = 1e-16 instead of 0: standard errors of 1e-10 and every p-value 0.0
    where the exact census has none (R takes 1 - f_h below 1e-7 as a census)."""
    d = data()
    n = d.groupby("st")["g"].transform("nunique")
    exact = mnlogit.fit(FORMULA, d.assign(N=n), ref="a", design=DESIGN)
    assert (exact.bse.to_numpy() == 0).all() and exact.pvalues.isna().all().all()
    for fpc in (n * (1 + 4.5e-16), np.full(len(d), 1 - 1.2e-16)):
        res = mnlogit.fit(FORMULA, d.assign(N=fpc), ref="a", design=DESIGN)
        np.testing.assert_array_equal(res.design.fraction, [1.0, 1.0])
        np.testing.assert_array_equal(res.bse.to_numpy(), 0.0)
        assert res.pvalues.isna().all().all()
        assert np.isnan(res.wald_test("x").pvalue)


# --- fpc without weights --------------------------------------------------------------------------
def test_fpc_of_unequal_rates_without_weights_is_refused():
    """SurveyDesign(strata=, fpc=) without weights fitted every row with weight 1, though the
    fpc says the strata were sampled at other rates: R's svydesign(strata =, fpc =) derives
    the weights N_h / n_h from it, so the same design gave other estimates, silently."""
    d = data()
    design = mnlogit.SurveyDesign(strata="st", psu="g", fpc="N")
    with pytest.raises(DataError, match=r"fpc column 'N' gives sampling fractions that differ "):
        mnlogit.fit(FORMULA, d, ref="a", design=design)
    with pytest.raises(DataError, match=r"\(1: 0\.08889, 0: 0\.2\).*N_h / n_h.*column of ones"):
        mnlogit.fit(FORMULA, d, ref="a", design=design)
    # a self-weighting design (one rate everywhere) needs no weights; ones are taken as given
    same = mnlogit.fit(FORMULA, d.assign(N=np.where(d["st"] == 0, 40, 40)), ref="a", design=design)
    ones = mnlogit.fit(
        FORMULA,
        d.assign(one=1.0),
        ref="a",
        design=mnlogit.SurveyDesign(weights="one", **{"strata": "st", "psu": "g", "fpc": "N"}),
    )
    np.testing.assert_allclose(ones.params.to_numpy(), same.params.to_numpy(), rtol=1e-10)


@pytest.mark.slow
def test_dask_refuses_fpc_of_unequal_rates_without_weights():
    dd = pytest.importorskip("dask.dataframe")
    with pytest.raises(DataError, match=r"fpc column 'N' gives sampling fractions that differ "):
        mnlogit.fit(
            FORMULA,
            dd.from_pandas(data(), npartitions=2),
            ref="a",
            design=mnlogit.SurveyDesign(strata="st", psu="g", fpc="N"),
        )
