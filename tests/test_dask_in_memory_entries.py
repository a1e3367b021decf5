"""Entry points that read their rows in memory, given dask collections: the scikit-learn
classifier refuses them at fit, as MNLogit(y, X) does (scikit-learn read them into memory
whole, and a dask DataFrame's column names were lost), and a formula's X at predict naming
the dask DataFrame and how to predict its partitions; MNLogit.from_formula says to fit it
with mnlogit.fit or compute it. Each points to what works."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

pytestmark = pytest.mark.slow

pytest.importorskip("sklearn")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")

from mnlogit.sklearn import MNLogitClassifier  # noqa: E402


@pytest.fixture(scope="module")
def frames():
    rng = np.random.default_rng(48)
    n = 300
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "f": rng.choice(["u", "v"], n),
            "y": rng.choice(["a", "b", "c"], n),
            "w": rng.integers(1, 4, n).astype(float),
        }
    )
    return df, dd.from_pandas(df, npartitions=3)


@pytest.mark.parametrize(
    ("formula", "given"),
    [
        (None, lambda d: (d[["x", "z"]], d["y"], None)),
        (None, lambda d: (d[["x", "z"]].to_dask_array(lengths=True), d["y"].compute(), None)),
        ("x + z + f", lambda d: (d[["x", "z", "f"]], d["y"], None)),
        ("x + z + f", lambda d: (d[["x", "z", "f"]].compute(), d["y"], None)),
        (None, lambda d: (d[["x", "z"]].compute(), d["y"].compute(), d["w"])),
    ],
    ids=["frame", "array", "formula", "formula, y", "sample_weight"],
)
def test_a_fit_on_dask_collections_is_refused_as_mnlogit_refuses_them(frames, formula, given):
    # without a formula the fit read them whole and labelled the columns x0, x1; with one,
    # X was refused as "X must be a DataFrame with the columns it uses; got DataFrame"
    X, y, w = given(frames[1])
    clf = MNLogitClassifier(formula=formula)
    with pytest.raises(InputTypeError, match=r"got a dask .* mnlogit\.fit\(formula, ddf"):
        clf.fit(X, y, sample_weight=w)
    assert not hasattr(clf, "results_")


def test_a_formula_classifier_says_how_to_predict_a_dask_frame_by_partition(frames):
    df, ddf = frames
    clf = MNLogitClassifier(formula="x + z + f").fit(df[["x", "z", "f"]], df["y"])
    with pytest.raises(InputTypeError, match=r"got a dask DataFrame \(compute it first") as err:
        clf.predict(ddf)
    # the advice runs, and predicts what the computed rows give
    advice = str(err.value).split("each partition: ")[1][: -len(")")]
    assert advice.startswith("X.map_partitions(")
    got = eval(advice, {"X": ddf, "clf": clf, "pd": pd}).compute()
    np.testing.assert_array_equal(got.to_numpy(), clf.predict(df))


def test_the_model_class_given_a_dask_frame_says_what_reads_it(frames):
    df, ddf = frames
    # its advice was pd.api.interchange.from_dataframe(data), which fails on a dask
    # DataFrame with AttributeError: 'DaskDataFrameInterchange' object has no attribute
    # 'get_chunks'
    with pytest.raises(InputTypeError, match=r"mnlogit\.fit\(formula, ddf") as err:
        mnlogit.MNLogit.from_formula("y ~ x + f", ddf)
    assert "interchange" not in str(err.value)
    assert str(err.value).endswith("compute them first, data.compute()")
    want = mnlogit.MNLogit.from_formula("y ~ x + f", df).fit()
    got = mnlogit.MNLogit.from_formula("y ~ x + f", ddf.compute()).fit()
    np.testing.assert_array_equal(got.params, want.params)


def test_iia_refusals_of_a_robust_dask_fit_do_not_send_each_to_the_other(frames):
    # hausman said "Use method='suest'", and suest, refused on a dask fit, said "or use
    # method='hausman', which refits through the partitions", refused on a robust fit
    df, ddf = frames
    on_dask = mnlogit.fit("y ~ x + z", ddf, cov_type="cluster", groups="f")
    said = {}
    for method in ("hausman", "small-hsiao", "suest"):
        with pytest.raises(mnlogit.MNLogitError) as err:
            on_dask.iia_test(omit="c", method=method)
        said[method] = str(err.value)
    for method in ("hausman", "small-hsiao"):
        assert "Use method='suest'" in said[method] and "on the rows in memory" in said[method]
    assert "use method='hausman'" in said["suest"]
    assert "with the model-based covariance (cov_type='nonrobust'" in said["suest"]
    in_memory = mnlogit.fit("y ~ x + z", df, cov_type="cluster", groups="f")
    with pytest.raises(mnlogit.MNLogitError) as err:
        in_memory.iia_test(omit="c", method="hausman")
    assert str(err.value).endswith("which allows for robust and clustered errors.")
