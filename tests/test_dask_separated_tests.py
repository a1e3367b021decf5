"""Likelihood-ratio tests of dask fits stopped by separation: in memory they compare the
log-likelihood a separated fit approaches along the separating direction, found from the
rows; a dask fit, whose rows stay in the partitions, cannot find it, so its tests are NaN
with a note saying why, never the value where it stopped with a note calling it the limit."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning

pytestmark = pytest.mark.slow

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def fits():
    rng = np.random.default_rng(0)
    n = 600
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "f": rng.choice(["u", "v", "w"], n),
        }
    )
    # level w of f never with outcome a: its coefficients diverge, in both equations
    df.loc[(df.f == "w") & (df.y == "a"), "y"] = "b"
    ddf = dd.from_pandas(df, npartitions=4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the separation, said by the fits
        return {
            where: (mnlogit.fit("y ~ x + f", data), mnlogit.fit("y ~ f", data))
            for where, data in (("memory", df), ("dask", ddf))
        }


def test_a_separated_dask_fit_leaves_the_lr_test_of_its_other_terms_uncomputed(fits):
    full, small = fits["memory"]
    assert not full.converged and full.separation is not None
    want = full.lr_test(small)
    assert np.isfinite(want.statistic) and want.statistic > 0
    full, small = fits["dask"]
    assert not full.converged and full.separation is not None
    got = full.lr_test(small)
    # was 2 (llf - llf_small) at the points where the fits stopped, 4e-6 relative from the
    # in-memory limit here (a unit or two elsewhere), noted as "the value it approaches"
    assert np.isnan(got.statistic) and np.isnan(got.pvalue) and got.df == want.df
    assert "dask fit keeps its rows in the partitions" in got.note
    assert "fit the rows in memory" in got.note
    assert "the value it approaches" not in got.note


def test_anova_of_a_separated_dask_fit_says_why_its_chi2_are_not_computed(fits):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its restricted refits, separated too
        want = fits["memory"][0].anova()
    assert np.isfinite(want.loc["x", "chi2"])
    # said as the table is read; no refit is run, nor warned of as short of its maximum
    with pytest.warns(InferenceWarning, match="dask fit keeps its rows in the part") as caught:
        got = fits["dask"][0].anova()
    assert [w.category for w in caught] == [InferenceWarning]
    assert got["chi2"].isna().all() and got["pvalue"].isna().all()
    assert list(got["df"]) == list(want["df"])
    assert "dask fit keeps its rows in the partitions" in got.attrs["note"]


def test_a_dask_fit_advises_method_firth_on_the_data_in_memory_where_it_runs(fits):
    # the warning, the summary and the notes of tests said "Use method='firth'" to a dask
    # fit, which refuses it ("method='firth' is not available for a dask DataFrame")
    on_dask, in_memory = fits["dask"][0], fits["memory"][0]
    texts = {
        "warning": on_dask.separation.message,
        "summary": " ".join(str(on_dask.summary()).split()),
        "lr_test": on_dask.lr_test().note,
        "wald": on_dask.wald_test("f").note,
        "anova": on_dask.anova().attrs["note"],
    }
    for where, text in texts.items():
        assert "firth" in text.lower(), where
        assert text.count("firth") == text.count("firth' on the data in memory") + text.count(
            'firth" on the data in memory'
        ), where
    assert in_memory.lr_test().note.endswith(
        "Refit with method='firth' for finite bias-reduced estimates."
    )
    ddf = dd.from_pandas(pd.DataFrame({"y": list("abcabc"), "x": np.arange(6.0)}), 2)
    with pytest.raises(mnlogit.exceptions.OptionError, match="not available for a dask"):
        mnlogit.fit("y ~ x", ddf, method="firth")


@pytest.mark.parametrize(
    ("options", "advice"),
    [
        ({}, "for a Firth fit, fit in-memory data (a pandas DataFrame), e.g. a sample"),
        (
            {"design": mnlogit.SurveyDesign(weights="w")},
            "for a Firth fit, fit the survey's rows as in-memory data, a pandas DataFrame",
        ),
    ],
)
def test_the_refusal_of_method_firth_on_dask_says_to_fit_the_rows_in_memory(options, advice):
    # the fit every separated dask fit is advised ("method='firth' on the data in memory")
    # was refused with "use method='newton'" alone, the fit that diverged
    df = pd.DataFrame({"y": list("abcabc"), "x": np.arange(6.0), "w": 1.0})
    with pytest.raises(mnlogit.exceptions.OptionError) as refusal:
        mnlogit.fit("y ~ x", dd.from_pandas(df, 2), method="firth", **options)
    assert advice in str(refusal.value)
    assert str(refusal.value).endswith("or use method='newton' here")


def test_a_rare_outcome_level_on_dask_is_advised_method_firth_on_the_data_in_memory():
    # 'Merge them with another level, drop their rows, or use method='firth'', to a fit
    # that refuses it
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"y": rng.choice(["a", "b"], 200), "x": rng.normal(size=200)})
    df.loc[[3, 150], "y"] = "rare"
    said = {}
    for where, data in (("memory", df), ("dask", dd.from_pandas(df, npartitions=3))):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            mnlogit.fit("y ~ x", data)
        (said[where],) = [str(w.message) for w in caught if w.category is mnlogit.RareLevelWarning]
    assert said["memory"].endswith("or use method='firth'.")
    assert said["dask"].endswith(
        "or use method='firth' on the data in memory (a dask fit refuses it)."
    )


def test_predictions_reading_diverging_coefficients_of_a_dask_fit_advise_firth_in_memory(fits):
    df = fits["memory"][0]._data.frame
    new = df[df["f"] == "w"].head(3)
    said = {}
    for where in ("memory", "dask"):
        with pytest.warns(mnlogit.SeparationWarning) as caught:
            fits[where][0].predict(new)
        (said[where],) = [str(w.message) for w in caught]
    assert said["memory"].endswith(
        "refit with method='firth' for predictions from finite bias-reduced estimates"
    )
    assert (
        "method='firth' on the data in memory (a dask fit refuses it) for predictions"
        in said["dask"]
    )


def test_an_l2_dask_fit_advises_method_firth_on_the_data_in_memory():
    # its summary, its refused tests and its NaN standard errors said "or with
    # method='firth' when the data are separated", which a dask fit refuses
    rng = np.random.default_rng(2)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 200), "x": rng.normal(size=200)})
    options = {"penalty": "l2", "C": 0.5}
    in_memory = mnlogit.fit("y ~ x", df, **options)
    on_dask = mnlogit.fit("y ~ x", dd.from_pandas(df, npartitions=2), **options)
    with pytest.raises(mnlogit.exceptions.ModelComparisonError) as err:
        on_dask.wald_test("x")
    with pytest.warns(mnlogit.InferenceWarning) as caught:
        on_dask.bse  # noqa: B018
    texts = [" ".join(str(on_dask.summary()).split()), str(err.value), str(caught[0].message)]
    where = "method='firth' on the data in memory (a dask fit refuses it) when"
    assert all(where in text for text in texts)
    assert where not in " ".join(str(in_memory.summary()).split())
