"""Weights (and groups) given in a form that is not one value per row: the refusal says what
was given and what to pass, never advice that cannot work."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

FORMULA = "y ~ x"
# clusters are a survey design's PSUs under probability weights, not groups=
ROLES = [("weights", "frequency"), ("weights", "probability"), ("groups", "frequency")]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(5)
    n = 60
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.choice(["a", "b", "c"], n),
            "cl": rng.integers(0, 6, n),
            "w": rng.integers(1, 4, n),
        }
    )


@pytest.mark.parametrize("label", [0, 1.5, np.int64(3)])
@pytest.mark.parametrize("role", ["weights", "groups"])
def test_a_number_labelling_a_column_is_named_as_text(data, label, role):
    # weights=0 for the column labelled 0 was called a single value, to be repeated for
    # every row with np.full(60, 0): weights of 0 everywhere
    frame = data.rename(columns={role_column(role): label})
    options = {"cov_type": "cluster"} if role == "groups" else {}
    with pytest.raises(DataError) as info:
        mnlogit.fit(FORMULA, frame, ref="a", **{role: label}, **options)
    message = str(info.value)
    assert f"{role}={str(label)!r}" in message and "np.full" not in message
    fitted = mnlogit.fit(FORMULA, frame, ref="a", **{role: str(label)}, **options)
    expected = mnlogit.fit(FORMULA, data, ref="a", **{role: role_column(role)}, **options)
    np.testing.assert_allclose(fitted.bse, expected.bse, rtol=1e-12)


def role_column(role: str) -> str:
    return "w" if role == "weights" else "cl"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda w: (v for v in w), r"an iterator \(generator\); pass list\(weights\)"),
        (lambda w: map(int, w), r"an iterator \(map\); pass list\(weights\)"),
        (lambda w: dict(enumerate(w)), r"a dict .*pass pd\.Series\(weights\)"),
        (lambda w: set(w), r"a set .*: a set has no row order"),
    ],
)
@pytest.mark.parametrize("through", ["fit", "MNLogit"])
def test_values_numpy_cannot_index_are_refused_with_what_to_pass(data, make, said, through):
    # they were called a single value, to be repeated with np.full(60, <generator ...>)
    with pytest.raises(DataError, match=said) as info:
        if through == "fit":
            mnlogit.fit(FORMULA, data, ref="a", weights=make(data["w"]))
        else:
            X = np.column_stack([np.ones(len(data)), data["x"]])
            mnlogit.MNLogit(data["y"].to_numpy(), X, weights=make(data["w"]))
    assert "np.full" not in str(info.value)


@pytest.mark.parametrize("scale", [1e-300, 1e-20, 0.1])
def test_weights_rounding_would_make_all_zero_are_not_called_counts_but_for_rounding(data, scale):
    # 2e-300 was "0 but for rounding: round them first (np.round(w))", which leaves every
    # weight 0, refused in turn
    with pytest.raises(DataError, match="weight_type='probability'") as info:
        mnlogit.fit(FORMULA, data.assign(w=data["w"] * scale), ref="a", weights="w")
    assert "np.round" not in str(info.value)


def test_counts_off_by_rounding_are_still_called_so(data):
    w = data["w"].to_numpy(float)
    w[0] = 0.3 / 0.1
    with pytest.raises(DataError, match=r"3 but for rounding: round them first"):
        mnlogit.fit(FORMULA, data.assign(w=w), ref="a", weights="w")


@pytest.mark.parametrize(("scale", "said"), [(1e-300, "Rounded, all are 0"), (0.5, "Round them")])
def test_the_command_line_says_when_rounding_leaves_no_counts(tmp_path, capsys, data, scale, said):
    from mnlogit.__main__ import main

    data.assign(w=data["w"] * scale).to_csv(tmp_path / "d.csv", index=False)
    status = main(["fit", str(tmp_path / "d.csv"), FORMULA, "--ref", "a", "--weights", "w"])
    err = capsys.readouterr().err
    # 2e-300 was "Round them if they are counts", which gives weights all 0
    assert status == 2 and said in err and "weight_type='probability'" in err


def labelled(data):
    """The data after df.dropna() of three rows: labels differ from positions from row 3 on."""
    frame = data.copy()
    frame.loc[[3, 20, 40], "x"] = np.nan
    frame = frame.dropna()
    frame["w"] = frame["w"].astype(object)
    return frame


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
def test_text_in_the_weights_is_named_by_its_row_label_for_either_weight_type(data, weight_type):
    # frequency weights said "row 50" (the position), sampling weights "row 53" (the label)
    frame = labelled(data)
    frame.iloc[50, frame.columns.get_loc("w")] = "abc"
    assert frame.index[50] == 53
    with pytest.raises(InputTypeError, match=r"'abc' \(str\) in row 53;"):
        mnlogit.fit(FORMULA, frame, ref="a", weights="w", weight_type=weight_type)


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
def test_rows_dropped_for_missing_values_do_not_shift_the_row_named(data, weight_type):
    # with missing='drop' the position was among the rows kept: row 50 for the label 52
    frame = data.astype({"w": object})
    frame.loc[[3, 20], "x"] = np.nan
    frame.loc[52, "w"] = "abc"
    with pytest.raises(InputTypeError, match=r"in row 52;"):
        mnlogit.fit(FORMULA, frame, ref="a", weights="w", weight_type=weight_type, missing="drop")


@pytest.mark.parametrize(("role", "weight_type"), ROLES)
def test_a_table_of_one_column_says_to_pass_the_column_or_its_name(data, role, weight_type):
    # it said only "got shape (60, 1)"
    column = "w" if role == "weights" else "cl"
    options = {"cov_type": "cluster"} if role == "groups" else {}
    with pytest.raises((DataError, InputTypeError)) as info:
        mnlogit.fit(
            FORMULA, data, ref="a", weight_type=weight_type, **{role: data[[column]]}, **options
        )
    said = str(info.value)
    assert f"{role}=df[{column!r}]" in said and f"{role}={column!r}" in said
    given = {role: data[column]}
    mnlogit.fit(FORMULA, data, ref="a", weight_type=weight_type, **given, **options)


@pytest.mark.parametrize("role", ["weights", "groups"])
def test_a_table_of_one_column_to_the_arrays_says_to_pass_the_column(data, role):
    column = "w" if role == "weights" else "cl"
    X = np.column_stack([np.ones(len(data)), data["x"]])
    with pytest.raises(DataError) as info:
        mnlogit.MNLogit(data["y"], X, **{role: data[[column]]})
    said = str(info.value)
    # MNLogit(y, X) takes no column names: only the column itself is advice that works
    assert f"pass the column, {role}=df[{column!r}]" in said
    assert f"{role}={column!r}" not in said


@pytest.mark.parametrize(("role", "weight_type"), ROLES)
def test_a_tuple_label_says_what_was_given_and_what_to_pass(data, role, weight_type):
    # ("w", "") was read as two values and refused as "got shape (2,)" alone
    column = "w" if role == "weights" else "cl"
    frame = data.copy()
    frame.columns = pd.Index(
        [(c, "") if c == column else c for c in data.columns], tupleize_cols=False
    )
    options = {"cov_type": "cluster"} if role == "groups" else {}
    label = (column, "")
    with pytest.raises(DataError) as info:
        mnlogit.fit(FORMULA, frame, ref="a", weight_type=weight_type, **{role: label}, **options)
    said = str(info.value)
    assert f"the tuple {label!r} is read as 2 values" in said
    assert f"{role}=df[{label!r}]" in said and f"give {role}={column!r}" in said
    given = {role: frame[label]}
    mnlogit.fit(FORMULA, frame, ref="a", weight_type=weight_type, **given, **options)
    # after flattening the columns, the tuple names no column: the flat name is said
    with pytest.raises(DataError, match=f"name the column as text, {role}={column!r}"):
        mnlogit.fit(FORMULA, data, ref="a", weight_type=weight_type, **{role: label}, **options)
