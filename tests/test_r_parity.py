"""Analyses an R user runs routinely, against R (tests/reference/r_parity.R): ordered factors
(R's default contr.poly, mnlogit's C(g, Poly); its treatment coding otherwise, said in the
summary and in anova's type III note), another reference (with_ref against a VGAM refit:
coefficients, covariance, confint.default), the deviance, AIC and BIC of a weighted nnet fit,
nnet's fractional weights (mnlogit's probability weights), predictions beyond the fitted range
through bs(), poly() and scale(), rows of weight zero inside poly() and bs(), bs()'s
arguments as R spells them, nested factors (a / b) with car::Anova, and R's outcomes:
cbind() of counts (melted, the counts as frequency weights), relevel() and factor(), and an
empty cell of two factors (R's aliased column).

Tolerances: nnet stops within ~1e-7 of the optimum, so its coefficients and probabilities are
compared to 1e-6 absolute (all are of order 1e-2 to 10); log-likelihoods, deviances, AIC, BIC
and LR statistics (refits to reltol 1e-16) to 1e-10 relative; VGAM's coefficients, covariance
and intervals (epsilon 1e-14) to 1e-8 relative."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

HERE = Path(__file__).parent / "reference"
REF = json.loads((HERE / "r_parity.json").read_text())
WOMENLF = pd.read_csv(HERE / "womenlf.csv")


def _data() -> pd.DataFrame:
    rows = np.arange(len(WOMENLF))
    df = WOMENLF.assign(w=1 + rows % 3)
    df["wf"] = df["w"] * 0.37
    w0 = df["w"].astype(float)
    w0.iloc[np.array(REF["zero_weights"]["zero_rows"]) - 1] = 0.0  # R's rows count from 1
    df["w0"] = w0
    df["cho"] = pd.Categorical(df["children"], ordered=True)
    df["rego"] = pd.Categorical(df["region"], ordered=True)
    return df


DATA = _data()


def _coef(res, case) -> None:
    """R's coefficients (one row per equation, design columns in formulaic's order)."""
    assert len(res.params.index) == len(case["columns"])
    expected = np.array(case["coef"]).T
    np.testing.assert_allclose(
        res.params[case["equations"]].to_numpy(), expected, rtol=0, atol=1e-6
    )


@pytest.mark.parametrize("coding", ["poly", "treatment"])
def test_ordered_factors_agree_with_r_in_coefficients_and_anova(coding):
    """An ordered factor is contr.poly in R unless told otherwise: C(g, Poly) of an ordered
    Categorical is R's default fit, the plain Categorical R's fit with treatment contrasts.
    car::Anova type II does not depend on it; type III's test of hincome does (15.74 in R's
    default coding, 5.51 with treatment contrasts), and each agrees with its R fit."""
    case = REF["ordered"][coding]
    res = mnlogit.fit(case["formula"], DATA, ref="not.work")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    _coef(res, case)
    for kind in ("II", "III"):
        table = res.anova(type=kind)
        assert list(table.index) == [
            t.replace("cho", "C(cho, Poly)").replace("rego", "C(rego, Poly)")
            if coding == "poly"
            else t
            for t in case[kind]["term"]
        ]
        np.testing.assert_allclose(table["chi2"], case[kind]["chi2"], rtol=1e-10)
        np.testing.assert_array_equal(table["df"], case[kind]["df"])
        np.testing.assert_allclose(table["pvalue"], case[kind]["pvalue"], rtol=1e-8)


def test_an_ordered_categorical_coded_by_treatment_is_said_to_differ_from_r():
    """R codes an ordered factor by polynomial contrasts unless told otherwise; mnlogit codes
    an ordered Categorical as any factor. The summary and anova's type III note say so and
    what to write for R's fit; with C(g, Poly), or an unordered factor, they say nothing."""
    res = mnlogit.fit("partic ~ hincome * cho + rego", DATA, ref="not.work")
    text = " ".join(str(res.summary()).split())
    assert "cho, rego are ordered Categoricals" in text
    assert "contr.poly" in text and "C(cho, Poly)" in text
    note = res.anova(type="III").attrs["note"]
    assert "at the base level of cho (an ordered Categorical" in note
    assert "R's default contr.poly" in note
    assert res.anova(type="III")["chi2"]["hincome"] == pytest.approx(
        REF["ordered"]["treatment"]["III"]["chi2"][0], rel=1e-10
    )
    # the column as categories, C(g), is the same coding, and the note says what to write
    levels = "C(rego, levels=['BC', 'Atlantic', 'Ontario', 'Prairie', 'Quebec'])"
    named = mnlogit.fit(f"partic ~ {levels} + hincome * C(cho)", DATA, ref="not.work")
    text = " ".join(str(named.summary()).split())
    assert "write C(rego, Poly, levels=['BC', 'Atlantic', 'Ontario', 'Prairie', 'Quebec'])" in text
    assert "write C(cho, Poly) for R's test" in named.anova(type="III").attrs["note"]
    for formula in (
        "partic ~ hincome * C(cho, Poly) + C(rego, Poly)",
        "partic ~ hincome * children",
        "partic ~ hincome * C(cho, Treatment('present'))",
        # a column per level, as R codes any factor there: no contrasts to tell apart
        "partic ~ hincome:cho",
        "partic ~ 0 + cho + hincome",
    ):
        other = mnlogit.fit(formula, DATA, ref="not.work")
        assert "ordered Categorical" not in str(other.summary())
        assert "ordered Categorical" not in other.anova(type="III").attrs["note"]


def test_with_ref_agrees_with_a_vgam_refit_in_coefficients_covariance_and_intervals():
    """with_ref('fulltime') of a weighted fit against not.work is VGAM's fit against fulltime:
    coefficients, the covariance and confint.default's intervals at 0.95 and 0.90."""
    case = REF["with_ref"]
    fitted = mnlogit.fit(case["formula"], DATA, ref=case["fitted_ref"], weights=case["weights"])
    res = fitted.with_ref(case["ref"])
    assert res.ref == case["ref"]
    assert res.llf == pytest.approx(case["loglik"], rel=1e-12)
    names = {"(Intercept)": "Intercept", "childrenpresent": "children[T.present]"}
    names |= {f"region{r}": f"region[T.{r}]" for r in ("BC", "Ontario", "Prairie", "Quebec")}
    index = pd.MultiIndex.from_arrays(
        [case["outcome"], [names.get(t, t) for t in case["term"]]], names=["outcome", "term"]
    )
    b = pd.Series([res.params.loc[t, o] for o, t in index], index=index)
    np.testing.assert_allclose(b, case["coef"], rtol=1e-8)
    V = res.cov_params().loc[index, index].to_numpy()
    np.testing.assert_allclose(V, np.array(case["vcov"]), rtol=1e-8, atol=1e-14)
    for alpha, level in ((0.05, "95"), (0.10, "90")):
        ci = res.conf_int(alpha=alpha).loc[index]
        np.testing.assert_allclose(ci["lower"], case[f"lower{level}"], rtol=1e-8, atol=1e-12)
        np.testing.assert_allclose(ci["upper"], case[f"upper{level}"], rtol=1e-8, atol=1e-12)


def test_deviance_aic_and_bic_of_a_weighted_fit_are_nnets():
    """nnet's deviance and AIC of a fit with frequency weights, and R's BIC, which counts the
    observations as the sum of the weights (525 for 263 rows), as mnlogit's nobs does."""
    case = REF["weights"]
    freq = case["frequency"]
    res = mnlogit.fit(case["formula"], DATA, ref="not.work", weights=freq["weights"])
    assert res.nobs == freq["sum_w"]
    assert res.llf == pytest.approx(freq["loglik"], rel=1e-10)
    assert res.deviance == pytest.approx(freq["deviance"], rel=1e-10)
    assert res.aic == pytest.approx(freq["AIC"], rel=1e-10)
    assert res.bic == pytest.approx(freq["BIC"], rel=1e-10)
    assert res.df_model + len(res.outcomes) - 1 == freq["edf"]


def test_fractional_weights_give_nnets_estimates_as_probability_weights():
    """nnet takes weights that are not counts (w * 0.37) in its likelihood; mnlogit's
    frequency weights must be counts and its refusal points at weight_type='probability',
    whose estimates and weighted log-likelihood are nnet's (its standard errors are
    design-based, as the summary says)."""
    case = REF["weights"]
    frac = case["fractional"]
    with pytest.raises(mnlogit.exceptions.DataError, match="weight_type='probability'"):
        mnlogit.fit(case["formula"], DATA, ref="not.work", weights=frac["weights"])
    res = mnlogit.fit(
        case["formula"],
        DATA,
        ref="not.work",
        weights=frac["weights"],
        weight_type="probability",
    )
    assert res.llf == pytest.approx(frac["loglik"], rel=1e-10)
    _coef(res, frac)


@pytest.mark.parametrize("name", sorted(REF["beyond"]["cases"]))
def test_predictions_beyond_the_fitted_range_agree_with_rs_predict(name):
    """New rows below and above the fitted hincome (1 to 45): poly() and scale() use the
    fitted rows' basis and centre; R's predict.bs continues the boundary polynomials, which
    is bs(..., extrapolation='extend')."""
    case = REF["beyond"]["cases"][name]
    res = mnlogit.fit(case["formula"], DATA, ref="not.work")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    new = pd.DataFrame(REF["beyond"]["newdata"])
    got = res.predict(new)[case["levels"]].to_numpy()
    np.testing.assert_allclose(got, np.array(case["probs"]), rtol=0, atol=1e-6)


def test_a_spline_refusing_new_rows_beyond_its_bounds_names_rs_extrapolation():
    """Without extrapolation= the spline refuses rows beyond its bounds; the message names
    the option that gives R's predict.bs."""
    res = mnlogit.fit("partic ~ bs(hincome, df=4) + region", DATA, ref="not.work")
    new = pd.DataFrame(REF["beyond"]["newdata"])
    with pytest.raises(mnlogit.exceptions.DataError, match=r"extrapolation='extend'.*predict"):
        res.predict(new)


@pytest.mark.parametrize("name", sorted(REF["zero_weights"]["cases"]))
def test_rows_of_weight_zero_count_in_the_basis_as_in_r(name):
    """R's model frame keeps rows of weight 0, so poly()'s basis and bs()'s knots include
    them; mnlogit's do too (the same coefficients, not only the same fit)."""
    case = REF["zero_weights"]["cases"][name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        weights = REF["zero_weights"]["weights"]
        res = mnlogit.fit(case["formula"], DATA, ref="not.work", weights=weights)
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    _coef(res, case)


@pytest.mark.parametrize("name", sorted(REF["spelled"]))
def test_bs_arguments_spelled_as_r_are_refused_with_what_gives_rs_fit(name):
    """R's bs(x, knots = 20), Boundary.knots = c(a, b) and intercept = TRUE failed with
    Python's errors ("'int' object is not iterable", "expression cannot contain
    assignment", a NameError for c or TRUE); each is refused naming formulaic's spelling,
    and that spelling fits R's model (VGAM's coefficients on R's design, nnet's
    log-likelihood)."""
    case = REF["spelled"][name]
    with pytest.raises(mnlogit.exceptions.FormulaError, match="R's") as refused:
        mnlogit.fit(case["r"], DATA, ref="not.work")
    said = {
        "one_knot": "write knots=[20]",
        "bounds": "lower_bound=a, upper_bound=b",
        "intercept": "include_intercept=True",
    }[name]
    assert said in str(refused.value)
    res = mnlogit.fit(case["formula"], DATA, ref="not.work")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    _coef(res, case)


def test_rs_c_is_refused_with_the_list_to_write():
    with pytest.raises(mnlogit.exceptions.FormulaError, match=r"write a Python list, \[\.\.\.\]"):
        mnlogit.fit("partic ~ bs(hincome, knots=c(10, 20))", DATA)


@pytest.mark.parametrize("formula", sorted(REF["nested"]["cases"]))
def test_nested_factors_agree_with_r_in_fit_columns_and_anova(formula):
    """a / b of two factors is a + a:b, b coded by contrasts within each level of a, in R's
    model.matrix and in formulaic alike (the same columns in the same order); car::Anova's
    type II and III tests of it agree (travel data, reference car)."""
    case = REF["nested"]["cases"][formula]
    travel = mnlogit.datasets.load("travel").dropna(subset=["income"])
    res = mnlogit.fit(formula, travel, ref="car")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    assert len(res.params.index) == len(case["columns"])
    # R's "regionrural:purposeshopping" is formulaic's "region[rural]:purpose[T.shopping]"
    as_r = [
        "(Intercept)" if n == "Intercept" else re.sub(r"\[(T\.)?([^\]]*)\]", r"\2", n)
        for n in res.params.index
    ]
    assert as_r == case["columns"]
    for kind in ("II", "III"):
        table = res.anova(type=kind)
        assert list(table.index) == case[kind]["term"]
        np.testing.assert_allclose(table["chi2"], case[kind]["chi2"], rtol=1e-9)
        np.testing.assert_array_equal(table["df"], case[kind]["df"])


def test_rs_cbind_counts_are_refused_with_a_melt_that_gives_rs_fit():
    """R's multinom takes aggregated data as cbind() of count columns; mnlogit refused it as
    "an expression" saying only to compute the outcome column. The refusal now gives the
    melt and the fit with the counts as frequency weights, and those give R's
    log-likelihood, coefficients and standard errors (VGAM's, tests/reference/r_parity.R)."""
    case = REF["counts"]
    agg = pd.crosstab([WOMENLF["children"], WOMENLF["region"]], WOMENLF["partic"])
    agg = agg.reset_index()
    agg.columns.name = None
    assert len(agg) == case["rows"]
    formula = "cbind(`not.work`, fulltime, parttime) ~ children + region"
    with pytest.raises(mnlogit.exceptions.FormulaError, match="frequency weight") as refused:
        mnlogit.fit(formula, agg)
    said = str(refused.value)
    assert (
        "df.melt(id_vars=['children', 'region'], value_vars=['not.work', 'fulltime', "
        "'parttime'], var_name='outcome', value_name='n')" in said
    )
    assert "mnlogit.fit('outcome ~ children + region', long, weights='n', ref='not.work')" in said
    long = agg.melt(
        id_vars=["children", "region"],
        value_vars=["not.work", "fulltime", "parttime"],
        var_name="outcome",
        value_name="n",
    )
    res = mnlogit.fit("outcome ~ children + region", long, weights="n", ref="not.work")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    order = case["equations"]
    np.testing.assert_allclose(res.params[order].to_numpy().T, case["coef"], rtol=1e-8)
    np.testing.assert_allclose(res.bse[order].to_numpy().T, case["se"], rtol=1e-8)


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        ('relevel(partic, "fulltime") ~ hincome', 'write partic on the left and ref="fulltime"'),
        ("relevel(partic, ref = 'parttime') ~ hincome", "ref='parttime' in mnlogit.fit()"),
        ("factor(partic) ~ hincome", "write partic on the left"),
        ("as.factor(partic) ~ hincome", "write partic on the left"),
    ],
)
def test_rs_outcome_functions_are_answered_for_the_outcome(formula, said):
    """relevel() and factor() of the outcome were answered as for a predictor (write
    C(x, Treatment('level'))), which is no outcome; the reference is ref= of the fit."""
    with pytest.raises(mnlogit.exceptions.FormulaError) as refused:
        mnlogit.fit(formula, WOMENLF)
    assert said in str(refused.value)
    assert "Treatment" not in str(refused.value)


def test_an_empty_cell_is_refused_naming_rs_aliased_column_and_its_remedy_fits_rs_model():
    """R's glm gives NA for the column an empty cell aliases and nnet fits the aliased design
    as it is; mnlogit refuses it naming the same column (R's qr pivot, glm's NA), and the
    remedy it names, the cells that occur as one factor, has nnet's log-likelihood."""
    case = REF["empty_cell"]
    data = WOMENLF[
        (WOMENLF["region"] != "Prairie")
        & ~((WOMENLF["region"] == "BC") & (WOMENLF["children"] == "absent"))
    ]
    assert len(data) == case["rows"]
    assert case["aliased"] == case["glm_na"] == "regionBC:childrenpresent"
    with pytest.raises(mnlogit.exceptions.RankError) as refused:
        mnlogit.fit("partic ~ region * children", data, ref="not.work")
    said = str(refused.value)
    assert "'region[T.BC]:children[T.present]'" in said
    assert "empty cell" in said and "in C()" in said
    cells = data.assign(cell=data["region"] + ":" + data["children"])
    res = mnlogit.fit("partic ~ C(cell)", cells, ref="not.work")
    assert res.separation is None
    assert res.df_model == 2 * (case["rank"] - 1)
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
