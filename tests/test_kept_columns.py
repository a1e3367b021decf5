"""What a result keeps of the caller's DataFrame: the raw columns its margins and effects read,
not the pandas blocks (or the longer columns) they were views of, once the caller lets the
DataFrame go."""

import gc
import tracemalloc
import warnings
import weakref

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import mnlogit
import mnlogit.sklearn
from mnlogit._kept_columns import _buffers, own_memory


def _wide(n: int = 4000, p: int = 40, seed: int = 0) -> pd.DataFrame:
    """p float columns in one pandas block, an outcome, clusters, strata and a subpopulation."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.normal(size=(n, p)), columns=[f"x{j}" for j in range(p)])
    df["w"] = rng.uniform(0.5, 2.0, n)
    df = df.copy()  # the weights into the one block of floats too
    return df.assign(
        y=rng.choice(["a", "b", "c"], n),
        cl=rng.integers(0, 40, n),
        st=rng.integers(0, 3, n),
        sub=rng.random(n) < 0.9,
    )


def _block(df: pd.DataFrame) -> np.ndarray:
    """The array holding the float columns side by side."""
    base = df["x1"].to_numpy()
    while isinstance(base.base, np.ndarray):
        base = base.base
    assert base.nbytes >= 40 * len(df) * 8  # every float column is in it
    return base


FITS = {
    "formula": lambda df: mnlogit.fit("y ~ x1 + x2", df),
    "cluster": lambda df: mnlogit.fit("y ~ x1 + np.log(w)", df, cov_type="cluster", groups="cl"),
    "survey": lambda df: mnlogit.fit(
        "y ~ x1 + x2", df, design=mnlogit.SurveyDesign(weights="w", strata="st", psu="cl")
    ),
    # the subpopulation's rows: a copy of every column of the frame, kept likewise
    "subpopulation": lambda df: mnlogit.fit(
        "y ~ x1 + x2", df, design=mnlogit.SurveyDesign(weights="w", psu="cl"), subpop="sub"
    ),
    "classifier": lambda df: (
        mnlogit.sklearn.MNLogitClassifier(formula="x1 + x2").fit(df, df["y"]).results_
    ),
}


@pytest.mark.parametrize("fit", list(FITS))
def test_a_result_does_not_keep_the_columns_its_formula_does_not_use(fit):
    # the raw columns kept for margins were views of the frame's block of 40 float columns,
    # which stayed in memory (61 MB of a 200,000-row frame, for 3 MB of values) for as long
    # as the result lived
    df = _wide()
    expected = FITS[fit](_wide())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = FITS[fit](df)
    block = weakref.ref(_block(df))
    del df
    gc.collect()
    assert block() is None
    for name in res._data.frame.columns:  # nor a copy of all of them (a subpopulation's rows)
        for _, own, behind in _buffers(res._data.frame[name].array):
            assert behind <= 2 * own, name
    at = {"x1": [0.0, 1.0]}
    pd.testing.assert_frame_equal(res.margins(at=at).to_frame(), expected.margins(at=at).to_frame())
    pd.testing.assert_frame_equal(res.marginal_effects(), expected.marginal_effects())


def test_a_fit_of_the_first_rows_of_arrow_columns_keeps_only_those_rows():
    # a slice of an Arrow-backed column shares the whole column's buffers
    n = 200_000
    rng = np.random.default_rng(1)
    big = pd.DataFrame(
        {
            "y": pd.array(rng.choice(["bus", "car", "train"], n), dtype="string[pyarrow]"),
            "x": pd.array(rng.normal(size=n), dtype="float64[pyarrow]"),
            "g": pd.array(rng.choice(["north", "south"], n), dtype="string[pyarrow]"),
        }
    )
    before = pa.total_allocated_bytes()
    res = mnlogit.fit("y ~ x + g", big.iloc[:500])
    del big
    gc.collect()
    # the 200,000 rows' buffers (about 5 MB) went with the frame
    assert pa.total_allocated_bytes() - before < -(4 << 20), pa.total_allocated_bytes() - before
    assert len(res._data.frame) == 500


def test_arrow_columns_of_their_own_are_not_copied():
    # no one can write to them, and they hold no other rows
    rng = np.random.default_rng(2)
    df = pd.DataFrame(
        {
            "x": pd.array(rng.normal(size=1000), dtype="float64[pyarrow]"),
            "y": pd.array(rng.choice(["a", "b"], 1000), dtype="string[pyarrow]"),
        }
    )
    res = mnlogit.fit("y ~ x", df)

    def address(frame):
        return frame["x"].array._pa_array.chunk(0).buffers()[1].address

    assert address(res._data.frame) == address(df)


KINDS = {
    "float": np.arange(50.0),
    "int": np.arange(50),
    "bool": np.arange(50) % 2 == 0,
    "objects": pd.Series(["a", 1] * 25, dtype=object),
    "text objects": pd.Series(["a", "b"] * 25, dtype=object),
    "str": pd.Series(["a", "b"] * 25, dtype="str"),
    "categorical": pd.Categorical(["a", "b"] * 25, categories=["b", "a", "unused"]),
    "nullable": pd.array([1, None] * 25, dtype="Int64"),
    "dates": pd.date_range("2000", periods=50, freq="D", tz="UTC"),
    "arrow": pd.array(np.arange(50.0), dtype="float64[pyarrow]"),
}


@pytest.mark.parametrize("rows", [slice(None), slice(0, 5)])
def test_the_kept_columns_have_the_values_dtypes_and_index_of_the_frame(rows):
    frame = pd.DataFrame(KINDS, index=pd.Index(np.arange(50) * 3, name="row")).iloc[rows]
    kept = own_memory(frame)
    pd.testing.assert_frame_equal(kept, frame)
    for name in frame.columns:  # none a view of the 50 rows any more
        for _, own, behind in _buffers(kept[name].array):
            assert behind <= 2 * own, name


def test_a_subpopulation_fit_copies_only_the_columns_its_formula_reads():
    # its rows were taken of every column of the frame: 100 float columns copied for two
    rng = np.random.default_rng(3)
    n, p = 20_000, 100
    df = pd.DataFrame(rng.normal(size=(n, p)), columns=[f"x{j}" for j in range(p)]).assign(
        y=rng.choice(["a", "b", "c"], n),
        w=rng.uniform(0.5, 2.0, n),
        cl=rng.integers(0, 50, n),
        sub=rng.random(n) < 0.9,
    )
    design = mnlogit.SurveyDesign(weights="w", psu="cl")
    peaks = {}
    for subpop in (None, "sub"):
        tracemalloc.start()
        try:
            mnlogit.fit("y ~ x1 + x2", df, design=design, subpop=subpop)
            peaks[subpop] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    frame_bytes = n * p * 8  # 16 MB
    assert peaks["sub"] < peaks[None] + frame_bytes / 4, peaks


def test_only_the_columns_read_are_looked_at_in_a_wide_frame(monkeypatch):
    # looking at every column of a frame of 20,000 cost a second a fit
    from mnlogit import _kept_columns

    wide = pd.DataFrame(np.zeros((10, 5000)), columns=[f"x{j}" for j in range(5000)])
    frame = pd.DataFrame({"x1": wide["x1"], "x2": wide["x2"]}, copy=False)
    seen = []
    looked = _kept_columns._buffers
    monkeypatch.setattr(_kept_columns, "_buffers", lambda a: seen.append(a) or looked(a))
    kept = own_memory(frame)
    assert len(seen) <= 10  # two columns here and two there (arrays and their values)
    assert not np.shares_memory(kept["x1"].to_numpy(), wide["x1"].to_numpy())


@pytest.mark.parametrize("text", ["str", "string[pyarrow]", "category", "object"])
def test_writing_into_the_callers_frame_after_the_fit_reaches_nothing_it_shows(text):
    # the kept columns were new Series on the caller's arrays: pandas did not know they were
    # shared, and df.loc[:, "g"] = ... replaced the Arrow array inside the very object the
    # result kept (the outcome read one level, the margins moved)
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=300),
            "g": pd.Series(rng.choice(["a", "b", "c"], 300)).astype(text),
            "y": pd.Series(rng.choice(["p", "q", "r"], 300)).astype(text),
        }
    )
    res = mnlogit.fit("y ~ x + g", df)
    kept = res._data.frame.copy(deep=True)
    margins = res.margins(over="g").to_frame()
    effects = res.marginal_effects()
    df.loc[:, "g"] = "a"
    df.loc[:, "y"] = "p"
    df.loc[:, "x"] = 0.0
    pd.testing.assert_frame_equal(res._data.frame, kept)
    pd.testing.assert_frame_equal(res.margins(over="g").to_frame(), margins)
    pd.testing.assert_frame_equal(res.marginal_effects(), effects)
