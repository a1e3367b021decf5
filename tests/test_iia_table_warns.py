"""iia_table's rows of NaN cells are warned of, with why, when the user's code asks for it.

A negative Hausman chi2 has no p-value: the table held NaN with the reason only in its
``note`` column, which pandas truncates when the table is printed. Like ``anova()``, it now
warns (InferenceWarning) naming the rows and why; the package's own renderings, which show
the note, stay silent, and the table's columns are those it had.
"""

from __future__ import annotations

import dataclasses
import warnings

import pytest

import mnlogit
from mnlogit.exceptions import IIATestWarning, InferenceWarning
from mnlogit.iia import iia_table
from mnlogit.report.cli import iia_text

COLUMNS = ["statistic", "df", "pvalue", "positive_definite", "note"]


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")


@pytest.mark.parametrize("call", [lambda r: r.iia_table(), iia_table])
def test_a_negative_chi2s_missing_p_value_is_warned_of(res, call):
    with pytest.warns(InferenceWarning) as caught:
        table = call(res)
    assert table.columns.tolist() == COLUMNS
    nan = table.index[table["pvalue"].isna()].tolist()
    assert nan == ["train"]  # the case this test is about
    messages = [str(w.message) for w in caught if w.category is InferenceWarning]
    assert len(messages) == 1
    assert messages[0].startswith("iia_table(): pvalue is NaN for 'train'. Omitting 'train': ")
    assert "a negative chi2 has no p-value" in messages[0]
    assert caught[0].filename == __file__  # at the user's line


@pytest.mark.parametrize("method", ["suest", "small-hsiao"])
def test_a_table_without_nan_says_nothing(res, method):
    options = {"seed": 1} if method == "small-hsiao" else {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # positive_definite's None is not a NaN cell
        table = res.iia_table(method=method, **options)
    assert not table[["statistic", "df", "pvalue"]].isna().any().any()


def test_the_packages_rendering_stays_silent(res):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = iia_text(res)
    assert "a negative chi2 has no p-value" in " ".join(text.split())  # its notes say why


def test_a_test_not_computed_is_named_once(res, monkeypatch):
    from mnlogit import _iia_methods

    real = _iia_methods.quadratic_form

    def singular(d, V, inverse, size, name):
        form = real(d, V, inverse, size, name)
        return dataclasses.replace(form, statistic=float("nan"), problem="V is singular")

    monkeypatch.setattr(_iia_methods, "quadratic_form", singular)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res.iia_table()
    kinds = [w.category for w in caught]
    assert kinds.count(IIATestWarning) == 4
    assert InferenceWarning not in kinds


@pytest.mark.parametrize("call", [lambda r, lv: r.iia_test(lv), mnlogit.iia.iia_test])
def test_one_tests_missing_p_value_is_warned_of_too(res, call):
    # test.pvalue read alone was a bare NaN: the reason was only in test.note
    with pytest.warns(InferenceWarning) as caught:
        test = call(res, "train")
    assert test.pvalue != test.pvalue and test.statistic < 0
    messages = [str(w.message) for w in caught if w.category is InferenceWarning]
    assert len(messages) == 1 and caught[0].filename == __file__, messages
    assert messages[0].startswith("iia_test(): pvalue is NaN for 'train'. Omitting 'train': ")
    assert "a negative chi2 has no p-value" in messages[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a test with its p-value says nothing
        assert res.iia_test("walk").pvalue >= 0
