"""Tables written to files (``to_csv``, ``to_latex``, the command line's outputs): a write
that fails halfway leaves the file as it was, and what the file was (its permissions, a
link to it) stays."""

import bz2
import gzip
import io
import lzma
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

ROOT = Path(mnlogit.__file__).resolve().parent.parent
OLD = "the table of yesterday's fit\n" * 400

# the child may write 300 bytes per file: the export's first block goes past that
SIZE_LIMITED_EXPORT = """
import resource, signal, sys
import mnlogit
res = mnlogit.fit("mode ~ np.log(distance) + income + region", mnlogit.datasets.load("travel"))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))
try:
    getattr(res, sys.argv[2])(sys.argv[1])
except mnlogit.MNLogitError as exc:
    print(exc)
"""


@pytest.mark.slow  # a Python subprocess
@pytest.mark.skipif(sys.platform == "win32", reason="resource limits: POSIX")
@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
def test_a_write_that_fails_halfway_leaves_the_file_as_it_was(tmp_path, export):
    # the file was opened for writing, which empties it, and then cut short at the failure:
    # the earlier table was lost and 300 bytes of the new one looked like a table
    out = tmp_path / "coef.out"
    out.write_text(OLD, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", SIZE_LIMITED_EXPORT, str(out), export],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert f"{export}: cannot write" in proc.stdout, proc.stdout + proc.stderr
    assert out.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["coef.out"]  # nothing left beside it


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ np.log(distance) + region", mnlogit.datasets.load("travel"))


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")
def test_an_existing_file_keeps_its_permissions_and_a_link_stays_a_link(tmp_path, res):
    target = tmp_path / "coef.csv"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    res.to_csv(link)
    assert link.is_symlink()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8").startswith("outcome,term,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coef.csv", "latest.csv"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions(tmp_path, res):
    mask = os.umask(0o022)
    os.umask(mask)
    res.to_latex(tmp_path / "coef.tex")
    assert stat.S_IMODE((tmp_path / "coef.tex").stat().st_mode) == 0o666 & ~mask


def test_a_read_only_file_is_refused_not_replaced(tmp_path, res, monkeypatch):
    # renaming a new file over it would need only the folder's permission
    target = tmp_path / "coef.csv"
    target.write_text(OLD, encoding="utf-8")
    readable_only = str(target)
    access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if str(p) == readable_only else access(p, mode)
    )
    with pytest.raises(mnlogit.exceptions.OutputError, match="Permission denied"):
        res.to_csv(target)
    assert target.read_text(encoding="utf-8") == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["coef.csv"]


@pytest.mark.slow  # a Python subprocess
@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="a system with /dev/stdout")
def test_a_table_written_to_dev_stdout_reaches_a_pipe():
    # /dev/stdout of a process writing into a pipe resolves to no path ("pipe:[...]")
    code = (
        "import mnlogit; mnlogit.fit('mode ~ region', mnlogit.datasets.load('travel'))"
        ".to_csv('/dev/stdout')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("outcome,term,")


@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
def test_a_path_under_the_home_folder_is_written_there(tmp_path, res, monkeypatch, export):
    # '~' was taken for a folder named '~' in the working folder, and refused as missing
    (tmp_path / "home").mkdir()
    (tmp_path / "work").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "work")
    getattr(res, export)("~/coef.out")
    written = (tmp_path / "home" / "coef.out").read_text(encoding="utf-8")
    assert written.startswith(("outcome,", "\\begin"))


@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
def test_an_empty_path_is_refused_as_empty(res, export):
    # to_csv('') said "cannot write '': Is a directory"
    with pytest.raises(mnlogit.exceptions.OutputError, match="the path is empty"):
        getattr(res, export)("")


@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
@pytest.mark.parametrize("state", ["read", "closed"])
def test_a_text_file_that_cannot_be_written_is_refused(tmp_path, res, export, state):
    # io's bare UnsupportedOperation: not writable, or ValueError: I/O operation on closed file
    (tmp_path / "coef.out").write_text(OLD, encoding="utf-8")
    with open(tmp_path / "coef.out", encoding="utf-8") as fh:
        if state == "closed":
            fh.close()
        with pytest.raises(mnlogit.exceptions.OutputError, match="open it with mode 'w'"):
            getattr(res, export)(fh)
    assert (tmp_path / "coef.out").read_text(encoding="utf-8") == OLD


def test_to_latex_writes_to_a_text_file_as_to_csv_does(res):
    # to_latex refused a StringIO as not a file name or a path
    out = io.StringIO()
    assert res.to_latex(out) == out.getvalue()
    assert out.getvalue().startswith("\\begin{tabular}")


def test_the_command_lines_outputs_keep_a_tilde_as_given(tmp_path, monkeypatch):
    # the shell expands ~ before the outputs are checked: a '~/t.csv' checked against a
    # folder named ~ in the working folder is written there, not to the home folder
    from mnlogit.report._files import write_text

    (tmp_path / "home").mkdir()
    (tmp_path / "work" / "~").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "work")
    write_text("~/t.csv", "a\n", "--csv")
    assert (tmp_path / "work" / "~" / "t.csv").read_text() == "a\n"
    assert not (tmp_path / "home" / "t.csv").exists()


@pytest.mark.parametrize("export", ["to_csv", "to_latex"])
def test_impossible_paths_are_refused_naming_why(tmp_path, res, export):
    # a NUL character raised os' bare ValueError: embedded null byte
    with pytest.raises(mnlogit.exceptions.OutputError, match="holds a NUL character"):
        getattr(res, export)(str(tmp_path / "a\x00b.out"))
    # a file where the folder should be was said not to exist
    (tmp_path / "data.csv").write_text("y\n", encoding="utf-8")
    with pytest.raises(mnlogit.exceptions.OutputError, match="is a file, not a folder"):
        getattr(res, export)(tmp_path / "data.csv" / "coef.out")


@pytest.mark.parametrize("end", [".gz", ".bz2", ".xz", ".zip", ".GZ"])
def test_a_name_of_a_compressed_file_is_written_compressed(tmp_path, res, end):
    # the table was written as plain text into 't.csv.gz', which pandas' read_csv (and
    # gunzip) refused as 'Not a gzipped file'
    res.to_csv(tmp_path / f"t.csv{end}")
    back = pd.read_csv(tmp_path / f"t.csv{end}", compression=end[1:].lower().replace("gz", "gzip"))
    pd.testing.assert_frame_equal(back, pd.read_csv(io.StringIO(_csv(res))))
    res.to_latex(tmp_path / f"t.tex{end}")
    opened = {".bz2": bz2.open, ".xz": lzma.open}.get(end, gzip.open)
    if end != ".zip":
        with opened(tmp_path / f"t.tex{end}", "rt", encoding="utf-8") as fh:
            assert fh.read() == res.to_latex()
    # the same bytes tomorrow: no time stamp in them
    first = (tmp_path / f"t.csv{end}").read_bytes()
    res.to_csv(tmp_path / f"t.csv{end}")
    assert (tmp_path / f"t.csv{end}").read_bytes() == first


@pytest.mark.parametrize("end", [".zst", ".tar"])
def test_a_name_of_a_compression_not_written_is_refused(tmp_path, res, end):
    with pytest.raises(mnlogit.exceptions.OutputError, match=f"names a {end[1:]} file"):
        res.to_csv(tmp_path / f"t.csv{end}")
    assert not (tmp_path / f"t.csv{end}").exists()


def test_the_command_line_writes_a_compressed_table_and_refuses_zst_before_the_fit(
    tmp_path, capsys
):
    # through main() in this process: the files and messages are the command's, whatever
    # interpreter runs it
    from mnlogit.__main__ import main

    data = tmp_path / "d.csv"
    mnlogit.datasets.load("travel").to_csv(data, index=False)
    run = ["fit", str(data), "mode ~ income"]
    out = tmp_path / "t.csv.gz"
    status = main([*run, "--csv", str(out)])
    assert status == 0, capsys.readouterr().err
    assert list(pd.read_csv(out).columns[:3]) == ["outcome", "term", "estimate"]
    capsys.readouterr()
    status = main([*run, "--csv", str(tmp_path / "t.csv.zst")])
    stdout, stderr = capsys.readouterr()
    assert status == 2 and stdout == "" and "names a zst file" in stderr


def _csv(res) -> str:
    buf = io.StringIO()
    res.to_csv(buf)
    return buf.getvalue()


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_a_text_file_in_an_encoding_without_a_label_is_refused_with_utf8(tmp_path, encoding):
    # the codec's ValueError was answered "open it with mode 'w'", as the file already was
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.choice(["שלום", "eau"], 60), "x": rng.normal(size=60)})
    res = mnlogit.fit("y ~ x", df)
    with open(tmp_path / "coef.out", "w", encoding=encoding) as fh:
        with pytest.raises(mnlogit.exceptions.OutputError) as info:
            res.to_csv(fh)
        res.to_latex(fh)  # LaTeX is written in ASCII, which every such encoding takes
    message = str(info.value)
    assert f"encoding {encoding!r}, which has no 'שלום'" in message
    assert "encoding='utf-8'" in message and "mode 'w'" not in message
    assert (tmp_path / "coef.out").read_text(encoding=encoding).startswith("\\begin{tabular}")


def test_to_csv_writes_a_file_named_tsv_with_tabs(tmp_path, res):
    # res.to_csv('coef.tsv') wrote commas (as pandas' to_csv does whatever the name), which
    # R's read.delim, readr's read_tsv and pandas' sep='\t' read as one column per line;
    # the command line's --csv coef.tsv writes tabs
    frame = pd.read_csv(io.StringIO(res.summary().as_csv()))
    for name in ("coef.tsv", "coef.TAB.gz"):
        res.to_csv(tmp_path / name)
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / name, sep="\t"), frame)
    res.to_csv(tmp_path / "coef.txt")  # a name that says no delimiter: commas, as written
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "coef.txt"), frame)


@pytest.mark.parametrize(
    ("export", "name", "said"),
    [
        ("to_csv", "coef.xlsx", "names an Excel workbook, and to_csv writes CSV text"),
        ("to_csv", "coef.tex", "names a LaTeX file (to_latex writes one)"),
        ("to_latex", "coef.csv", "names a CSV file (to_csv writes one)"),
        ("to_latex", "coef.pdf.gz", "names a PDF document, and to_latex writes LaTeX source"),
    ],
)
def test_an_export_named_as_another_format_is_refused(tmp_path, res, export, name, said):
    # res.to_csv('coef.xlsx') wrote CSV text that Excel refuses to open ('file format or
    # extension is not valid'); to_latex('coef.pdf') a file no PDF viewer opens
    with pytest.raises(
        mnlogit.exceptions.OutputError,
        match=re.escape(f"{export}: {str(tmp_path / name)!r} {said}"),
    ):
        getattr(res, export)(tmp_path / name)
    assert list(tmp_path.iterdir()) == []
