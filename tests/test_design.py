"""The design matrix: numeric-only formulas copied straight from the data equal formulaic's."""

import mmap
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import formula
from mnlogit.exceptions import DataError, MNLogitError


def _frame(n=50, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.standard_normal(n),
            "count": rng.integers(-5, 50, n),
            "small": rng.integers(0, 7, n).astype(np.uint8),
            "f32": rng.standard_normal(n).astype(np.float32),
            "my var": rng.standard_normal(n) * 1e6,
            "flag": rng.random(n) > 0.5,
            "g": pd.Categorical(rng.choice(["u", "v"], n)),
        }
    )


PLAIN = [
    "y ~ x",
    "y ~ count + x",  # not in the data's column order
    "y ~ x + count + small + f32 + `my var`",
    "y ~ 0 + x + count",
    "y ~ x - 1",
]
NOT_PLAIN = [
    "y ~ x + g",
    "y ~ x + flag",
    "y ~ x:count",
    "y ~ np.log(count + 10) + x",
    "y ~ center(x)",
    "y ~ C(small)",
]


def _parts(f, df):
    _, parsed = formula.parse_formula(f)
    frame = pd.DataFrame({c: df[c] for c in df.columns}, copy=False)
    return parsed, frame


def _plain(f, parsed, frame):
    terms = formula._plain_terms(parsed)
    return None if terms is None else formula._plain_design(f, terms, frame)


@pytest.mark.parametrize("f", PLAIN)
def test_plain_formulas_copy_the_columns_exactly_as_formulaic_encodes_them(f):
    parsed, frame = _parts(f, _frame())
    fast = _plain(f, parsed, frame)
    assert fast is not None
    X, names, terms, spec, finite = fast
    X_ref, spec_ref, finite_ref = formula._materialized_design(parsed, frame)
    assert np.array_equal(X, X_ref)
    assert X.flags.c_contiguous and X.dtype == np.float64
    assert names == spec_ref.column_names == spec.column_names
    assert list(terms) == [formula._term_label(t) for t in spec_ref.term_slices]
    assert [list(range(sl.start, sl.stop)) for sl in spec_ref.term_slices.values()] == [
        list(cols) for cols in terms.values()
    ]
    assert list(spec.term_slices.values()) == list(spec_ref.term_slices.values())
    assert finite.all() and finite_ref.all()


@pytest.mark.parametrize("f", NOT_PLAIN)
def test_other_formulas_are_left_to_formulaic(f):
    parsed, frame = _parts(f, _frame())
    assert _plain(f, parsed, frame) is None


@pytest.mark.parametrize(
    "f",
    ["y ~ x", "y~count+x", "  y ~ x + count + x + small  ", "y ~ f32 +\n small", "y ~ C + I"],
)
def test_identifier_formulas_are_read_as_formulaic_parses_them(f):
    outcome, names = formula._identifier_formula(f)
    parsed_outcome, parsed = formula.parse_formula(f)
    assert outcome == parsed_outcome
    assert ["1", *names] == [str(t) for t in parsed.rhs]


@pytest.mark.parametrize(
    "f", ["y ~ x - 1", "y ~ 0 + x", "y ~ `my var`", "y ~ x:count", "y ~ x + y", "y ~ x + lambda"]
)
def test_other_formulas_go_to_formulaics_parser(f):
    assert formula._identifier_formula(f) is None


def test_a_fit_builds_the_modelspec_only_when_something_needs_it():
    df = _frame()
    res = mnlogit.fit("y ~ x + count", df)
    spec = res._data.spec
    assert spec._spec is None
    assert spec.column_names == ("Intercept", "x", "count")
    assert spec._spec is not None
    restored = pickle.loads(pickle.dumps(res))
    assert type(restored._data.spec).__name__ == "ModelSpec"
    new = _frame(8, seed=3)
    assert np.array_equal(restored.predict(new), res.predict(new))


def test_plain_design_spec_encodes_new_data_like_formulaic():
    df = _frame()
    res = mnlogit.fit("y ~ x + count + `my var`", df)
    new = _frame(20, seed=5)
    _, parsed = formula.parse_formula("y ~ x + count + `my var`")
    spec_ref = formula._materialized_design(parsed, df)[1]
    X_new, _ = formula.design_for_new_data(res._data.spec, new)
    X_ref, _ = formula.design_for_new_data(spec_ref, new)
    assert np.array_equal(X_new, X_ref)


def test_non_finite_values_are_named_whichever_path_builds_the_design():
    df = _frame()
    df.loc[7, "my var"] = np.inf
    for f in ("y ~ x + `my var`", "y ~ x + `my var` + g"):
        with pytest.raises(DataError, match="'my var'"):
            mnlogit.fit(f, df)


def test_row_major_fill_marks_non_finite_columns_across_blocks():
    cols = [None, np.arange(1000.0), np.r_[np.zeros(999), np.nan]]
    X, finite = formula._row_major(cols, 1000, block_bytes=8 * 3 * 64)
    assert np.array_equal(X, np.column_stack([np.ones(1000), cols[1], cols[2]]), equal_nan=True)
    assert finite.tolist() == [True, True, False]
    # finite values whose sum overflows are finite; an infinity among them is not
    huge = np.full(1000, 1e308)
    infinite = np.r_[np.full(999, -1e308), np.inf]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and quietly: the overflow is expected
        X, finite = formula._row_major([huge, infinite, np.arange(1000)], 1000, 8 * 3 * 64)
    assert finite.tolist() == [True, False, True]


def test_large_designs_are_filled_in_parallel_into_their_own_mapping():
    n = formula.OWN_MAPPING_BYTES // (8 * 6) + 1000  # six design columns: just over the size
    rng = np.random.default_rng(1)
    df = pd.DataFrame(rng.standard_normal((n, 5)), columns=[f"x{j}" for j in range(5)])
    df["y"] = rng.choice(["a", "b"], n)
    df.loc[n - 1, "x3"] = np.nan  # in the last worker's rows
    parsed, frame = _parts("y ~ x4 + x0 + x1 + x2 + x3", df)
    X, *_, finite = _plain("y ~ x4 + x0 + x1 + x2 + x3", parsed, frame)
    assert isinstance(X.base.base.obj, mmap.mmap) and X.flags.writeable and X.flags.c_contiguous
    X_ref, _, finite_ref = formula._materialized_design(parsed, frame.iloc[:-1])
    assert np.array_equal(X[:-1], X_ref)
    assert finite.tolist() == [True, True, True, True, True, False] and finite_ref.all()
    assert np.array_equal(pickle.loads(pickle.dumps(X[:5])), X[:5])


def test_a_modelspec_that_disagrees_with_the_fitted_design_is_refused(monkeypatch):
    fill = formula._row_major

    def off_by_one(columns, n):
        X, finite = fill(columns, n)
        X[1, -1] += 1.0
        return X, finite

    monkeypatch.setattr(formula, "_row_major", off_by_one)
    res = mnlogit.fit("y ~ x + count", _frame())
    with pytest.raises(MNLogitError, match="formulaic encodes the data"):
        res.predict(_frame(5, seed=2))


def test_repeated_index_labels_and_dropped_rows_fit_as_a_fresh_index_does():
    df = _frame(200)
    df.loc[df.index[::9], "x"] = np.nan
    repeated = df.set_axis(np.zeros(len(df), dtype=int))
    got, want = mnlogit.fit("y ~ x + count", repeated), mnlogit.fit("y ~ x + count", df)
    assert got._data.n_dropped == want._data.n_dropped == 23
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-12)
    assert (got._data.frame.index == 0).all()
