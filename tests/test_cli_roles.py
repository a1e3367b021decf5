"""The command line's --weights and --groups columns with an empty or negative cell, run in
process: one line naming the option, the column and the data row."""

import numpy as np
import pandas as pd
import pytest

from mnlogit.__main__ import main


def _data(path, **cells):
    rng = np.random.default_rng(3)
    n = 80
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": np.round(rng.normal(size=n), 3),
            "w": rng.integers(1, 4, n).astype(float),
            "g": rng.integers(0, 12, n).astype(float),
        }
    )
    for column, (row, value) in cells.items():
        df.loc[row, column] = value
    df.to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize(
    ("cells", "options", "said"),
    [
        # was "weights: every weight must be finite; got nan": no option, no row, and a
        # value the file does not hold
        ({"w": (6, np.nan)}, ["--weights", "w"], "--weights column 'w' is empty in data row 7"),
        # was "weights: frequency weights must be >= 0; got -1.0", no row
        ({"w": (6, -1)}, ["--weights", "w"], "--weights column 'w' holds -1 in data row 7"),
        # was "groups: cluster identifiers must not be missing (1 are)"
        (
            {"g": (6, np.nan)},
            ["--cov", "cluster", "--groups", "g"],
            "--groups column 'g' is empty in data row 7",
        ),
    ],
)
def test_an_empty_or_negative_weight_or_cluster_is_named_by_option_and_row(
    tmp_path, capsys, cells, options, said
):
    data = _data(tmp_path / "d.csv", **cells)
    for argv in (["fit", data, "y ~ x"], ["compare", data, "y ~ 1", "y ~ x"]):
        assert main([*argv, *options]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith(f"mnlogit: error: {said} (1 row in all)"), err
        assert len(err.splitlines()) == 1


def test_a_row_the_formula_drops_needs_no_weight_or_cluster(tmp_path, capsys):
    # its missing predictor drops it, as the library drops it: no refusal of its other cells
    data = _data(tmp_path / "d.csv", x=(6, np.nan), w=(6, np.nan), g=(6, np.nan))
    assert main(["fit", data, "y ~ x", "--weights", "w", "--cov", "cluster", "--groups", "g"]) == 0
    assert "1 of 80 rows dropped" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("cells", "said", "not_said"),
    [
        # was the library's "convert them to numbers first (.astype(float) ...)", Python code
        (["True", "False"], "--weights column 'w' holds True and False", ".astype"),
        # was "column 'w' ...; to use the column as categories, write C(w) in the formula"
        (["1,000", "2"], "--weights column 'w' holds numbers written with a thousands", "C(w)"),
        (["3%", "2%"], "--weights column 'w' holds numbers written with '%'", "C(w)"),
    ],
)
def test_weights_of_text_are_told_as_weights(tmp_path, capsys, cells, said, not_said):
    path = tmp_path / "d.csv"
    df = pd.read_csv(_data(path))
    df["w"] = np.resize(np.array(cells, dtype=object), len(df))
    df.to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x", "--weights", "w"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"mnlogit: error: {said}") and err.count("\n") == 1
    assert not_said not in err


def test_a_refusal_on_the_rows_kept_says_which_rows_were_dropped(tmp_path, capsys):
    # c varies in the file but is constant on the rows that have it: refused as 'constant
    # beside the intercept' with nothing about the 41 rows dropped
    df = pd.read_csv(_data(tmp_path / "d.csv"))
    df["c"] = np.where(np.arange(len(df)) < 40, 1.0, np.nan)
    df.loc[0, ["c", "x"]] = [2.0, np.nan]
    df.to_csv(tmp_path / "d.csv", index=False)
    for argv in (["fit", "y ~ x + c"], ["compare", "y ~ x", "y ~ x + c"]):
        assert main([argv[0], str(tmp_path / "d.csv"), *argv[1:]]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "column(s) 'c'" in err
        assert err.rstrip().endswith(
            "(on the rows kept: 41 of 80 rows dropped for missing values in c (40) and x (1))"
        )


def _incomplete(path, rows=(4, 8)):
    # g*h: the cell (c, v) is empty; z misses values in ``rows``
    rng = np.random.default_rng(2)
    n = 200
    g = rng.choice(["a", "b", "c"], n)
    h = np.where(g == "c", "u", rng.choice(["u", "v"], n))
    df = pd.DataFrame({"y": rng.choice(["p", "q", "r"], n), "g": g, "h": h})
    df["x"] = np.round(rng.normal(size=n), 3)
    df["w"] = 2 * df["x"]
    df["z"] = np.round(rng.normal(size=n), 3)
    df.loc[list(rows), "z"] = np.nan
    df.to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        # was "... (whatever the 2 rows dropped for missing values hold) ... in C() (on the
        # 198 rows kept: 2 of 200 rows dropped for missing values in z (2))"
        ("y ~ g*h + z", "(whatever the 2 of 200 rows dropped for missing values in z hold)"),
        # was "(on the 198 rows kept: 2 of 200 rows dropped for missing values in z (2))"
        ("y ~ x + w + z", "(on the rows kept: 2 of 200 rows dropped for missing values in z)"),
    ],
)
def test_a_refusal_for_rank_says_the_rows_dropped_once(tmp_path, capsys, formula, said):
    path = _incomplete(tmp_path / "d.csv")
    for argv in (["fit", path, formula], ["compare", path, "y ~ z", formula]):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.count("\n") == 1 and "rank deficient" in err
        assert said in err and err.count("dropped") == 1 and "198" not in err, err


def test_an_outcome_left_one_level_says_the_rows_dropped_once(tmp_path, capsys):
    df = pd.read_csv(_incomplete(tmp_path / "d.csv", rows=()))
    df.loc[df["y"] != "p", "z"] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    dropped = int((df["y"] != "p").sum())
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + z"]) == 2
    out, err = capsys.readouterr()
    # was "... after dropping the 131 rows with missing values in 'z'; ... (on the 69 rows
    # kept: 131 of 200 rows dropped for missing values in z (131))"
    assert f"after dropping the {dropped} rows with missing values in 'z'" in err
    assert out == "" and err.count(str(dropped)) == 1 and "rows kept" not in err, err


def _spelled(path, first, second):
    rng = np.random.default_rng(5)
    rows = ["y,x,cl"]
    for i in range(120):
        cl = [first, second, "2", "3", "4", "5"][i % 6]
        rows.append(f"{rng.choice(['a', 'b', 'c'])},{rng.normal():.3f},{cl}")
    path.write_text("\n".join(rows) + "\n")
    return str(path)


def test_clusters_a_formula_reads_as_numbers_written_two_ways_are_refused(tmp_path, capsys):
    # '01' and '1' were one cluster when the formula also read cl as a number (and two when
    # it did not): 6 clusters became 5, with nothing said
    data = _spelled(tmp_path / "d.csv", "01", "1")
    assert main(["fit", data, "y ~ x + cl", "--cov", "cluster", "--groups", "cl"]) == 2
    err = capsys.readouterr().err
    assert "--groups column 'cl'" in err and "'01' and '1' are one cluster" in err
    assert err.count("\n") == 1
    for formula in ("y ~ x", "y ~ x + C(cl)"):  # read as written: six clusters
        assert main(["fit", data, formula, "--cov", "cluster", "--groups", "cl"]) == 0
        assert "(6 clusters)" in capsys.readouterr().out


def test_clusters_a_formula_reads_as_numbers_written_one_way_are_fitted(tmp_path, capsys):
    data = _spelled(tmp_path / "d.csv", "0", "1")
    assert main(["fit", data, "y ~ x + cl", "--cov", "cluster", "--groups", "cl"]) == 0
    assert "(6 clusters)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "options", "said"),
    [
        (["fit"], ["--weights", "n"], "--weights 'n' is not a column of the data (columns:"),
        (
            ["fit"],
            ["--cov", "cluster", "--groups", "G"],
            "--groups 'G' is not a column of the data; the column 'g' differs from it only by "
            "letter case",
        ),
        (["compare", "y ~ 1"], ["--weights", "W"], "--weights 'W' is not a column of the data;"),
    ],
)
def test_an_option_naming_no_column_is_named_in_the_refusal(
    tmp_path, capsys, command, options, said
):
    # was "column 'n' is not in the data (columns: ...)", as if the formula named it
    data = _data(tmp_path / "d.csv")
    assert main([command[0], data, "y ~ x", *command[1:], *options]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and said in err, err


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        # was "in z (2)": the one column's count said the 2 rows again
        ({"z": [4, 8]}, "2 of 200 rows dropped for missing values in z"),
        # was "in x (1), z (2)"
        ({"x": [1], "z": [4, 8]}, "3 of 200 rows dropped for missing values in x (1) and z (2)"),
        (
            {"x": [1], "y": [2, 3, 5], "z": [4, 8]},
            "6 of 200 rows dropped for missing values in y (3), x (1) and z (2)",
        ),
    ],
)
def test_the_note_of_rows_dropped_counts_a_column_only_beside_another(
    tmp_path, capsys, missing, said
):
    df = pd.read_csv(_incomplete(tmp_path / "d.csv", rows=()))
    for column, rows in missing.items():
        df.loc[rows, column] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + z"]) == 0
    assert capsys.readouterr().err == f"mnlogit: note: {said}\n"
    assert main(["compare", str(tmp_path / "d.csv"), "y ~ 1", "y ~ x + z"]) == 0
    assert f"mnlogit: note: (2): {said}\n" in capsys.readouterr().err


def test_a_factor_left_one_level_says_the_rows_dropped_once(tmp_path, capsys):
    df = pd.read_csv(_incomplete(tmp_path / "d.csv", rows=()))
    df.loc[df["g"] != "a", "z"] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    dropped = int((df["g"] != "a").sum())
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ g + z"]) == 2
    out, err = capsys.readouterr()
    assert f"after dropping {dropped} rows with missing values in 'z'" in err
    assert out == "" and err.count(str(dropped)) == 1 and "rows kept" not in err, err


def test_a_refusal_that_counts_the_rows_dropped_is_told_by_what_it_carries(
    tmp_path, capsys, monkeypatch
):
    # whether the library's refusal had counted the rows dropped was read from its wording
    # ('\b2 rows? with missing values in '): other words for them were counted again
    import mnlogit.__main__ as cli
    from mnlogit.exceptions import DataError

    def refused(*args, **kwargs):
        err = DataError("only 'p' is left once the 2 incomplete rows (in 'z') are gone")
        err.rows_dropped_said, err.rows_dropped_columns = "the 2 incomplete rows (in 'z')", ("z",)
        raise err

    monkeypatch.setattr(cli, "_model", refused)
    path = _incomplete(tmp_path / "d.csv")
    assert main(["fit", path, "y ~ x + z"]) == 2
    out, err = capsys.readouterr()
    assert (
        out == ""
        and err == "mnlogit: error: only 'p' is left once the 2 incomplete rows (in 'z') are gone\n"
    )


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        # was "(on the rows kept: 80 of 80 rows dropped for missing values in x)"
        (
            {"x": slice(None)},
            "(column 'x' is entirely missing) (80 of 80 rows dropped for missing ",
        ),
        (
            {"x": slice(0, None, 2), "w": slice(1, None, 2)},
            "(80 of 80 rows dropped for missing values in w (40) and x (40))",
        ),
    ],
)
def test_a_refusal_that_no_row_is_left_says_the_rows_dropped_without_rows_kept(
    tmp_path, capsys, missing, said
):
    df = pd.read_csv(_data(tmp_path / "d.csv"))
    for column, rows in missing.items():
        df.loc[df.index[rows], column] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x + w"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "no complete rows remain" in err
    assert said in err and "rows kept" not in err, err


def test_weights_0_in_the_one_row_kept_are_said_of_one_row(tmp_path, capsys):
    df = pd.read_csv(_data(tmp_path / "d.csv")).assign(w=0.0)
    df.loc[1:, "x"] = np.nan
    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ x", "--weights", "w"]) == 2
    # was "is 0 in each of the 1 rows kept"
    assert "--weights column 'w' is 0 in the one row kept, which" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--weights", "w"], "--weights column 'w' is empty or holds 'NA', which --na-values"),
        (
            ["--cov", "cluster", "--groups", "g"],
            "--groups column 'g' is empty or holds 'NA', which --na-values",
        ),
    ],
)
def test_a_weight_or_cluster_na_values_made_missing_is_not_called_empty(
    tmp_path, capsys, options, said
):
    path = tmp_path / "d.csv"
    df = pd.read_csv(_data(path)).astype({"w": object, "g": object})
    df.loc[6, ["w", "g"]] = "NA"
    df.to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x", *options, "--na-values", "NA"]) == 2
    out, err = capsys.readouterr()
    # was "is empty in data row 7", a row whose cell reads NA
    assert out == "" and err.startswith(f"mnlogit: error: {said} reads as missing, in data row 7")


def test_weights_grouped_in_thousands_are_advised_the_thousands_separator_alone(tmp_path, capsys):
    path = tmp_path / "d.csv"
    df = pd.read_csv(_data(path))
    df["w"] = np.resize(["1,200", "2,760", "35"], len(df))
    df.to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x", "--weights", "w"]) == 2
    err = capsys.readouterr().err
    # was "pass --thousands ',' (1,200) or --decimal ',' (12,5)": --decimal read 1.2, and
    # was refused as a frequency weight that is not whole
    assert err.rstrip().endswith("(e.g. '1,200'): pass --thousands ','"), err
    assert main(["fit", str(path), "y ~ x", "--weights", "w", "--thousands", ","]) == 0


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ({}, "--groups column 'c' is 'k' in every row: one cluster, and cluster-robust"),
        # the one row of another cluster has no x, or weight 0: not counted
        ({"x": np.nan}, "--groups column 'c' is 'k' in every row the fit counts: one cluster"),
        ({"w": 0}, "--groups column 'c' is 'k' in every row the fit counts: one cluster"),
    ],
)
def test_one_cluster_on_the_rows_counted_is_refused_by_option_and_value(
    tmp_path, capsys, cells, said
):
    path = tmp_path / "d.csv"
    df = pd.read_csv(_data(path)).assign(c="k")
    df.loc[0, "c"] = "other" if cells else "k"
    for column, value in cells.items():
        df.loc[0, column] = value
    df.to_csv(path, index=False)
    for argv in (["fit", str(path), "y ~ x"], ["compare", str(path), "y ~ 1", "y ~ x"]):
        assert main([*argv, "--weights", "w", "--cov", "cluster", "--groups", "c"]) == 2
        out, err = capsys.readouterr()
        # was "groups: cluster-robust covariance needs at least 2 clusters; got 1"
        assert out == "" and err.startswith(f"mnlogit: error: {said}"), err
        assert err.rstrip().endswith("names the column of clusters, or use --cov robust")


@pytest.mark.parametrize(("weight", "sum_said"), [(1e303, "2e+303"), (1e308, "more than the")])
def test_weights_summing_past_the_float_range_are_refused_by_option(
    tmp_path, capsys, weight, sum_said
):
    path = tmp_path / "d.csv"
    df = pd.read_csv(_data(path))
    df.loc[[5, 9], "w"] = weight  # two of 1e308: their sum is past the float range
    df.to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x", "--weights", "w"]) == 2
    err = capsys.readouterr().err
    # was "weights: frequency weights count rows, ... (for sampling weights use
    # weight_type='probability')", a keyword the command line has no option for
    assert err.startswith(f"mnlogit: error: --weights column 'w' sums to {sum_said}"), err
    assert f"(the largest, {weight:g}, in data row 6)" in err
    assert err.rstrip().endswith(
        "mnlogit.fit(formula, df, weights='w', weight_type='probability'))"
    )


def test_weights_negative_and_fractional_are_refused_as_negative(tmp_path, capsys):
    # a predictor given as --weights: was "holds -0.5 ... Round them if they are counts",
    # and rounded they were refused as negative
    path = tmp_path / "d.csv"
    df = pd.read_csv(_data(path))
    df.loc[2, "w"], df.loc[4, "w"] = 1.5, -0.5
    df.to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x", "--weights", "w"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mnlogit: error: --weights column 'w' holds -0.5 in data row 5"), err
    assert "so they are 0 or more" in err and "Round" not in err
