"""A label read back from a numpy array (np.str_, np.True_, np.int64, np.datetime64) names the
level it shows, as ref= of a fit or of the classifier; labels of other kinds never do."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mnlogit
from mnlogit._levels import same_level
from mnlogit.exceptions import DataError, LevelError

LABELS = st.one_of(
    # numpy drops a string's trailing NULs when it stores it ('a\x00' reads back as 'a'):
    # such a label is not one a numpy array can give back
    st.text(min_size=1, max_size=5).filter(lambda t: not t.endswith("\x00")),
    st.integers(-1000, 1000),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.booleans(),
    st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1)).map(pd.Timestamp),
)


@given(LABELS)
def test_a_label_and_its_numpy_scalar_are_the_same_level(label):
    scalar = np.asarray([label])[0] if not isinstance(label, pd.Timestamp) else label.to_numpy()
    assert same_level(label, scalar) and same_level(scalar, label)
    assert same_level(label, label)


@given(LABELS, LABELS)
def test_labels_of_different_kinds_are_never_the_same_level(a, b):
    kinds = (bool, (int, float), str, pd.Timestamp)
    kind = [next(i for i, k in enumerate(kinds) if isinstance(v, k)) for v in (a, b)]
    if kind[0] != kind[1]:
        assert not same_level(a, b) and not same_level(np.asarray([a])[0], b)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 300
    d = pd.DataFrame({"x": rng.normal(size=n)})
    d["s"] = rng.choice(["a", "b", "c"], n)
    d["b"] = rng.random(n) < 0.5
    d["t"] = pd.to_datetime(rng.choice(["2020-01-01", "2021-06-30"], n))
    return d


@pytest.mark.parametrize(
    ("outcome", "ref", "level"),
    [
        ("s", np.str_("b"), "b"),
        ("b", np.True_, True),
        ("b", np.False_, False),
        ("t", np.datetime64("2021-06-30"), pd.Timestamp("2021-06-30")),
    ],
)
def test_a_numpy_scalar_names_the_reference(data, outcome, ref, level):
    res = mnlogit.fit(f"{outcome} ~ x", data, ref=ref)  # was a LevelError
    assert same_level(res.ref, level) and type(res.ref) is type(level)
    assert res.params.columns.size == len(res.outcomes) - 1


@pytest.mark.parametrize(("outcome", "ref"), [("b", 1), ("b", "True"), ("s", b"b")])
def test_a_label_of_another_kind_is_still_refused(data, outcome, ref):
    with pytest.raises(LevelError, match="is not a level"):
        mnlogit.fit(f"{outcome} ~ x", data, ref=ref)


def test_the_classifier_takes_one_of_its_classes_as_reference(data):
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    X, y = data[["x"]].to_numpy(), data["s"].to_numpy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        first = MNLogitClassifier().fit(X, y)
        again = MNLogitClassifier(ref=first.classes_[2]).fit(X, y)  # an np.str_
    assert again.results_.ref == "c"
    np.testing.assert_allclose(again.predict_proba(X), first.predict_proba(X), rtol=1e-9)


@pytest.mark.parametrize("categorical", [False, True])
def test_an_outcome_of_tuples_is_refused_with_the_fix(categorical):
    # an index of tuples is a MultiIndex to pandas: the fit ended in a bare ValueError
    y = pd.Series([("a", 1), ("b", 2), ("c", 3)] * 20)
    if categorical:
        y = y.astype("category")
    X = pd.DataFrame({"x": np.linspace(-1, 1, len(y))})
    with pytest.raises(DataError, match=r"tuples as values.*join each tuple"):
        mnlogit.MNLogit(y, X).fit()


def test_an_outcome_level_of_minus_zero_is_named_zero_whichever_row_comes_first() -> None:
    # -0.0 and 0.0 are one level, which took the sign of the first row: an outcome of
    # np.round(score) read "-0.0" in the summary, the reference and every table
    rng = np.random.default_rng(0)
    y = rng.choice([0.0, 1.0, 2.0], 200)
    y[0] = -0.0
    df = pd.DataFrame({"y": y, "x": rng.normal(size=200)})
    res = mnlogit.fit("y ~ x", df)
    assert str(res.summary()).splitlines()[4].split() == ["Reference", "0.0"]
    assert all(not np.signbit(level) for level in res.predict(df.head(2)).columns)
    same = mnlogit.fit("y ~ x", df.assign(y=np.abs(y)))
    np.testing.assert_array_equal(res.params.to_numpy(), same.params.to_numpy())


@pytest.mark.parametrize("kind", ["Categorical", pytest.param("dask", marks=pytest.mark.slow)])
def test_a_categorical_outcome_of_minus_zero_is_named_zero_too(kind) -> None:
    # pandas gives a Categorical the category -0.0 when its first zero is negative (the
    # Categorical of np.round(score)): that level read -0.0 in the summary, the reference,
    # the tables and the comparison with the same values uncategorised, where the
    # classifier's classes_ said 0.0
    rng = np.random.default_rng(0)
    y = rng.choice([0.0, 1.0, 2.0], 200)
    y[0] = -0.0
    df = pd.DataFrame({"y": pd.Categorical(y), "x": rng.normal(size=200)})
    assert np.signbit(df["y"].cat.categories[0])
    if kind == "dask":
        dd = pytest.importorskip("dask.dataframe")
        data = dd.from_pandas(df, npartitions=2)
    else:
        data = df
    res = mnlogit.fit("y ~ x", data)
    assert str(res.summary()).splitlines()[4].split() == ["Reference", "0.0"]
    assert not np.signbit(res.ref)
    assert not any(np.signbit(level) for level in res.outcomes)
    if kind != "dask":
        assert not any(np.signbit(level) for level in res.margins().to_frame()["outcome"])
    same = mnlogit.fit("y ~ x", df.assign(y=np.abs(y)))
    np.testing.assert_allclose(res.params.to_numpy(), same.params.to_numpy(), rtol=1e-12)
    assert res.outcomes == same.outcomes


_DATES = pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"])


@pytest.mark.parametrize(
    ("zone", "ref", "said"),
    [
        (None, "2021-01-01", "'2021-01-01' is a str; the level is the date Timestamp("),
        (None, datetime(2021, 1, 1).date(), "is a date; the level is the date Timestamp("),
        ("UTC", pd.Timestamp("2021-01-01"), "are in different time zones"),
        (None, pd.Timestamp("2021-01-01", tz="UTC"), "are in different time zones"),
    ],
)
def test_a_reference_naming_a_date_level_otherwise_is_told_why_it_is_none(zone, ref, said):
    # refused as "not a level; levels are Timestamp(...), ..." with nothing of why: the
    # text, the date or the other time zone was not said to be the trouble
    rng = np.random.default_rng(1)
    dates = _DATES if zone is None else _DATES.tz_localize(zone)
    df = pd.DataFrame({"y": dates[rng.integers(0, 3, 150)], "x": rng.normal(size=150)})
    with pytest.raises(LevelError, match=re.escape(said)):
        mnlogit.fit("y ~ x", df, ref=ref)
    res = mnlogit.fit("y ~ x", df, ref=dates[1])
    with pytest.raises(LevelError, match=re.escape(said)):
        res.with_ref(ref)
    with pytest.raises(LevelError, match="not a level"):  # another date: no such note
        mnlogit.fit("y ~ x", df, ref="2021-01-02")
    if zone is None:  # the classifier takes dates without a zone only
        from mnlogit.sklearn import MNLogitClassifier

        with pytest.raises(LevelError, match=re.escape(said)) as caught:
            MNLogitClassifier(ref=ref).fit(df[["x"]], df["y"])
        # no class a training fold lacked: it was told to stratify the folds
        assert "cross-validation" not in str(caught.value)


def test_labels_differing_by_a_trailing_nul_are_refused_as_printing_alike_in_every_form():
    # 'lo' and 'lo\x00' print alike (a table shows both as lo): a pandas Series fitted them
    # as two outcomes, and a list, or a polars Series read through numpy's fixed-width text
    # (which drops trailing NULs), merged them into one class with nothing said
    pytest.importorskip("sklearn")
    pl = pytest.importorskip("polars")
    from mnlogit.sklearn import MNLogitClassifier

    rng = np.random.default_rng(4)
    labels = [("hi", "lo", "lo\x00")[i] for i in rng.integers(0, 3, 240)]
    X = pd.DataFrame({"x": rng.normal(size=240)})
    said = r"has levels 'lo(\\x00)?' and 'lo(\\x00)?' .*which print alike"
    for y in (pd.Series(labels, dtype=object), labels, tuple(labels), pl.Series(labels)):
        with pytest.raises(DataError, match=said):
            mnlogit.MNLogit(y, X)
        with pytest.raises(DataError, match=said):
            MNLogitClassifier().fit(X, y)
    with pytest.raises(DataError, match=r"column 'g' holds 'a\\x00' and 'a'"):
        factor = [label.replace("lo", "a") for label in labels]
        mnlogit.fit("y ~ g", X.assign(y=rng.choice(["p", "q"], 240), g=factor))


def test_clusters_and_psus_differing_by_a_trailing_nul_stay_apart_when_given_as_a_list():
    # a list of identifiers went through numpy's fixed-width text, which merged 'a' and
    # 'a\x00': 5 clusters (and PSUs) where a Series gave 6, and other standard errors
    rng = np.random.default_rng(6)
    n = 300
    df = pd.DataFrame({"y": rng.choice(["p", "q", "r"], n), "x": rng.normal(size=n)})
    ids = [("a", "a\x00", "b", "c", "d", "e")[i % 6] for i in range(n)]
    series = pd.Series(ids, dtype=object)
    for options in (
        lambda v: {"cov_type": "cluster", "groups": v},
        lambda v: {"design": mnlogit.SurveyDesign(psu=v)},
    ):
        kept = mnlogit.fit("y ~ x", df, **options(series))
        given = mnlogit.fit("y ~ x", df, **options(ids))
        np.testing.assert_array_equal(given.bse, kept.bse)
    listed = mnlogit.MNLogit(df["y"], df[["x"]], groups=ids).fit(cov_type="cluster")
    assert "(6 clusters)" in str(listed.summary())
