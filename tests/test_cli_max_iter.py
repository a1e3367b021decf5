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
