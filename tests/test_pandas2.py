"""pandas 2 is supported (pyproject's floor, and the only pandas Python 3.10 installs), where
the code had come to lean on pandas 3: a cluster-robust fit read its clusters with
``Series.str.isascii``, which pandas 3 added, so on pandas 2 the README's
``cov_type="cluster", groups="household"`` failed with "'StringMethods' object has no
attribute 'isascii'"; and strata of periods of two frequencies raised pandas 2's
IncompatibleFrequency, a ValueError where pandas 3's is a TypeError."""

import warnings

import pandas as pd
import pytest

import mnlogit
from mnlogit._alike import clusters_alike


@pytest.fixture
def pandas2_strings(monkeypatch):
    """pandas' string methods as pandas 2 has them: without isascii."""
    accessor = type(pd.Series(["a"]).str)
    if hasattr(accessor, "isascii"):
        monkeypatch.delattr(accessor, "isascii")


def test_a_cluster_robust_fit_runs_with_pandas_2s_string_methods(pandas2_strings):
    travel = mnlogit.datasets.load("travel").dropna()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit(
            "mode ~ np.log(distance) + income",
            travel.assign(household=travel["household"].astype(str)),
            ref="car",
            cov_type="cluster",
            groups="household",
        )
    assert res.bse.notna().all().all()


def test_clusters_alike_are_still_told_with_pandas_2s_string_methods(pandas2_strings):
    # white space around a text, and a text beyond ASCII in two Unicode forms
    assert clusters_alike([" A", "A", "B"]) == "clusters ' A', 'A' differ only by white space"
    said = clusters_alike(["B", "\u00c5", "A\u030a"])
    assert said.endswith("differ only by white space, invisible characters or Unicode form")
    assert clusters_alike(["1", "2", "10"]) == ""


def test_strata_of_periods_of_two_frequencies_with_pandas_2s_comparison(monkeypatch):
    # pandas 2 refuses to order periods of two frequencies with IncompatibleFrequency, a
    # ValueError (pandas 3 made it a TypeError): the strata's codes raised it bare
    from mnlogit import _survey_inputs

    class IncompatibleFrequency(ValueError):
        pass

    factorize = pd.factorize

    def pandas2_factorize(values, sort=False, **kwargs):
        frequencies = {v.freqstr for v in values if isinstance(v, pd.Period)}
        if sort and len(frequencies) > 1:
            raise IncompatibleFrequency("Input has different freq=Q-DEC from Period(freq=M)")
        return factorize(values, sort=sort, **kwargs)

    monkeypatch.setattr(_survey_inputs.pd, "factorize", pandas2_factorize)
    strata = pd.Series(
        [pd.Period("2020-01", "M"), pd.Period("2020Q1", "Q"), pd.Period("2020-01", "M")],
        dtype=object,
    )
    codes, uniques = _survey_inputs.identifier_codes(strata)
    assert list(codes) == [0, 1, 0] and len(uniques) == 2


def test_without_copy_on_write_the_kept_columns_are_the_results_own(monkeypatch):
    # pandas 2 (without copy-on-write) wrote the caller's df.loc[:, "x"] = 0.0 after the fit
    # into the block the result's shallow copy shared: its margins and effects read the
    # zeros, where the README says later changes to the DataFrame do not reach a fitted model
    import numpy as np

    from mnlogit import _kept_columns

    monkeypatch.setattr(_kept_columns, "_copy_on_write", lambda: False, raising=False)
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=300),
            "z": rng.normal(size=300),
            "y": rng.choice(["p", "q", "r"], 300),
        }
    )
    kept = mnlogit.fit("y ~ x + z", df)._data.frame
    for name in ("x", "z"):
        assert not np.shares_memory(kept[name].to_numpy(), df[name].to_numpy()), name
        np.testing.assert_array_equal(kept[name].to_numpy(), df[name].to_numpy())
