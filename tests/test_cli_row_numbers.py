"""Rows the command line's fit names are numbered as its refusals number them: by data row
(the first row under the header is 1). The separation warning of a file whose rows 5 and 7
lie on the separating boundary listed them as (4, 6), pandas' positions from 0, beside
refusals that say "data row 5" of the same file; rows named in the file (R's write.table
writes a header one field short, its first column the row names) keep their names."""

import re

from test_cli_files import _main

ROWS = ["a,1", "b,2", "a,3", "b,4", "c,5", "c,6", "b,5", "a,2", "b,1", "a,4"]


def _boundary(err: str) -> str:
    flat = " ".join(err.split())
    found = re.search(r"rows tied on its boundary \(([^)]*)\)", flat)
    assert found, flat
    return found.group(1)


def test_the_separating_boundary_is_named_by_data_row(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("y,x\n" + "\n".join(ROWS) + "\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert _boundary(out + err) == "5, 7"  # the rows 'c,5' and 'b,5': x = 5 in both
    bad = [*ROWS[:4], "c,inf", *ROWS[5:]]
    (tmp_path / "e.csv").write_text("y,x\n" + "\n".join(bad) + "\n")
    status, out, err = _main(capsys, "fit", tmp_path / "e.csv", "y ~ x")
    assert status == 2 and "data row 5" in err, err  # the same numbering


def test_row_names_written_in_the_file_are_kept(tmp_path, capsys):
    named = [f'"r{k}",{row}' for k, row in enumerate(ROWS, start=1)]
    (tmp_path / "d.csv").write_text('"y","x"\n' + "\n".join(named) + "\n")
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x")
    assert status == 0, err
    assert _boundary(out + err) == "r5, r7"
