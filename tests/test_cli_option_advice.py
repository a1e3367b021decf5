"""Refusals of the command line phrased for it: --alpha's was explained with Python's
alpha=0.05, and a --ref written with a decimal point beside the file's levels written with a
decimal comma (read with --decimal ',') was refused without saying why."""

import numpy as np
import pandas as pd
import pytest
from test_cli_files import _main, _one_line_error


@pytest.mark.parametrize("alpha", ["0.95", "1.5"])
def test_alpha_out_of_range_is_explained_with_the_option(tmp_path, capsys, alpha):
    status, out, err = _main(
        capsys, "fit", "--dataset", "travel", "mode ~ income", "--alpha", alpha
    )
    _one_line_error(status, out, err, "--alpha 0.05 gives 95% intervals")
    assert "alpha=" not in err


def test_a_reference_with_a_decimal_point_beside_decimal_comma_levels_is_pointed_to_it(
    tmp_path, capsys
):
    rng = np.random.default_rng(8)
    n = 240
    frame = pd.DataFrame(
        {"y": rng.choice(["1,5", "2,5", "3,5"], n), "x": rng.normal(size=n).round(3)}
    )
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False, sep=";", decimal=",")
    options = ("--sep", ";", "--decimal", ",")
    status, out, err = _main(capsys, "fit", path, "y ~ x", *options, "--ref", "2.5")
    _one_line_error(
        status, out, err, "levels are '1,5', '2,5', '3,5'", "differ only by the decimal mark"
    )
    # the level as the file writes it is the reference the refusal points to
    status, out, err = _main(capsys, "fit", path, "y ~ x", *options, "--ref", "2,5")
    assert status == 0 and "Reference  2,5" in out


def test_a_second_formula_given_to_fit_is_pointed_to_compare(tmp_path, capsys):
    # refused as "unrecognized arguments: y ~ x + g" alone, or with --dataset as "give
    # either a data file ('mode ~ income') or --dataset travel, not both"
    path = tmp_path / "d.csv"
    pd.DataFrame({"y": list("abc") * 20, "x": np.arange(60.0), "g": list("uv") * 30}).to_csv(
        path, index=False
    )
    status, out, err = _main(
        capsys, "fit", "--dataset", "travel", "mode ~ income", "mode ~ income + distance"
    )
    _one_line_error(status, out, err, "fit takes one formula", "mnlogit compare")
    status, out, err = _main(capsys, "fit", path, "y ~ x", "y ~ x + g")
    _one_line_error(status, out, err, "fit takes one formula", "mnlogit compare")
    # what it points to runs
    status, out, err = _main(
        capsys, "compare", "--dataset", "travel", "mode ~ income", "mode ~ income + distance"
    )
    assert status == 0 and "(2)" in out


def test_numbers_only_a_decimal_comma_reads_are_not_offered_the_thousands_option(tmp_path, capsys):
    # '-0,721' was told "pass --thousands ',' (1,200) or --decimal ',' (12,5)"; no group of
    # thousands starts with 0
    rng = np.random.default_rng(4)
    n = 200
    frame = pd.DataFrame(
        {"y": rng.choice(list("abc"), n), "x": np.r_[1.901, rng.normal(size=n - 1)].round(3)}
    )
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False, sep=";", decimal=",")
    status, out, err = _main(capsys, "fit", path, "y ~ x", "--sep", ";")
    _one_line_error(status, out, err, "pass --decimal ','")
    assert "--thousands" not in err
    status, out, err = _main(capsys, "fit", path, "y ~ x", "--sep", ";", "--decimal", ",")
    assert status == 0


def test_na_values_of_a_negative_number_before_the_data_file_say_where_to_put_them(
    tmp_path, capsys
):
    # "the following arguments are required: FORMULA", the data file and formula having
    # been given: --na-values took them, as it took '-99'
    frame = pd.DataFrame({"y": list("abc") * 30, "x": np.r_[-99, np.arange(89.0)]})
    path = tmp_path / "d.csv"
    frame.to_csv(path, index=False)
    status, out, err = _main(capsys, "fit", "--na-values", "-99", path, "y ~ x")
    _one_line_error(status, out, err, "--na-values took", "give --na-values after the data file")
    status, out, err = _main(capsys, "fit", path, "y ~ x", "--na-values", "-99")
    assert status == 0 and "1 of 90 rows dropped for missing values in x" in err


@pytest.mark.parametrize(
    "words, nearest",
    [
        (("fit", "--dataset", "travel", "mode ~ income", "--cov", "robutst"), "'robust'"),
        (("fit", "--dataset", "travel", "mode ~ income", "--cov", "Cluster"), "'cluster'"),
        (("fit", "--dataset", "travel", "mode ~ income", "--method", "firht"), "'firth'"),
        (("fitt", "--dataset", "travel", "mode ~ income"), "'fit'"),
    ],
)
def test_a_misspelt_choice_is_asked_after_the_nearest(capsys, words, nearest):
    # argparse names only the choices; the nearest one is what was meant
    status, out, err = _main(capsys, *words)
    _one_line_error(status, out, err, "invalid choice", f"did you mean {nearest}?")


def test_a_choice_near_none_is_not_guessed_at(capsys):
    status, out, err = _main(
        capsys, "compare", "--dataset", "travel", "mode ~ income", "--se", "zz"
    )
    _one_line_error(status, out, err, "invalid choice: 'zz'")
    assert "did you mean" not in err
