"""A table's file named as a tar archive (``t.tar.gz``, ``t.tgz``) is refused, as ``t.tar``
is: the name's last ending alone was read, so ``t.tar.gz`` was written as gzip-compressed
text, which pandas' read_csv (that reads such a name as a tar archive) and tar refuse; and
a name ending in ``/`` names a folder, not a file to make."""

import pytest

import mnlogit
from mnlogit.exceptions import OutputError

ARCHIVES = ["t.tar.gz", "t.tar.bz2", "t.tar.xz", "t.TAR.GZ", "t.tgz", "t.tbz2", "t.txz"]


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")


@pytest.mark.parametrize("name", ARCHIVES)
@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
def test_a_name_of_a_tar_archive_is_refused_and_nothing_written(tmp_path, res, export, name):
    with pytest.raises(OutputError, match=r"names a tar archive.*t\.csv\.gz"):
        getattr(res, export)(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_other_names_with_tar_in_them_are_written(tmp_path, res):
    # a name holding '.tar' before another ending is no archive's: 'guitar.csv', 't.tar.csv'
    for name in ("guitar.csv.gz", "t.tar.csv", "star.gz"):
        res.to_csv(tmp_path / name)
        assert (tmp_path / name).stat().st_size > 0


def test_the_command_line_refuses_a_tar_archive_before_the_fit(tmp_path, capsys):
    from mnlogit.__main__ import main

    data = tmp_path / "d.csv"
    mnlogit.datasets.load("travel").to_csv(data, index=False)
    code = main(["fit", str(data), "mode ~ income", "--csv", str(tmp_path / "t.tar.gz")])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "names a tar archive" in err
    assert not (tmp_path / "t.tar.gz").exists()


def test_a_zip_named_tar_zip_is_a_zip_file_as_pandas_reads_it(tmp_path, res):
    import pandas as pd

    res.to_csv(tmp_path / "t.tar.zip")
    assert pd.read_csv(tmp_path / "t.tar.zip").shape == res.to_frame().reset_index().shape


@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
def test_a_path_ending_in_a_slash_names_a_folder_and_no_file_is_made(tmp_path, res, export):
    # open() said 'Is a directory'; the write through a new file beside it made a file
    # named 'tables', where the folder was meant
    with pytest.raises(OutputError, match=r"tables/' ends with '/'.*folder"):
        getattr(res, export)(str(tmp_path / "tables") + "/")
    assert list(tmp_path.iterdir()) == []
