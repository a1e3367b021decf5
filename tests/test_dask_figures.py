"""Figures of a dask fit, whose rows stay in the partitions: drawn from the rows given as
``data=`` in a frame the package reads (pandas, polars, pyarrow), or refused saying which to
pass; never "pass the DataFrame it was fitted on" followed by the refusal of that frame."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, LevelError, NotInMemoryError

pytestmark = pytest.mark.slow

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def frames():
    rng = np.random.default_rng(48)
    n = 400
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "z": rng.uniform(0, 3, n),
            "f": rng.choice(["u", "v", "w"], n),
        }
    )
    return df, dd.from_pandas(df, npartitions=4)


def _lines(fig):
    lines = [line.get_ydata() for line in fig.axes[0].get_lines()]
    plt.close(fig)
    return np.array(lines)


@pytest.mark.parametrize(
    "draw",
    [
        lambda r, **kw: r.plot_probabilities("x", **kw),
        lambda r, **kw: r.plot_decision_regions("x", "z", **kw),
    ],
    ids=["probabilities", "decision regions"],
)
def test_a_dask_fit_says_to_pass_its_rows_computed_and_draws_from_them(frames, draw):
    df, ddf = frames
    on_dask = mnlogit.fit("y ~ x + z + f", ddf)
    # was DataError "the fit does not keep its raw data; pass the DataFrame it was fitted on
    # as data=", and that DataFrame then "data: expected a pandas DataFrame; got DataFrame"
    with pytest.raises(NotInMemoryError, match=r"data=ddf\[columns\]\.compute\(\)"):
        draw(on_dask)
    with pytest.raises(InputTypeError, match=r"got dask\..*\.compute\(\)"):
        draw(on_dask, data=ddf)
    fig = draw(on_dask, data=df)
    plt.close(fig)


def test_a_figure_draws_from_a_polars_or_arrow_frame_as_from_the_pandas_one(frames):
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    df, ddf = frames
    on_dask = mnlogit.fit("y ~ x + z + f", ddf)
    want = _lines(on_dask.plot_probabilities("x", data=df))
    assert want.shape == (3, 100)
    # both were refused as "data: expected a pandas DataFrame; got DataFrame" (or Table)
    for given in (pl.from_pandas(df), pa.Table.from_pandas(df)):
        np.testing.assert_allclose(
            _lines(on_dask.plot_probabilities("x", data=given)), want, rtol=1e-12
        )


def test_a_dask_fits_figures_refuse_levels_it_never_saw_by_at_or_data(frames):
    """A dask fit keeps no rows to read its factors' levels from, so a level held by at=
    or drawn from data= that it never saw was refused as one of a "newdata" never given:
    refused by at= or data=, with the levels its formula encodes (g and C(g) alike)."""
    df, ddf = frames
    for formula in ("y ~ x + f", "y ~ x + C(f)"):
        res = mnlogit.fit(formula, ddf)
        with pytest.raises(LevelError, match=r"^at: 'U' is not a level of 'f'.*letter case"):
            res.plot_probabilities("x", n_points=5, data=df, at={"f": "U"})
        with pytest.raises(LevelError, match=r"^data=: 'f' has level\(s\) 'q' \(drawn as"):
            res.plot_probabilities("f", data=df.assign(f="q"))
        title = res.plot_probabilities("x", n_points=5, data=df, at={"f": "w"}).axes[0].get_title()
        assert "f = w" in title
    plt.close("all")
