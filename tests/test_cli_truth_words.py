"""A predictor of truth values written both as 1 and 0 and as words (TRUE/FALSE, yes/no), as
files joined from two programs hold them: the words were advised to be read as missing
(--na-values TRUE FALSE, which drops their rows), or, when most cells were words, to be made
missing "first". Now refused with the number each word stands for."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def _frame(n: int = 240) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    flag = rng.random(n) < 0.5
    x = np.round(rng.normal(size=n), 3)
    eta = np.column_stack([np.zeros(n), 0.6 * flag + 0.3 * x, -0.4 * flag])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(p.cumsum(axis=1) > rng.uniform(size=(n, 1))).argmax(axis=1)]
    return pd.DataFrame({"y": y, "x": x, "flag": flag})


@pytest.mark.parametrize("words", [("TRUE", "FALSE"), ("yes", "No")])
@pytest.mark.parametrize("mostly", ["numbers", "words"])
def test_truth_values_as_numbers_and_words_are_refused_with_the_numbers(
    tmp_path, capsys, words, mostly
):
    # most cells numbers (the words were offered to --na-values), or most words (the
    # library said to make them missing first)
    df = _frame()
    numbers, texts = np.where(df["flag"], "1", "0"), np.where(df["flag"], *words)
    written = (numbers if mostly == "numbers" else texts).astype(object)
    written[::6] = (texts if mostly == "numbers" else numbers)[::6]
    path = tmp_path / "d.csv"
    df.assign(flag=written).to_csv(path, index=False)
    status = main(["fit", str(path), "y ~ x + flag"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(err.splitlines()) == 1, err
    assert "writes truth values both as numbers ('0', '1') and as words" in err
    assert f"{words[0]!r} as 1" in err and f"{words[1]!r} as 0" in err
    assert "--na-values" not in err and "first data row" in err
    # written one way, as said, the column fits as Python fits the booleans
    df.assign(flag=df["flag"].astype(int)).to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x + flag"]) == 0
    assert capsys.readouterr().out == str(mnlogit.fit("y ~ x + flag", df).summary()) + "\n"


def test_other_text_beside_zero_and_one_keeps_its_missing_value_advice(tmp_path, capsys):
    df = _frame().astype({"flag": int}).astype(object)
    df.loc[4, "flag"] = "NA"
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + flag"]) == 2
    err = capsys.readouterr().err
    assert "add --na-values NA" in err and "truth values" not in err


def test_truth_words_whose_other_text_comes_late_are_read_as_one_column(tmp_path, capsys):
    # pandas read a column's type by blocks of rows (8192 rows of 66 columns): a first block
    # of TRUE and FALSE read as booleans and a later one holding 'unsure' as text, so TRUE
    # was two levels (True and 'TRUE'), with a warning that the file wrote it two ways
    rng = np.random.default_rng(12)
    n, unused = 8400, 64
    answer = rng.choice(["TRUE", "FALSE"], n).astype(object)
    answer[8300:] = "unsure"
    df = pd.DataFrame({"y": rng.choice(["a", "b"], n), "answer": answer})
    header = ",".join(["y", "answer", *(f"z{k}" for k in range(unused))])
    rows = [f"{y},{a}" + "," * unused for y, a in zip(df["y"], df["answer"], strict=True)]
    (tmp_path / "d.csv").write_text("\n".join([header, *rows, ""]), encoding="utf-8")
    argv = ["fit", str(tmp_path / "d.csv"), "y ~ answer", "--csv", str(tmp_path / "t.csv")]
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 0 and err == "", err
    expected = mnlogit.fit("y ~ answer", df).to_frame().reset_index()
    table = pd.read_csv(tmp_path / "t.csv")
    assert table["term"].tolist() == expected["term"].tolist()
    np.testing.assert_allclose(table["estimate"], expected["estimate"], rtol=1e-9)
