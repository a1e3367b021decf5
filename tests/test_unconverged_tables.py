"""Tables that leave the package with the numbers of a fit that stopped before converging say
so: compare() in a row and a note, the coefficient table of res.to_latex() in a row of its
own (the summary says it in its header already, once)."""

from __future__ import annotations

import shutil
import warnings

import pytest
from test_summary import _compile

import mnlogit


@pytest.fixture(scope="module")
def fits():
    df = mnlogit.datasets.load("travel").dropna()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.ConvergenceWarning)
        stopped = mnlogit.fit("mode ~ income + region", df, ref="car", max_iter=1)
    done = mnlogit.fit("mode ~ income + region", df, ref="car")
    assert not stopped.converged and stopped.separation is None and done.converged
    return stopped, done


def test_compare_says_which_fit_did_not_converge(fits):
    stopped, done = fits
    table = mnlogit.compare([stopped, done], names=["short", "full"])
    assert table.statistics.loc["Converged"].tolist() == ["no", "yes"]
    (note,) = [n for n in table.notes if "not final" in n]
    assert note.startswith("short: the fit did not converge in 1 iteration") and "max_iter" in note
    for text in (str(table), table.as_markdown(), table.as_latex(), table._repr_html_()):
        flat = " ".join(text.split())  # the text table wraps its notes
        assert "did not converge in 1 iteration" in flat and "Converged" in flat
    # fits that all converged keep the table as it was
    plain = mnlogit.compare([done, done], names=["a", "b"])
    assert "Converged" not in plain.statistics.index
    assert not any("converg" in n for n in plain.notes)


def test_the_latex_coefficient_table_carries_the_warning(fits, tmp_path):
    stopped, done = fits
    tex = stopped.to_latex()
    assert tex.count("Warning:") == 1 and "did not converge in 1 iteration" in tex
    assert "Warning:" not in done.to_latex()
    # the warning not twice (the LR chi2's note says, apart, why that statistic is NaN)
    summary = stopped.summary().as_latex()
    assert summary.count("The fit did not converge") == 1
    assert summary.count("did not converge") == 2 and "LR chi2: Not computed" in summary
    if shutil.which("pdflatex") is None:  # .ci/run installs it
        pytest.fail("pdflatex is not installed: the table's LaTeX cannot be checked")
    _compile(tex, tmp_path, "unconverged")  # the summary tests' LaTeX document


def test_the_latex_coefficient_table_says_why_its_columns_are_empty(tmp_path):
    """res.to_latex() alone, without the summary's notes, showed '--' for every standard
    error of an L2-penalised fit and 'nan' for every p-value and bound of a survey design
    without degrees of freedom, with no word why; it now carries to_frame()'s note."""
    df = mnlogit.datasets.load("travel").dropna()
    penalised = mnlogit.fit("mode ~ income + region", df, ref="car", penalty="l2")
    df = df.head(300).copy()
    df["st"] = df.index % 4  # four strata of one PSU each: 0 design df
    design = mnlogit.SurveyDesign(strata="st", psu="st", lonely_psu="adjust")
    no_df = mnlogit.fit("mode ~ income", df, ref="car", design=design)
    assert no_df.df_design == 0
    for res in (penalised, no_df):
        note = res.to_frame().attrs["note"]
        tex = res.to_latex()
        flat = " ".join(tex.split())
        assert "Note:" in tex and note.split(":")[0] in flat, tex
        assert tex.count(note.split(":")[0]) == 1
        if shutil.which("pdflatex") is not None:
            _compile(tex, tmp_path, f"note_{res.solver.penalized}")
    fine = mnlogit.fit("mode ~ income", df, ref="car")
    assert "Note:" not in fine.to_latex()


def test_the_tidy_table_of_a_fit_that_did_not_converge_says_so(fits):
    """to_frame() (and so to_csv's table) of a fit stopped by max_iter carried its z, p-values
    and intervals with nothing saying they are not final, where the fit's own Wald tests
    refuse those coefficients; its attrs["note"] now says so, as for a penalised fit."""
    stopped, done = fits
    with pytest.warns(mnlogit.InferenceWarning, match="to_frame"):  # see test_unconverged_reads
        note = stopped.to_frame().attrs["note"]
    assert "did not converge in 1 iteration" in note and "max_iter" in note
    assert "note" not in done.to_frame().attrs
    # the LaTeX table alone says it once, as its warning
    assert stopped.to_latex().count("did not converge") == 1


def test_one_iteration_is_said_in_the_singular():
    # "did not converge in 1 iterations", in the warning and the summary
    df = mnlogit.datasets.load("travel")
    with pytest.warns(mnlogit.ConvergenceWarning, match=r"in 1 iteration\b") as caught:
        res = mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car", max_iter=1)
    assert not any("1 iterations" in str(w.message) for w in caught)
    text = " ".join(str(res.summary()).split())
    assert "in 1 iteration:" in text and "1 iterations" not in text


@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")  # to_frame() says it too
def test_a_comparisons_frame_keeps_each_fits_note(fits):
    # compare(...).to_frame() kept the fits' attrs only where all agreed: beside a fit
    # that converged, the note that the other's numbers are not final was dropped
    stopped, done = fits
    df = mnlogit.datasets.load("travel").dropna()
    l2 = mnlogit.fit("mode ~ income + region", df, ref="car", penalty="l2")
    frame = mnlogit.compare([stopped, done, l2], names=["short", "full", "l2"]).to_frame()
    assert frame.attrs["note"] == {
        "short": stopped.to_frame().attrs["note"],
        "l2": l2.to_frame().attrs["note"],
    }
    assert "not the estimates" in frame.attrs["note"]["short"]
    # one note that every fit shares is kept as it is, and none is none
    same = mnlogit.compare([stopped, stopped]).to_frame()
    assert same.attrs["note"] == stopped.to_frame().attrs["note"]
    assert "note" not in mnlogit.compare([done, done]).to_frame().attrs
