"""The command line's ``--iia``: a refusal is the only output, and the tests not computed are
reported in the table's notes, not again as Python's warnings."""

import warnings

import numpy as np
import pandas as pd

from mnlogit.__main__ import main


def _main(capsys, *argv):
    status = main([*map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_iia_of_two_outcomes_is_refused_before_anything_is_printed(tmp_path, capsys):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.choice(["a", "b"], 100), "x": rng.normal(size=100)})
    df.to_csv(tmp_path / "d.csv", index=False)
    status, out, err = _main(capsys, "fit", tmp_path / "d.csv", "y ~ x", "--iia")
    # was: the summary on stdout, then the error
    assert status == 2 and out == "", out
    assert err.startswith("mnlogit: error: an IIA test needs at least 3 outcome levels")
    assert len(err.splitlines()) == 1


def test_tests_not_computed_are_told_in_the_notes_not_as_python_warnings(capsys):
    with warnings.catch_warnings(record=True) as caught:  # what Python would print
        warnings.simplefilter("always")
        status, out, err = _main(capsys, "fit", "--dataset", "risk", "risk ~ age + income", "--iia")
    assert status == 0
    assert out.count("Not computed: the full model diverged") == 3
    # was: three IIATestWarnings on stderr, each with the path of mnlogit/report/cli.py and
    # a line of its source
    assert [str(w.message) for w in caught] == []
    assert "IIATestWarning" not in err and ".py:" not in err


def test_a_hausman_test_the_fits_do_not_determine_gives_command_line_advice(tmp_path, capsys):
    # the note of a Hausman test that an eigenvalue of V near the covariances' rounding
    # decides pointed to method='suest', which the command line has no way to ask for
    from test_iia_edges import _many_outcomes

    path = tmp_path / "many.csv"
    _many_outcomes().to_csv(path, index=False)
    status, out, err = _main(capsys, "fit", str(path), "y ~ x + z", "--iia")
    assert status == 0 and "IIATestWarning" not in err
    assert "the fits do not determine it" in out
    assert "method='suest'" in out  # the hint's own wording, for Python
    assert "runs in Python: mnlogit.fit(...).iia_test(omit," in " ".join(out.split())
    assert "see method='suest' for a generalized test" not in " ".join(out.split())


def test_the_refusal_of_iia_names_only_the_options_given_against_it(capsys):
    # --method firth alone was told "got --cov nonrobust --method firth", a default it never
    # gave named beside it as if at fault
    cases = {
        ("--method", "firth"): ("got --method firth (use --method newton)", "--cov"),
        ("--cov", "robust"): ("got --cov robust (use --cov nonrobust,", "--method"),
        ("--cov", "robust", "--method", "firth"): (
            "got --cov robust --method firth (use --cov nonrobust --method newton)",
            None,
        ),
    }
    for given, (said, unsaid) in cases.items():
        argv = ("fit", "--dataset", "travel", "mode ~ income", "--ref", "car", *given, "--iia")
        status, out, err = _main(capsys, *argv)
        assert status == 2 and out == ""
        assert said in err
        assert unsaid is None or unsaid not in err.split("; got ")[1].split(" (use")[0]


def test_a_fit_stopped_by_max_iter_is_told_the_option(capsys):
    # each level's note said "refit it with a larger max_iter", mnlogit.fit's keyword,
    # which no option of the command is
    argv = ("fit", "--dataset", "travel", "mode ~ income", "--ref", "car", "--iia")
    status, out, _ = _main(capsys, *argv, "--max-iter", "2")
    assert status == 0
    iia = " ".join(out.split("Hausman-McFadden tests of Independence")[1].split())
    assert iia.count("refit it with a larger --max-iter to test IIA") == 4
    assert "max_iter" not in iia


def test_the_refusal_of_iia_offers_suest_only_where_it_runs(capsys):
    # beside --method firth it offered method='suest' in Python, which refuses a Firth fit
    # as every IIA test does ("IIA tests compare maximum-likelihood fits")
    base = ("fit", "--dataset", "travel", "mode ~ income", "--ref", "car")
    for given, offered in [
        (("--cov", "robust"), True),
        (("--cov", "cluster", "--groups", "household"), True),
        (("--method", "firth"), False),
        (("--cov", "robust", "--method", "firth"), False),
    ]:
        status, out, err = _main(capsys, *base, *given, "--iia")
        assert status == 2 and out == ""
        assert ("method='suest'" in err) is offered, err
