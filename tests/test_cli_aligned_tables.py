"""A table whose fields are aligned by runs of spaces (a data frame printed by R or pandas, many
.dat files): refused as "column 'y' is not in the data (columns: y      x       z)", and with
--sep ' ' every further space read as an empty field, the rows' numbers missing or in the
wrong columns ("no complete rows remain"). Now refused with the step that makes it a file
the command reads; a file of single spaces, and one whose lines end with a space, still fit."""

import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(6)
    y = rng.choice(["a", "b", "c"], n)
    return pd.DataFrame(
        {
            "y": y,
            "x": np.round(rng.normal(size=n) + 0.5 * (y == "b"), 3),
            "z": np.round(rng.uniform(10, 9000, n), 1),
        }
    )


@pytest.mark.parametrize("sep", [[], ["--sep", " "]])
def test_an_aligned_table_is_refused_with_the_step_that_reads_it(tmp_path, capsys, sep):
    df = _frame()
    path = tmp_path / "d.txt"
    path.write_text(df.to_string(index=False) + "\n")
    assert "  " in path.read_text().splitlines()[0]
    status = main(["fit", str(path), "y ~ x + z", *sep])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "the names of its header (y, x, z) stand apart by runs of spaces" in err
    step = "sed -E 's/^ +//' FILE | tr -s ' ' '\\t' > NEW.tsv"
    assert step in err
    if shutil.which("sed") and shutil.which("tr"):  # the step as said gives a file that fits
        command = step.replace("FILE", str(path)).replace("NEW.tsv", str(tmp_path / "n.tsv"))
        subprocess.run(command, shell=True, check=True)
        assert main(["fit", str(tmp_path / "n.tsv"), "y ~ x + z"]) == 0
        assert capsys.readouterr().out == str(mnlogit.fit("y ~ x + z", df).summary()) + "\n"


@pytest.mark.parametrize("ending", ["", " "])
def test_single_spaces_still_fit(tmp_path, capsys, ending):
    df = _frame()
    lines = df.to_csv(index=False, sep=" ").splitlines()
    (tmp_path / "d.txt").write_text("".join(line + ending + "\n" for line in lines))
    assert main(["fit", str(tmp_path / "d.txt"), "y ~ x + z", "--sep", " "]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ x + z", df).summary()) + "\n"
