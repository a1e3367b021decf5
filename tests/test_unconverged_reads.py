"""A fit that stopped short of its estimates hands out the numbers of the point where it
stopped: reading them from the user's code warns (InferenceWarning), once per call, saying
so and what to do; the renderings that print it in a note stay silent; a separated fit,
final but for its diverging coefficients, does not warn. Its likelihood-ratio tests are
NaN (see test_numeric_edges and test_inference_edges), a Firth fit's too."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest

import mnlogit
from mnlogit.__main__ import main


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel").dropna()


@pytest.fixture(scope="module")
def stopped(travel):
    with pytest.warns(mnlogit.ConvergenceWarning, match="max_iter"):
        res = mnlogit.fit("mode ~ income + region", travel, ref="car", max_iter=1)
    assert not res.converged and res.separation is None
    return res


READS = {
    "bse": lambda r: r.bse,
    "zvalues": lambda r: r.zvalues,
    "pvalues": lambda r: r.pvalues,
    "cov_params()": lambda r: r.cov_params(),
    "conf_int()": lambda r: r.conf_int(),
    "odds_ratios()": lambda r: r.odds_ratios(),
    "to_frame()": lambda r: r.to_frame(),
    "to_csv()": lambda r: r.to_csv(io.StringIO()),
    # the same CSV text as to_csv(), without the summary's warning either
    "summary().as_csv()": lambda r: r.summary().as_csv(),
    "summary().to_frame()": lambda r: r.summary().to_frame(),
    "aic": lambda r: r.aic,
    "bic": lambda r: r.bic,
    "pseudo_r2": lambda r: r.pseudo_r2,
}


def _caught(read, res):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read(res)
    return caught


@pytest.mark.parametrize("name", READS)
def test_reading_inference_of_a_fit_that_stopped_short_warns(stopped, name):
    # before: ordinary numbers, with the fact only in the fit's warning and to_frame's attrs
    caught = _caught(READS[name], stopped)
    assert [w.category for w in caught] == [mnlogit.InferenceWarning]
    message = str(caught[0].message)
    assert message.startswith(f"{name}: the fit did not converge in 1 iteration")
    assert "not final (res.converged is False)" in message
    assert "refit with a larger max_iter (this fit stopped at 1)" in message
    assert caught[0].filename == __file__  # the user's line


def test_the_renderings_and_the_estimates_stay_silent(stopped):
    """The summary and the LaTeX table say it in their own warning; the coefficients and
    predictions are what the fit is asked for and res.converged says what they are."""
    for read in (
        lambda r: str(r.summary()),
        lambda r: r.to_latex(),
        lambda r: r.params,
        lambda r: r.predict(),
        lambda r: mnlogit.compare([r, r]).as_csv(),
    ):
        assert _caught(read, stopped) == []


def test_a_fit_that_converged_or_separated_does_not_warn(travel):
    done = mnlogit.fit("mode ~ income + region", travel, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        separated = mnlogit.fit("risk ~ age + income", mnlogit.datasets.load("risk"), ref="low")
    assert not separated.converged and separated.separation is not None
    for res in (done, separated):
        for name, read in READS.items():
            if res is separated and name in ("aic", "bic", "pseudo_r2"):
                continue  # the last iterate's: test_separated_fit_statistics.py
            assert [w for w in _caught(read, res) if w.category is mnlogit.InferenceWarning] == []


def test_a_firth_fit_that_stopped_short_warns_and_its_lr_test_is_not_computed():
    # Firth fits are penalised, so no separation check runs: converged is the whole record
    df = mnlogit.datasets.load("risk")
    with pytest.warns(mnlogit.ConvergenceWarning, match="max_iter"):
        res = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth", max_iter=2)
    assert not res.converged and res.separation is None
    caught = _caught(READS["bse"], res)
    assert [w.category for w in caught] == [mnlogit.InferenceWarning]
    assert "did not converge in 2 iterations" in str(caught[0].message)
    # before: a penalised LR statistic against the null, computed from the stopped fit
    test = res.lr_test()
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert test.note.startswith("Not computed: the fit did not converge in 2 iterations")
    done = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")
    small = mnlogit.fit("risk ~ age", df, ref="low", method="firth")
    assert np.isnan(mnlogit.lr_test(small, res).statistic)
    assert np.isfinite(mnlogit.lr_test(small, done).statistic)


def test_the_command_line_says_what_its_csv_holds(tmp_path, capsys):
    """The CSV file keeps neither to_frame()'s note nor a warning (its columns are the
    documented ones), so the run that writes it says what it holds."""
    out_csv = tmp_path / "coef.csv"
    argv = ["fit", "--dataset", "travel", "mode ~ income", "--ref", "car", "--csv", str(out_csv)]
    assert main([*argv, "--max-iter", "1"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "the exported tables hold the values where the fit stopped, not final" in out
    assert "did not converge in 1 iteration; the CSV file does not say so" in out
    assert "refit with a larger --max-iter" in out  # the command line's option, not Python's
    header = out_csv.read_text().splitlines()[0]
    assert header.split(",")[-1] == "diverged"  # the documented columns, none added
    assert main(argv) == 0
    assert "the exported tables hold" not in capsys.readouterr().out


def test_dask_fits_record_it_alike():
    dd = pytest.importorskip("dask.dataframe")
    travel = mnlogit.datasets.load("travel").dropna()
    with pytest.warns(mnlogit.ConvergenceWarning, match="max_iter"):
        res = mnlogit.fit("mode ~ income", dd.from_pandas(travel, npartitions=2), max_iter=1)
    caught = _caught(READS["conf_int()"], res)
    assert [w.category for w in caught] == [mnlogit.InferenceWarning]
    assert "did not converge in 1 iteration" in str(caught[0].message)
    assert np.isnan(res.lr_test().statistic)
    # diverged where the exact check cannot run: every coefficient is treated as diverging
    # (NaN, the diverged column), as under separation, so no warning on reading them
    risk = mnlogit.datasets.load("risk")
    with pytest.warns(mnlogit.ConvergenceWarning, match="diverged"):
        apart = mnlogit.fit("risk ~ age + income", dd.from_pandas(risk, npartitions=2))
    assert apart.diverged and apart.separation is None
    for read in READS.values():
        assert [w for w in _caught(read, apart) if w.category is mnlogit.InferenceWarning] == []
    # its margins are refused saying what can be done, not that an exact check ran
    with pytest.raises(mnlogit.MNLogitError, match="check_separation") as refused:
        apart.marginal_effects()
    assert "exact check finds no separation" not in str(refused.value)


def test_a_penalised_fit_that_stopped_short_gives_both_reasons(travel):
    # its standard errors are NaN for the penalty; its estimates are not final either
    with pytest.warns(mnlogit.ConvergenceWarning):
        res = mnlogit.fit("mode ~ income + region", travel, ref="car", max_iter=1, penalty="l2")
    assert not res.converged
    (warning,) = _caught(READS["to_frame()"], res)
    message = str(warning.message)
    assert "NaN for this L2-penalised" in message
    assert ". The fit did not converge in 1 iteration" in message
