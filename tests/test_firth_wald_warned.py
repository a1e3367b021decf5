"""A Firth fit of separated data hands out Wald z statistics, p-values and intervals for the
coefficients finite only through its penalty, which are unreliable there (Heinze & Schemper
2002). Its summary says so beside them; read by the user's own code (``res.pvalues``, a
tidy table or CSV file that keeps no note, margins built on them) they came without a word.
Each such read now warns, as the reads of NaN or not-final values do."""

import warnings

import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning

WALD = "finite only through Firth's penalty"


@pytest.fixture(scope="module")
def firth_separated():
    df = mnlogit.datasets.load("risk")  # completely separated
    return mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")


@pytest.fixture(scope="module")
def firth_plain():
    df = mnlogit.datasets.load("travel")  # not separated
    return mnlogit.fit("mode ~ age + parking", df, ref="car", method="firth")


READS = {
    "pvalues": (lambda res, tmp: res.pvalues, "Wald's"),
    "zvalues": (lambda res, tmp: res.zvalues, "Wald's"),
    "conf_int": (lambda res, tmp: res.conf_int(), "Wald's"),
    "odds_ratios": (lambda res, tmp: res.odds_ratios(), "Wald's"),
    "to_frame": (lambda res, tmp: res.to_frame(), "Wald's"),
    "to_csv": (lambda res, tmp: res.to_csv(tmp / "t.csv"), "Wald's"),
    "summary.to_frame": (lambda res, tmp: res.summary().to_frame(), "Wald's"),
    "summary.as_csv": (lambda res, tmp: res.summary().as_csv(), "Wald's"),
    "marginal_effects": (lambda res, tmp: res.marginal_effects(), "delta-method"),
    "prediction_intervals": (lambda res, tmp: res.prediction_intervals(), "delta-method"),
}


@pytest.mark.parametrize("name", list(READS))
def test_reads_of_wald_cells_of_a_separated_firth_fit_warn(firth_separated, tmp_path, name):
    read, kind = READS[name]
    with pytest.warns(InferenceWarning, match=WALD) as caught:
        read(firth_separated, tmp_path)
    said = " ".join(str(w.message) for w in caught if issubclass(w.category, InferenceWarning))
    assert kind in said and "age" in said


@pytest.mark.parametrize("name", list(READS))
def test_a_firth_fit_of_data_not_separated_reads_silently(firth_plain, tmp_path, name):
    read, _ = READS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        read(firth_plain, tmp_path)


def test_the_summary_and_the_standard_errors_read_silently(firth_separated):
    # the summary prints the note beside the cells; the standard errors themselves are
    # what the penalised information gives, and the note is about what is computed from them
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        text = str(firth_separated.summary())
        assert firth_separated.bse.notna().all().all()
    assert WALD in text.replace("\n    ", " ")


def test_the_wald_test_of_all_slopes_says_so_as_wald_test_does(firth_separated, firth_plain):
    # wald_test("age") said its test was unreliable; wald_test_slopes(), which tests the
    # same coefficients and more, said nothing
    assert WALD in firth_separated.wald_test("age").note
    slopes = firth_separated.wald_test_slopes()
    assert WALD in slopes.note
    assert "res.lr_test()" in slopes.note
    assert WALD not in firth_plain.wald_test_slopes().note
