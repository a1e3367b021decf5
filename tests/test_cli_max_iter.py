"""``--max-iter``: a fit the limit stops says to raise the limit, so the command line has it."""

import io

import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main

FORMULA = "mode ~ np.log(distance) + income"


def test_fit_max_iter_is_the_fits_limit(tmp_path, capsys):
    out = tmp_path / "coef.csv"
    args = ["fit", "--dataset", "travel", FORMULA, "--ref", "car", "--csv", str(out)]
    assert main([*args, "--max-iter", "1"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "did not converge in 1 iteration" in shown
    assert "the CSV file does not say so" in shown  # the export's note
    with pytest.warns(mnlogit.ConvergenceWarning, match="did not converge in 1 iteration"):
        stopped = mnlogit.fit(FORMULA, mnlogit.datasets.load("travel"), ref="car", max_iter=1)
    assert not stopped.converged
    written = pd.read_csv(out)["estimate"].to_numpy()
    assert written == pytest.approx(stopped.params.to_numpy().T.ravel(), rel=1e-12)
    # the default is the library's: this model converges within it
    assert main(args) == 0
    assert "did not converge" not in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["0", "-3", "2.5", "ten", "١٠"])
def test_fit_max_iter_other_than_a_positive_whole_number_is_refused(bad, capsys):
    assert main(["fit", "--dataset", "travel", FORMULA, "--max-iter", bad]) == 2
    err = capsys.readouterr().err
    assert f"--max-iter: expected a positive whole number; got {bad!r}" in err


def test_compare_max_iter_is_each_fits_limit(capsys):
    args = ["compare", "--dataset", "travel", "mode ~ income", FORMULA, "--ref", "car"]
    assert main([*args, "--max-iter", "1"]) == 0
    rows = [line for line in io.StringIO(capsys.readouterr().out) if line.startswith("Converged")]
    assert len(rows) == 1 and rows[0].split()[1:] == ["no", "no"]


def test_a_fit_the_limit_stops_is_told_to_rerun_with_the_option(capsys):
    # without --csv or --latex nothing said --max-iter: the summary's "Increase max_iter"
    # and "refit with a larger max_iter" are the keyword of mnlogit.fit
    args = ["fit", "--dataset", "travel", FORMULA, "--ref", "car", "--max-iter", "1"]
    assert main(args) == 0
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    assert last == (
        "(the fit did not converge in 1 iteration: refit with a larger --max-iter (this fit "
        "stopped at 1))"
    )


def test_a_separated_fit_is_refitted_as_the_option_says(capsys):
    # the command said 'Refitting with method="firth"', the keyword of mnlogit.fit
    args = ["fit", "--dataset", "risk", "risk ~ age + income", "--ref", "low"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Refitting with --method firth (bias-reduced" in out and 'method="firth" (' not in out
    assert main([*args, "--max-iter", "2"]) == 0  # the Firth refit stopped by the limit too
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith("refit with a larger --max-iter (this fit stopped at 2))")
    )
