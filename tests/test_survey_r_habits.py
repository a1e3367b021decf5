"""A survey design written as an R or Stata user first writes it: svydesign()'s formulas
(``weights = ~pw``, ``ids = ~1``, ``ids = ~dnum + snum``), its argument names (``ids=``,
``probs=``, ``nest=``), replicate weights, and column names off by letter case
or a letter. Each is answered with what to write here, not only with the name not found."""

import copy
import dataclasses
import inspect
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, DataError, InputTypeError

API = Path(__file__).resolve().parent / "reference" / "apistrat.csv"


@pytest.fixture(scope="module")
def apistrat():
    return pd.read_csv(API)


def fit(data, **design):
    return mnlogit.fit("perf ~ meals", data, ref="low", design=mnlogit.SurveyDesign(**design))


@pytest.mark.parametrize(
    ("design", "said"),
    [
        # was: "column '~pw' not found in the data; columns are ..." with no word on the tilde
        ({"weights": "~pw"}, "not R's formula: weights='pw'"),
        ({"weights": " ~ pw ", "strata": "stype"}, "weights='pw'"),
        ({"weights": "pw", "psu": "~1"}, "each row its own PSU, which is what leaving psu unset"),
        ({"weights": "pw", "psu": "1"}, "leaving psu unset"),
        ({"weights": "pw", "psu": "~dnum + snum"}, "one stage of sampling units: give the first"),
        ({"weights": "pw", "strata": "~stype+cname"}, r"df\['stype'\].astype\(str\) \+ '/'"),
        # the case and spelling hints that a formula's and fit(weights=)'s columns had
        ({"weights": "PW"}, "the column 'pw' differs from it only by letter case"),
        ({"weights": "pw", "strata": "stipe"}, "did you mean 'stype'"),
    ],
)
def test_a_design_column_not_in_the_data_says_what_was_meant(apistrat, design, said):
    with pytest.raises(ColumnNotFoundError, match=said) as err:
        fit(apistrat, **design)
    assert "(columns: stype, dnum, cname" in str(err.value)


@pytest.mark.parametrize(
    ("design", "said", "values"),
    [
        # was "did you mean 'prob'?": the inclusion probabilities, not the weights
        ({"weights": "1/prob"}, "weights=1/df['prob']", lambda d: 1 / d["prob"]),
        ({"weights": "I(1 / prob)"}, "weights=1 / df['prob']", lambda d: 1 / d["prob"]),
        ({"weights": "np.exp(lw)"}, "weights=np.exp(df['lw'])", lambda d: np.exp(d["lw"])),
        ({"weights": "pw", "psu": "dnum * 1"}, "psu=df['dnum'] * 1", None),
        # R's a:b and a*b are two columns, as ~a + b is
        ({"weights": "pw", "strata": "stype:cname"}, "df['stype'].astype(str) + '/'", None),
    ],
)
def test_an_expression_of_columns_says_to_pass_its_values(apistrat, design, said, values):
    d = apistrat.assign(prob=1 / apistrat["pw"], lw=np.log(apistrat["pw"]))
    with pytest.raises(ColumnNotFoundError) as err:
        fit(d, **design)
    assert said in str(err.value) and "did you mean" not in str(err.value)
    if values is not None:  # what it says to pass fits
        res = fit(d, weights=values(d))
        np.testing.assert_allclose(res.params, fit(d, weights="pw").params, rtol=1e-12)


def test_a_name_like_no_column_still_lists_the_columns(apistrat):
    with pytest.raises(ColumnNotFoundError, match=r"strata: column 'zzz' is not in the data \("):
        fit(apistrat, weights="pw", strata="zzz")


@pytest.mark.parametrize(
    ("argument", "said"),
    [
        ("ids", "psu= names the PSU column"),
        ("id", "R's ids = ~dnum is psu='dnum'"),
        ("cluster", "psu="),
        ("probs", r"inverse of the inclusion probabilities: weights=1 / df\['prob'\]"),
        ("pweight", "sampling weights are weights="),
        ("nest", "always nested in strata"),
        ("data", r"mnlogit.fit\(formula, data, design=...\)"),
        ("repweights", "replicate weights .* are not supported"),
        # Stata's bootstrap and successive-difference replicate weights and svrepdesign's
        # combined.weights were answered "did you mean weights=?"
        ("bsrweight", "replicate weights .* are not supported"),
        ("sdrweight", "replicate weights .* are not supported"),
        ("combined_weights", "replicate weights .* are not supported"),
        ("singleunit", "lonely_psu="),
        ("weigths", "did you mean weights=?"),
        ("design", "it takes weights, strata, psu, fpc, lonely_psu"),
    ],
)
def test_r_and_stata_argument_names_say_what_to_write(argument, said):
    # was Python's bare "SurveyDesign.__init__() got an unexpected keyword argument 'ids'"
    with pytest.raises(InputTypeError, match=said) as err:
        mnlogit.SurveyDesign(**{argument: "x"})
    assert isinstance(err.value, TypeError)  # what Python raises for it, still
    assert f"unexpected keyword argument {argument!r}" in str(err.value)


def test_the_design_still_shows_and_copies_its_own_arguments():
    assert list(inspect.signature(mnlogit.SurveyDesign).parameters) == [
        "weights",
        "strata",
        "psu",
        "fpc",
        "lonely_psu",
    ]
    design = mnlogit.SurveyDesign("pw", "stype", lonely_psu="adjust")
    assert (design.weights, design.strata, design.lonely_psu) == ("pw", "stype", "adjust")
    assert copy.deepcopy(design) == pickle.loads(pickle.dumps(design)) == design
    assert dataclasses.replace(design, psu="dnum").psu == "dnum"


def test_a_lonely_stratum_names_every_option_for_it(apistrat):
    # the message named 'adjust', 'certainty' and 'remove' but not 'average'
    with pytest.raises(DataError, match="each have only one PSU") as err:
        fit(apistrat, weights="pw", strata="cname", psu="dnum")
    for option in ("adjust", "certainty", "remove", "average"):
        assert f"'{option}'" in str(err.value)


def test_a_lonely_stratum_weighted_zero_says_it_adds_nothing_and_it_does(apistrat):
    # R's svydesign refuses a lonely stratum whose rows are weighted 0 too; the message said
    # nothing of the weights, the usual way to leave rows out of a design
    d = apistrat.assign(st=apistrat["stype"], w=apistrat["pw"])
    d.loc[d.index[0], ["st", "w"]] = ["Z", 0.0]
    with pytest.raises(DataError, match="its rows all have weight 0, so with 'adjust' or 'certa"):
        fit(d, weights="w", strata="st")
    kept = fit(d[d["st"] != "Z"], weights="w", strata="st").cov_params()
    for option in ("adjust", "certainty"):
        lonely = fit(d, weights="w", strata="st", lonely_psu=option).cov_params()
        np.testing.assert_allclose(lonely, kept, rtol=1e-12, atol=0)


def test_a_lonely_stratum_with_weight_says_nothing_of_zero_weights(apistrat):
    with pytest.raises(DataError, match="each have only one PSU") as err:
        fit(apistrat, weights="pw", strata="cname", psu="dnum")
    assert "weight 0" not in str(err.value)


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        # was only "... cannot be read; a condition may use column names, ..."
        ("stype %in% c('E', 'M')", r"R's x %in% c\(a, b\) is x.isin\(\[a, b\]\) or x in \[a, b\]"),
        ("stype == 'E' && meals > 30", r"R's && and \|\| are & and \| \(or and, or\)"),
        ("!is.na(meals)", r"!is.na\(x\) x.notna\(\)"),
        ("stype == 'E' & !(meals > 30)", "R's ! is ~"),
        ("stype = 'E'", "a comparison is written =="),
        ("TRUE", "'TRUE' is R's: write True"),
        ("ell == NA", r"'NA' is R's: write x.isna\(\)"),
        # the formula's spellings, carried over from it: only "... is not allowed"
        ("Q('meals') > 30", r"a formula's Q\('meals'\) is written `meals` in a condition"),
        ("I(meals > 30)", r"a formula's I\(...\) is not needed in a condition"),
    ],
)
def test_a_subpopulation_written_in_r_says_what_to_write(apistrat, condition, said):
    with pytest.raises(DataError, match=said):
        mnlogit.fit(
            "perf ~ meals",
            apistrat,
            ref="low",
            design=mnlogit.SurveyDesign(weights="pw", strata="stype"),
            subpop=condition,
        )


def test_the_python_it_says_to_write_selects_the_rows(apistrat):
    design = mnlogit.SurveyDesign(weights="pw", strata="stype")
    sizes = {
        c: mnlogit.fit("perf ~ meals", apistrat, ref="low", design=design, subpop=c).design
        for c in ("stype.isin(['E', 'M'])", "stype in ['E', 'M']", "stype != 'H'")
    }
    assert len({s.subpop_size for s in sizes.values()}) == 1


def test_a_string_holding_r_syntax_is_no_r_syntax(apistrat):
    # '=' inside a quoted value is no assignment: no hint about ==
    with pytest.raises(DataError) as err:
        mnlogit.fit(
            "perf ~ meals",
            apistrat,
            ref="low",
            design=mnlogit.SurveyDesign(weights="pw", strata="stype"),
            subpop="stype == 'a=b' &",
        )
    assert "a comparison is written ==" not in str(err.value)


def test_an_iia_test_of_a_survey_fit_says_what_to_run_instead_and_that_runs(apistrat):
    """Stata's habit (suest after svy) was refused without a word on what to do; the answer
    names the fit to test instead, and that fit's test runs."""
    from mnlogit.exceptions import OptionError

    res = fit(apistrat, weights="pw", strata="stype", psu="dnum")
    # apistrat's districts are numbered within school types: the clusters are the pairs
    with pytest.raises(OptionError, match=r"cov_type='cluster', groups= the pair of 'stype'"):
        res.iia_test("mid", method="suest")
    pairs = apistrat["stype"].astype(str) + "/" + apistrat["dnum"].astype(str)
    clustered = mnlogit.fit("perf ~ meals", apistrat, ref="low", cov_type="cluster", groups=pairs)
    assert np.isfinite(clustered.iia_test("mid", method="suest").pvalue)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        # was: "lonely_psu: expected one of (...); got 'scaled'", Stata's name not placed
        ("scaled", r"Stata's singleunit\(scaled\) is lonely_psu='average'"),
        ("centered", r"Stata's singleunit\(centered\) is lonely_psu='adjust'"),
        ("missing", "leaves the standard errors missing, where the default lonely_psu='fail'"),
        ("Adjust", "'Adjust' is lonely_psu='adjust'"),
        ("average ", "'average ' is lonely_psu='average'"),
    ],
)
def test_statas_singleunit_names_and_spellings_say_which_option_they_are(given, said):
    with pytest.raises(mnlogit.MNLogitError, match=said):
        mnlogit.SurveyDesign(weights="pw", lonely_psu=given)


def test_the_singleunit_argument_names_every_stata_option():
    with pytest.raises(InputTypeError, match=r"'average' as singleunit\(scaled\)"):
        mnlogit.SurveyDesign(weights="pw", singleunit="scaled")
