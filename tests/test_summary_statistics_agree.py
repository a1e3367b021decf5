"""A test statistic reads the same in the summary's header, in the test's own text and in the
command line's IIA table: with every digit before the point from 1e6 on, as the summary
shows it."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import mnlogit
from mnlogit._test_result import statistic_text
from mnlogit.report._format import stat


@pytest.fixture(scope="module")
def heavy() -> mnlogit.MNLogitResults:
    df = mnlogit.datasets.load("travel").dropna()
    df = df.assign(w=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("mode ~ parking + income", df, ref="car", weights="w")


def _header_value(summary: str, label: str) -> str:
    line = next(line for line in summary.splitlines() if label in line)
    return line.split(label, 1)[1].split()[0]


def test_the_lr_test_prints_the_chi2_the_summary_prints(heavy):
    test = heavy.lr_test()
    assert test.statistic > 1e6
    shown = _header_value(str(heavy.summary()), "LR chi2(6)")
    assert shown == stat(test.statistic)
    assert f"chi2(6) = {shown}," in str(test)
    assert abs(float(shown) - test.statistic) <= 5e-5


def test_a_wald_chi2_of_a_robust_fit_too(heavy):
    df = mnlogit.datasets.load("travel").dropna().assign(w=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("mode ~ parking + income", df, ref="car", weights="w", cov_type="robust")
    test = res.wald_test_slopes()
    shown = _header_value(str(res.summary()), "Wald chi2(6)")
    assert f"chi2(6) = {shown}," in str(test)
    assert "e+" not in str(heavy.wald_test("parking")).splitlines()[0]


@pytest.mark.parametrize("value", [12.5, 1234567.891, 3.7e13, 2.5e20, 1e-7])
def test_statistic_text_shows_a_chi2_as_stat_does(value):
    assert statistic_text(value, 3.0, 0.5) == f"chi2(3) = {stat(value)}, p = 0.5000"


def test_an_f_statistic_keeps_the_summary_s_four_significant_digits():
    # the summary's survey header shows its F with num(): 1.235e+06
    assert statistic_text(1234567.891, 3.0, 0.5, 40.0) == "F(3, 40) = 1.235e+06, p = 0.5000"


def test_the_command_line_iia_table_shows_a_chi2_in_full():
    from mnlogit.report import cli

    table = pd.DataFrame(
        {
            "statistic": [12345678.9012],
            "df": [3.0],
            "pvalue": [0.0],
            "positive_definite": [True],
            "note": [None],
        },
        index=pd.Index(["bus"], name="omitted"),
    )

    class Fit:
        def iia_table(self) -> pd.DataFrame:
            return table

    text = cli.iia_text(Fit())
    assert "12345678.9012" in text
    assert "e+07" not in text


def test_the_note_of_several_penalised_maxima_shows_them_as_the_header_does(monkeypatch):
    df = mnlogit.datasets.load("risk")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")
    # two maxima that large frequency weights put 45.6 apart at 1.3e6
    maxima = (-1342300.1, -1342345.7)
    monkeypatch.setattr(type(res), "penalized_maxima", property(lambda self: maxima))
    text = " ".join(str(res.summary()).split())
    assert "2 distinct local maxima" in text
    assert "(-1342300.1000, -1342345.7000)" in text
