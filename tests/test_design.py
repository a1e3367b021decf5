"""The design matrix: numeric-only formulas copied straight from the data equal formulaic's."""

import mmap
import pickle
import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _design_fill, _new_data_design, _plain_design, _terms, formula
from mnlogit.exceptions import DataError, FormulaError, MNLogitError


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
    X_new, _ = _new_data_design.design_for_new_data(res._data.spec, new)
    X_ref, _ = _new_data_design.design_for_new_data(spec_ref, new)
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
    n = _design_fill.OWN_MAPPING_BYTES // (8 * 6) + 1000  # six design columns: just over the size
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

    monkeypatch.setattr(_plain_design, "_row_major", off_by_one)
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


# --- what the formula says is what the model holds -----------------------------------------------


def _people(n=300, seed=4):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "age": rng.integers(18, 80, n),
            "x": rng.standard_normal(n),
            "z": rng.standard_normal(n),
            "region": rng.choice(["north", "south", "east"], n),
        }
    )


def _same_fit(got, want):
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-10)
    assert got.llf == pytest.approx(want.llf, rel=1e-12)


def test_caret_in_python_code_is_the_power_as_in_r():
    df = _people()
    res = mnlogit.fit("y ~ I(age^2)", df)  # once age XOR 2 on these integers
    assert list(res.params.index) == ["Intercept", "I(age ** 2)"]
    np.testing.assert_array_equal(res._data.X[:, 1], df["age"].to_numpy() ** 2.0)
    _same_fit(res, mnlogit.fit("y ~ I(age**2)", df))
    _same_fit(
        mnlogit.fit("y ~ {age^2} + np.power(x, 2)", df), mnlogit.fit("y ~ {age**2} + I(x**2)", df)
    )
    # outside function calls ^ stays formulaic's interaction operator
    both = mnlogit.fit("y ~ (x + z)^2", df)
    assert list(both.params.index) == ["Intercept", "x", "z", "x:z"]


def test_caret_rewrite_leaves_strings_backticks_and_operators_alone():
    text = "y ~ I(x^2) + (a + b)^2 + C(g, Treatment('u^v')) + `c^d` + {`e^f` ^ 3}"
    assert formula._rewrite(text) == (
        "y ~ I(x**2) + (a + b)^2 + C(g, Treatment('u^v')) + `c^d` + {`e^f` ** 3}"
    )


def test_names_that_look_like_numbers_work_in_backticks():
    df = _people()
    renamed = mnlogit.fit("y ~ x + C(region)", df)
    one = df.rename(columns={"x": "1"})
    res = mnlogit.fit("y ~ `1` + C(region)", one)  # once the intercept alone
    assert list(res.params.index)[:2] == ["Intercept", "`1`"]
    _same_fit(res, renamed)
    assert np.allclose(res.predict(one.head()), renamed.predict(df.head()))
    # a column labelled with the number 0
    zero = df.rename(columns={"region": 0})
    res = mnlogit.fit("y ~ x + C(`0`)", zero)  # once "column '0' is not in the data"
    _same_fit(res, renamed)
    assert np.allclose(res.predict(zero.head()), renamed.predict(df.head()))
    plain = mnlogit.fit("y ~ `0`", df.rename(columns={"x": 0}))
    _same_fit(plain, mnlogit.fit("y ~ x", df))


def test_backticked_names_inside_function_calls_are_columns():
    df = _people().assign(**{"exposure.time": lambda d: d["age"] / 10.0})
    res = mnlogit.fit("y ~ np.log(`exposure.time`)", df)  # once "column 'exposure'"
    assert list(res.params.index) == ["Intercept", "np.log(`exposure.time`)"]
    _same_fit(res, mnlogit.fit("y ~ np.log(t)", df.rename(columns={"exposure.time": "t"})))
    assert np.allclose(res.predict(df.head()).sum(axis=1), 1.0)


def test_text_that_reads_as_numbers_is_a_factor_when_written_in_c():
    df = _people().assign(
        code=lambda d: d["region"].map({"north": "10", "south": "20", "east": "30"})
    )
    res = mnlogit.fit("y ~ C(code)", df)
    assert list(res.params.index) == ["Intercept", "C(code)[T.20]", "C(code)[T.30]"]
    _same_fit(res, mnlogit.fit("y ~ C(region, levels=['north', 'south', 'east'])", df))
    with pytest.raises(DataError, match="numbers stored as text"):
        mnlogit.fit("y ~ C(code) + code", df)  # used as a number too


def test_the_size_is_checked_before_the_design_is_built(monkeypatch):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({f"f{j}": rng.choice(list("abcdef"), 300) for j in range(1, 7)})
    df["y"] = rng.choice(["a", "b", "c"], 300)

    def never(*args, **kwargs):
        raise AssertionError("the design was built")

    monkeypatch.setattr(formula, "_materialized_design", never)
    with pytest.raises(DataError, match=r"design columns \(at least 15626\) than rows \(300\)"):
        mnlogit.fit("y ~ f1:f2:f3:f4:f5:f6", df)


def test_one_level_factors_of_large_data_are_found_after_building(monkeypatch):
    monkeypatch.setattr(_terms, "LEVELS_FROM_ROWS", 10)  # as for data beyond the first rows
    df = _people().assign(k="same")
    with pytest.raises(DataError, match=r"term 'k' is a factor with one level \('same'\)"):
        mnlogit.fit("y ~ x + k", df)
    late = _people()
    late.loc[:, "region"] = "north"
    late.loc[late.index[-5:], "region"] = "south"
    late.loc[late.index[-5:], "x"] = np.nan
    with pytest.raises(DataError, match=r"only this one is left after dropping 5 rows"):
        mnlogit.fit("y ~ x + region", late)


def test_intercept_only_models_pickle_and_predict_new_data():
    df = _people()
    res = mnlogit.fit("y ~ 1", df)
    restored = pickle.loads(pickle.dumps(res))  # once: the spec could not be rebuilt
    freq = df["y"].value_counts(normalize=True).sort_index().to_numpy()
    for r in (res, restored):
        probs = r.predict(df.head(4))
        assert probs.shape == (4, 3)
        np.testing.assert_allclose(probs.to_numpy(), np.tile(freq, (4, 1)), rtol=1e-8)
        assert list(r.predict(df.head(4), kind="class")) == [df["y"].value_counts().idxmax()] * 4


# --- formulas are code ---------------------------------------------------------------------------
SAFE = [
    "y ~ x",
    "y ~ `my var` + C(`0`) + Q('a b')",
    "y ~ np.log(`exposure.time`) + np.sqrt(x) + log(x) + exp(x) + sqrt(x)",
    "y ~ I(age^2) + I(x > 0) + I((x > 0) & (z < 1)) + {x + 1}",
    "y ~ (a + b + c)^2 + a:b + a*b - 1",
    "y ~ bs(x, df=4) + cr(x, df=3) + poly(x, degree=2)",
    "y ~ center(x) + scale(z) + standardize(w)",
    "y ~ C(g, contr.treatment('b')) + C(h, Treatment('u')) + C(k, levels=['a', 'b'])",
    "y ~ I(np.pi * x) + np.where(x > 0, x, 0) + np.clip(x, -1, 1)",
    "y ~ format + import_rate + lambda_x",
]
UNSAFE = [
    "y ~ __import__('os').system('x')",
    "y ~ I(__import__('os').system('x'))",
    "y ~ np.os.system('x')",
    "y ~ (lambda: 1)()",
    "y ~ I((lambda: 1)())",
    "y ~ x.__class__",
    "y ~ np.log.__self__",
    "y ~ np.linalg.inv(x)",
    "y ~ np.load('f') + np.save('f', x)",
    "y ~ pd.read_csv('x')",
    "y ~ I(getattr(np, 'os'))",
    "y ~ I(open('f'))",
    "y ~ I(eval('1'))",
    "y ~ I(x[0])",
    "y ~ I([a for a in x])",
    "y ~ {np.os}",
    "y ~ C(x, levels=__builtins__)",
    "y ~ np.log(x, **d)",
    "y ~ I(f'{x}')",
    "y ~ I((a := 1))",
    "y ~ I(np.pi.real)",
    "y ~ np.log(x).sum()",
]


@pytest.mark.parametrize("f", SAFE)
def test_safe_formulas_pass_the_check(f):
    formula.check_formula_safe(f)


@pytest.mark.parametrize("f", UNSAFE)
def test_formulas_that_run_code_are_refused(f):
    with pytest.raises(FormulaError, match=r"not allowed|cannot be parsed"):
        formula.check_formula_safe(f)


class _Probe:
    """Stands for what an attack would reach through numpy (np.os, np.lib...)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def run(self, values):
        self.calls.append("run")
        return values


def test_a_refused_formula_runs_nothing(monkeypatch, capsys):
    probe = _Probe()
    monkeypatch.setattr(np, "probe", probe, raising=False)
    df = _people()
    attack = "y ~ x + np.probe.run(z)"
    mnlogit.fit(attack, df)  # as before: a formula is code, and this one ran
    assert "run" in probe.calls  # on the data, and on three of its rows (row by row?)
    probe.calls.clear()
    with pytest.raises(FormulaError, match=re.escape("'np.probe.run' is not allowed")):
        mnlogit.fit(attack, df, safe_formula=True)
    with pytest.raises(FormulaError, match=re.escape("'__import__' is not allowed")):
        mnlogit.fit("y ~ x + I(__import__('os').getpid())", df, safe_formula=True)
    assert probe.calls == []
    # the command line always checks, before it reads the data
    from mnlogit.__main__ import main

    assert main(["fit", "--dataset", "travel", "mode ~ distance + np.probe.run(age)"]) == 2
    assert "'np.probe.run' is not allowed" in capsys.readouterr().err
    assert probe.calls == []
    assert mnlogit.fit("y ~ I(age^2) + C(region)", df, safe_formula=True).converged


@pytest.mark.parametrize("order", ["C", "F"])
def test_row_major_copy_with_ones_first(order):
    rng = np.random.default_rng(4)
    X = np.asarray(rng.standard_normal((1000, 7)), order=order)
    X[3, 5] = np.inf
    out, finite = _design_fill.row_major_copy(X, block_bytes=512, ones_first=True)
    assert out.flags.c_contiguous and out.shape == (1000, 8)
    assert np.array_equal(out[:, 0], np.ones(1000)) and np.array_equal(out[:, 1:], X)
    assert finite.tolist() == [True] * 6 + [False, True]
    assert np.isinf(X[3, 5])  # the input is not modified


@pytest.mark.parametrize("cols", [[0, 1, 2, 5, 6], [6, 0, 3, 4], [2], [1, 1, 4]])
def test_column_subset_equals_fancy_indexing(cols):
    X = np.random.default_rng(5).standard_normal((3000, 7))
    out = _design_fill.column_subset(X, cols, block_bytes=1024)
    assert out.flags.c_contiguous and np.array_equal(out, X[:, cols])


def test_subset_columns_keeps_the_sums_it_can(monkeypatch):
    rng = np.random.default_rng(6)
    df = pd.DataFrame(rng.standard_normal((4000, 4)) * [1, 1e-4, 1, 1e5], columns=list("abcd"))
    df["y"] = rng.integers(0, 3, 4000)
    data = mnlogit.fit("y ~ a + b + c + d", df)._data
    data.equilibrated()  # the scales and sums the fit keeps
    sub = data.subset_columns([0, 2, 4])
    fresh = data.subset_columns([0, 2, 4])
    fresh._cache.clear()
    for kept, again in zip(sub.gram(), fresh.gram(), strict=True):
        np.testing.assert_allclose(kept, again, rtol=1e-12)
    np.testing.assert_array_equal(sub.equilibrated()[1], fresh.equilibrated()[1])
    np.testing.assert_allclose(
        sub.equilibrated()[0].gram()[0], fresh.equilibrated()[0].gram()[0], rtol=1e-12
    )


def test_an_empty_cell_of_the_baselines_is_refused_with_advice_a_formula_can_follow():
    # the cell (u, p) of the baselines is empty: the aliased column g[T.v]:h[T.r] is not 0 on
    # every row, and the refusal said "drop them from the formula", which cannot drop it
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.choice(list("abc"), 300), "g": rng.choice(["u", "v"], 300)})
    df["h"] = rng.choice(list("pqr"), 300)
    df = df[~((df.g == "u") & (df.h == "p"))]
    for text_formula in ("y ~ g*h", "y ~ g:h"):
        with pytest.raises(mnlogit.exceptions.RankError) as caught:
            mnlogit.fit(text_formula, df)
        text = str(caught.value)
        assert "drop them from the formula" not in text
        assert "an empty cell" in text and "in C()" in text
    x = rng.normal(size=len(df))  # not an interaction: dropped from the formula as before
    with pytest.raises(mnlogit.exceptions.RankError, match=r"'I\(2 \* x\)' .*drop them from"):
        mnlogit.fit("y ~ x + I(2*x)", df.assign(x=x))


@pytest.mark.parametrize(("column", "written"), [("a-b", "a-b"), ("x+1", "x+1"), ("a/b", "a/b")])
def test_a_column_named_with_operators_written_bare_points_to_backticks(column, written):
    # 'y ~ a-b' was answered "column 'a' is not in the data", the column 'a-b' beside it
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"y": rng.choice(list("abc"), 90), column: rng.normal(size=90)})
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError) as caught:
        mnlogit.fit(f"y ~ {written}", df)
    assert f"the column {column!r} is written in backticks, `{column}`" in str(caught.value)
    assert list(mnlogit.fit(f"y ~ `{column}`", df).params.index) == ["Intercept", column]


def test_a_python_keyword_refused_in_a_formula_points_to_backticks():
    with pytest.raises(FormulaError, match="a column named 'class' is written in backticks"):
        formula.check_formula_safe("y ~ class + x")


@pytest.mark.parametrize(
    "contrast", ["Treatment('zz')", "contr.treatment('zz')", "Treatment(base='zz')"]
)
def test_a_treatment_base_that_is_no_level_is_refused_with_the_levels(contrast):
    # was formulaic's "Value 'zz' for TreatmentContrasts.base is not among the provided levels"
    rng = np.random.default_rng(4)
    df = pd.DataFrame({"y": rng.choice(list("abc"), 120), "g": rng.choice(list("uvw"), 120)})
    with pytest.raises(
        mnlogit.exceptions.LevelError, match=r"names 'zz', which is no level of 'g' .*'u', 'v', 'w'"
    ):
        mnlogit.fit(f"y ~ C(g, {contrast})", df)
    res = mnlogit.fit("y ~ C(g, Treatment('v'))", df)
    assert list(res.params.index)[1:] == ["C(g, Treatment('v'))[T.u]", "C(g, Treatment('v'))[T.w]"]
