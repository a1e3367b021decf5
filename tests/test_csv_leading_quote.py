"""The ``'`` the CSV exports put before a label a spreadsheet would misread can be taken off
again: a label that begins with ``'`` itself gets one more, so that no two labels are written
alike. The outcome levels ``00`` and ``'00`` had both been written ``'00``: ``to_csv`` and
the summary's CSV failed with pandas' bare ``ValueError`` (two index values alike) and
``compare``'s CSV showed one level's title as the other's."""

import io

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

import mnlogit
from mnlogit.report._format import csv_cell


def _unquoted(cell: str) -> str:
    """A CSV label as it was before the export: one leading ``'`` taken off."""
    return cell[1:] if cell.startswith("'") else cell


@given(st.text(alphabet=st.sampled_from("'=+-@0.1e/:( )aN"), max_size=8) | st.text(max_size=8))
def test_one_leading_quote_taken_off_gives_the_label_back(label):
    cell = csv_cell(label)
    assert cell in (label, "'" + label)
    assert _unquoted(cell) == label


def _fit() -> mnlogit.MNLogitResults:
    rng = np.random.default_rng(4)
    n = 400
    d = pd.DataFrame(
        {
            "y": rng.choice(["00", "'00", "b"], n),
            "x": rng.normal(size=n),
            "g": rng.choice(["=A", "'=A", "c"], n),
        }
    )
    return mnlogit.fit("y ~ x + g", d, ref="b")


def test_levels_a_quote_apart_are_written_apart_and_read_back():
    res = _fit()
    frame = res.to_frame()
    out = io.StringIO()
    res.to_csv(out)
    for text in (out.getvalue(), res.summary().as_csv()):
        back = pd.read_csv(io.StringIO(text), dtype={"outcome": str, "term": str})
        assert back["outcome"].map(_unquoted).tolist() == list(
            frame.index.get_level_values("outcome")
        )
        assert back["term"].map(_unquoted).tolist() == list(frame.index.get_level_values("term"))
        # every number exactly as the fit has it
        np.testing.assert_array_equal(back["estimate"], frame["estimate"])
        np.testing.assert_array_equal(back["std_error"], frame["std_error"])


def test_compare_writes_the_outcomes_of_such_levels_apart():
    table = pd.read_csv(io.StringIO(mnlogit.compare([_fit()]).as_csv()), dtype=str)
    outcomes = table["outcome"].dropna().unique()
    assert sorted(map(_unquoted, outcomes)) == ["'00", "00"]


def test_compare_writes_model_names_a_quote_apart_apart():
    res = _fit()
    header = mnlogit.compare([res, res], names=["=m", "'=m"]).as_csv().splitlines()[0]
    assert header.split(",") == ["outcome", "term", "statistic", "'=m", "''=m"]


def test_an_empty_column_name_is_written_as_a_quote_not_as_a_missing_cell():
    rng = np.random.default_rng(1)
    n = 300
    y = pd.Series(rng.choice(["c", "a", "b"], n), name="y")
    X = pd.DataFrame({"Intercept": 1.0, "": rng.normal(size=n), "'": rng.normal(size=n)})
    res = mnlogit.MNLogit(y, X, ref="a").fit()
    out = io.StringIO()
    res.to_csv(out)
    back = pd.read_csv(io.StringIO(out.getvalue()))
    assert back["term"].notna().all()
    assert back["term"].map(_unquoted).tolist() == list(res.to_frame().index.get_level_values(1))
