"""Fits whose information matrix would not fit in memory: coefficients from L-BFGS, a clear
error for the whole covariance, and covariance blocks solved for without the matrix."""

import tracemalloc

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _design_fill, _fisher, _memory, _recession
from mnlogit._solvers import estimate
from mnlogit.exceptions import MemoryLimitError, MNLogitError


def _wide(n=12_000, p=20, K=4, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) + 0.5 * rng.standard_normal((n, 1))
    B = rng.standard_normal((p, K)) * 0.3
    y = np.argmax(X @ B + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(
        y=y, g=rng.integers(0, 60, n), pw=rng.uniform(0.5, 3, n), st=rng.integers(0, 3, n)
    )
    return "y ~ " + " + ".join(f"x{j}" for j in range(p)), df


@pytest.fixture
def little_memory(monkeypatch):
    """A machine where no information matrix fits (every size is checked)."""
    monkeypatch.setattr(_memory, "ALWAYS_FITS_BYTES", 0)
    monkeypatch.setattr(_memory, "available_memory", lambda: 10_000)


def _counted(mp):
    levels = []
    full = _fisher.stats
    mp.setattr(_fisher, "stats", lambda *a, **k: levels.append(a[4]) or full(*a, **k))
    return levels


def test_the_fit_returns_coefficients_and_the_covariance_is_refused(little_memory):
    formula, df = _wide()
    with pytest.MonkeyPatch.context() as mp:
        levels = _counted(mp)
        res = mnlogit.fit(formula, df)
    assert res.converged
    assert _fisher.INFO not in levels  # not even a sample's information
    with pytest.raises(MemoryLimitError, match=r"63 x 63 information matrix") as err:
        res.bse  # noqa: B018
    message = str(err.value)
    assert "available" in message and "cov_params(terms=[...])" in message
    assert isinstance(err.value, MemoryError) and isinstance(err.value, MNLogitError)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_memory, "available_memory", lambda: 1 << 40)
        eager = mnlogit.fit(formula, df)
        eager_se = eager.bse.to_numpy()
    assert np.all(np.abs(res.params.to_numpy() - eager.params.to_numpy()) <= 1e-8 * eager_se)


def test_memory_guard_raises_when_the_limit_is_met(little_memory):
    sizes = r"1,000 x 1,000 information matrix of this fit: 7.6 MiB per copy, about 53.4 MiB"
    with pytest.raises(MemoryLimitError, match=sizes):
        _memory.check_information_fits(1000, 1)
    assert _memory.information_bytes(1000, 2) == 8 * 10**6 * 9


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust", "cluster"])
def test_covariance_blocks_without_the_information_matrix(little_memory, cov_type):
    formula, df = _wide()
    kw = {"groups": "g"} if cov_type == "cluster" else {}
    res = mnlogit.fit(formula, df, cov_type=cov_type, **kw)
    block = res.cov_params(terms=["x3", "x7"])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_memory, "available_memory", lambda: 1 << 40)
        full = mnlogit.fit(formula, df, cov_type=cov_type, **kw).cov_params()
    want = full.loc[block.index, block.columns]
    assert list(block.index) == [(e, c) for e in res.equations for c in ("x3", "x7")]
    np.testing.assert_allclose(block.to_numpy(), want.to_numpy(), rtol=1e-8, atol=0)
    assert res._core.pending  # the whole information was never computed
    test = res.wald_test(["x3", "x7"])
    assert test.df == 6 and np.isfinite(test.statistic)


def test_a_survey_design_block(little_memory):
    formula, df = _wide(n=6000, p=12)
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="g")
    res = mnlogit.fit(formula, df, design=design)
    block = res.cov_params(terms="x2")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_memory, "available_memory", lambda: 1 << 40)
        full = mnlogit.fit(formula, df, design=design).cov_params()
    np.testing.assert_allclose(
        block.to_numpy(), full.loc[block.index, block.columns].to_numpy(), rtol=1e-8
    )


def test_a_fit_stopped_short_says_so(little_memory):
    formula, df = _wide()
    with pytest.warns(mnlogit.ConvergenceWarning, match="did not converge"):
        res = mnlogit.fit(formula, df, max_iter=3)
    assert not res.converged and res.n_iter == 3
    assert np.isfinite(res.params.to_numpy()).all()


def test_without_the_guard_blocks_are_slices_of_the_whole_covariance():
    formula, df = _wide(n=3000, p=5)
    res = mnlogit.fit(formula, df)
    full = res.cov_params()
    block = res.cov_params(terms=["x1", "Intercept"])
    np.testing.assert_array_equal(block.to_numpy(), full.loc[block.index, block.columns])
    assert [c for _, c in block.index][:2] == ["Intercept", "x1"]  # design order


@pytest.mark.parametrize("bad", ["nope", ["x1", "nope"]])
def test_unknown_terms_are_named(bad):
    formula, df = _wide(n=3000, p=5)
    res = mnlogit.fit(formula, df)
    with pytest.raises(KeyError, match="'nope' is neither a term"):
        res.cov_params(terms=bad)
    with pytest.raises(MNLogitError, match="terms: expected"):
        res.cov_params(terms=[])


def test_estimate_on_a_distributed_evaluator_refuses_up_front(little_memory):
    formula, df = _wide(n=3000, p=5)
    data = mnlogit.fit(formula, df)._data
    object.__setattr__(data, "in_memory", False)  # as a dask fit's data
    with pytest.raises(MemoryLimitError):
        estimate(data)


def test_a_firth_fit_is_refused_for_what_it_needs(little_memory):
    # Every Firth iteration needs the information: the refusal pointed to
    # res.cov_params(terms=...) of a result that a refused fit never gives.
    formula, df = _wide(n=2000, p=6)
    with pytest.raises(
        MemoryLimitError, match=r"a Firth fit needs, at every iteration, the 21 x 21"
    ) as err:
        mnlogit.fit(formula, df, method="firth")
    assert "method='newton'" in str(err.value)


def test_verbose_output_says_the_information_will_not_be_computed(little_memory, capsys):
    # It announced "L-BFGS ..., then the information matrix" and, at the end, that the
    # information "is computed when the standard errors are first needed": they are refused.
    formula, df = _wide(n=3000, p=8)
    mnlogit.fit(formula, df, verbose=True)
    out = capsys.readouterr().out
    assert "then the information matrix" not in out
    assert "computed when the standard errors" not in out
    assert "L-BFGS on gradient passes only (the information matrix would not fit" in out
    assert "res.cov_params(terms=[...])" in out


def test_a_stalled_l_bfgs_phase_is_not_blamed_on_max_iter(little_memory):
    # Nearly collinear columns: the L-BFGS phase, all such a fit can run, stops making
    # progress after some 30 of its 100 iterations. The warning and the notes said to
    # increase max_iter, which changes nothing.
    rng = np.random.default_rng(5)
    n, p = 4000, 12
    X = rng.standard_normal((n, p))
    X[:, 1] = X[:, 0] + 1e-4 * rng.standard_normal(n)
    eta = X @ (rng.standard_normal((p, 4)) * 0.2)
    eta[:, 3] += 12 * X[:, 2]
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
    df["y"] = np.argmax(eta + rng.gumbel(size=(n, 4)), axis=1)
    with pytest.warns(mnlogit.ConvergenceWarning, match="no longer made progress") as record:
        res = mnlogit.fit("y ~ " + " + ".join(df.columns[:-1]), df)
    assert not res.converged and res.n_iter < 100
    assert not any("increase max_iter" in str(w.message) for w in record)
    with pytest.warns(mnlogit.exceptions.InferenceWarning, match="no longer making progress"):
        res.cov_params(terms="x2")


# --- the exact separation check -----------------------------------------------------------------
@pytest.fixture
def no_room_for_the_check(monkeypatch):
    """A machine where the exact separation check's linear program never fits (the
    information matrix fits as usual); building the program fails the test."""
    monkeypatch.setattr(_memory, "LP_BYTES_PER_ENTRY", 1 << 40, raising=False)

    def built(*args, **kwargs):
        raise AssertionError("the linear program was built")

    monkeypatch.setattr(_recession, "constraints", built)


def _separated(n=400, seed=0):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["y"] = np.where(df.x > 0.5, "c", rng.choice(["a", "b"], n))  # x > 0.5 only in c
    return df


def test_the_separation_check_is_refused_before_it_is_built(no_room_for_the_check):
    # 28,000 rows x 3,000 columns x 10 outcomes: the program took every byte of 23 GB and the
    # out-of-memory killer ended the process (a notebook's kernel) after the fit had returned
    with pytest.raises(MemoryLimitError, match=r"linear program .* nonzero entries: about"):
        mnlogit.check_separation("y ~ x + z", _separated())


def test_a_fit_stopped_short_says_no_exact_check_ran(no_room_for_the_check):
    formula, df = _wide(n=3000, p=5)
    with pytest.warns(mnlogit.ConvergenceWarning) as caught:
        res = mnlogit.fit(formula, df, max_iter=2)
    message = " ".join(str(w.message) for w in caught)
    assert "did not converge in 2 iterations" in message
    assert "exact check finds no separation" not in message
    assert res.separation is None and not res.converged


def test_a_diverging_fit_without_room_for_the_check_names_no_cause(no_room_for_the_check):
    with pytest.warns(mnlogit.ConvergenceWarning, match="linear program over them, in memory"):
        res = mnlogit.fit("y ~ x + z", _separated())
    assert res.separation is None and res.diverged
    assert np.isnan(res.bse.to_numpy()).all()  # which coefficients diverge is not known
    assert "exact check finds no separation" not in str(res.summary())


# --- the design -------------------------------------------------------------------------------
def test_a_design_larger_than_the_memory_is_refused_before_it_is_allocated(monkeypatch):
    # 200,000 rows with a factor of 40,000 levels: a 59 GiB design, mapped lazily, failed
    # with a bare OSError (or, below the system's limit, brought the out-of-memory killer)
    monkeypatch.setattr(_memory, "DESIGN_ALWAYS_FITS_BYTES", 0, raising=False)
    monkeypatch.setattr(_memory, "available_memory", lambda: 10_000)
    formula, df = _wide(n=500, p=3)
    with pytest.raises(MemoryLimitError, match=r"design matrix of 500 rows x 4 columns takes"):
        mnlogit.fit(formula, df)


def test_a_design_the_system_refuses_is_refused_with_its_size(monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(_design_fill, "OWN_MAPPING_BYTES", 0)
    monkeypatch.setattr(_design_fill.mmap, "mmap", refused)
    formula, df = _wide(n=500, p=3)
    with pytest.raises(MemoryLimitError, match=r"500 rows x 4 columns .* refused it"):
        mnlogit.fit(formula, df)
    with pytest.raises(MemoryLimitError, match=r"500 rows x 3 columns .* refused it"):
        mnlogit.MNLogit(df.y, df[["x0", "x1", "x2"]].to_numpy())


def _many_coefficients(n=3000, p=60, K=11):
    """610 coefficients, whose NaN covariance would be 2.8 MiB."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, p))
    y = np.argmax(X @ rng.standard_normal((p, K)) * 0.2 + rng.gumbel(size=(n, K)), axis=1)
    return pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)


def _peak(read):
    """What ``read()`` returns, and the most memory it held at once."""
    tracemalloc.start()
    try:
        return read(), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_refused_covariance_is_not_first_made_as_a_matrix_of_nan(little_memory):
    # a NaN matrix of every coefficient was filled before the information's memory check
    # refused: 73 GiB for 99,000 coefficients, a bare numpy MemoryError where the package's
    # refusal (with what to ask for instead) was meant
    df = _many_coefficients()
    X = np.column_stack([np.ones(len(df)), df.drop(columns="y").to_numpy()])
    res = mnlogit.MNLogit(df["y"].to_numpy(), X).fit()
    assert res.converged and res.n_params == 610

    def refused():
        with pytest.raises(MemoryLimitError, match=r"610 x 610 information matrix"):
            res.bse  # noqa: B018

    assert _peak(refused)[1] < 610 * 610 * 8 / 4


@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")
def test_the_standard_errors_of_a_penalised_fit_are_nan_without_a_matrix():
    # an L2 fit's standard errors are NaN, which came from a NaN covariance of every pair of
    # coefficients: 73 GiB, a bare MemoryError, for the 99,000 of a factor of 1,000 levels
    # and 100 outcomes that a penalised fit takes on 2,000 rows
    df = _many_coefficients()
    res = mnlogit.fit("y ~ " + " + ".join(df.columns[:-1]), df, penalty="l2")
    se, peak = _peak(lambda: res.bse)
    assert se.shape == (61, 10) and se.isna().all().all()
    assert peak < 610 * 610 * 8 / 4
