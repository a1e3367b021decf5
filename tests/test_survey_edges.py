"""Survey fits at the edges: subpopulation conditions that would run code, a subpopulation
Series in another row order, sampling weights of any scale, designs whose rows lie in one PSU,
and designs with too few degrees of freedom for the tests they print."""

from __future__ import annotations

import os
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError

FORMULA = "y ~ x + z"


def survey_data(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "st": rng.choice(["A", "B", "C"], n),
            "psu": rng.integers(1, 6, n),
            "pw": rng.uniform(1, 50, n),
            "age": rng.integers(10, 80, n),
            "female": rng.random(n) < 0.5,
            "home region": rng.choice(["N", "E", "S"], n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.6 * d["x"], -0.4 * d["z"] + 0.2])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")


def flat(frame: pd.DataFrame) -> np.ndarray:
    return frame.to_numpy().ravel()


# --- subpop conditions are read, not run ----------------------------------------------------------
@pytest.mark.parametrize(
    "condition",
    [
        "@pd.io.common.os.system('touch {marker}') == 0",
        "x.to_csv('{marker}') == 0",
        "x.values.tofile('{marker}') == 0",
        "x.__class__.__init__.__globals__['os'].system('touch {marker}') == 0",
        "x.pipe(open, 'w') == 0",
        "age > @cutoff",
        "x[0] > 1",
        "(lambda: True)()",
        "x is None",
        "'a' * 10**9 == home",
    ],
)
def test_subpop_conditions_that_would_run_code_are_refused_before_anything_runs(
    condition, tmp_path
):
    marker = tmp_path / "written"
    text = condition.format(marker=marker)
    with pytest.raises(DataError, match="subpop") as err:
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop=text)
    assert not os.path.exists(marker)
    assert "condition may use" in str(err.value) or "not in the data" in str(err.value)


def test_at_variables_are_refused_with_the_way_to_pass_a_mask():
    with pytest.raises(DataError, match="pass one boolean per row"):
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop="age > @cutoff")


@pytest.mark.parametrize(
    ("condition", "mask"),
    [
        ("female", lambda d: d["female"]),
        ("age >= 18", lambda d: d["age"] >= 18),
        ("age >= 18 and female", lambda d: (d["age"] >= 18) & d["female"]),
        ("(age > 30) & ~female", lambda d: (d["age"] > 30) & ~d["female"]),
        ("not female or age < 40", lambda d: ~d["female"] | (d["age"] < 40)),
        ("18 <= age < 65", lambda d: (d["age"] >= 18) & (d["age"] < 65)),
        ("st in ['A', 'B']", lambda d: d["st"].isin(["A", "B"])),
        ("st not in ('A',)", lambda d: ~d["st"].isin(["A"])),
        ("`home region` == 'N'", lambda d: d["home region"] == "N"),
        ("`home region`.isin(['N', 'E'])", lambda d: d["home region"].isin(["N", "E"])),
        ("age.between(20, 50)", lambda d: d["age"].between(20, 50)),
        ("x * 2 - z > -0.5", lambda d: d["x"] * 2 - d["z"] > -0.5),
        ("-age < -30", lambda d: -d["age"] < -30),
        ("x.notna() & (age % 2 == 0)", lambda d: d["x"].notna() & (d["age"] % 2 == 0)),
        # '&' and '|' join comparisons, as DataFrame.query reads them: Python's precedence
        # made the first age >= (30 & age) < 60, every row, with no error
        ("age >= 30 & age < 60", lambda d: (d["age"] >= 30) & (d["age"] < 60)),
        ("age < 20 | age > 60 & female", lambda d: (d["age"] < 20) | (d["age"] > 60) & d["female"]),
        (
            "age > 40 & st == 'A|B' | st == 'C'",
            lambda d: (d["age"] > 40) & False | (d["st"] == "C"),
        ),
        ("~female & age > 50", lambda d: ~d["female"] & (d["age"] > 50)),
    ],
)
def test_allowed_conditions_select_the_rows_pandas_selects(condition, mask):
    d = survey_data()
    by_text = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=condition)
    by_mask = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=mask(d).to_numpy())
    assert by_text.nobs == mask(d).sum() == len(d.query(condition))
    np.testing.assert_array_equal(flat(by_text.params), flat(by_mask.params))
    np.testing.assert_array_equal(flat(by_text.bse), flat(by_mask.bse))


@pytest.mark.parametrize(
    ("condition", "match"),
    [
        ("agee > 18", "column 'agee' is not in the data; did you mean 'age'"),
        ("1 == 1", "uses no column"),
        ("st > 1", "cannot be evaluated"),
        ("age >", "neither a column nor an expression"),
    ],
)
def test_bad_conditions_say_what_is_wrong(condition, match):
    with pytest.raises(DataError, match=match):
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop=condition)


def test_a_column_named_as_a_python_keyword_is_told_to_go_in_backticks():
    """A column called "class" or "if" looks like an identifier, so the message's "in
    backticks when not identifiers" did not apply to it to the eye: the refusal said only
    that the condition could not be read. It names the keyword and the backticks now, and
    what it says to write selects the rows."""
    d = survey_data().rename(columns={"st": "class", "psu": "if"})
    design = mnlogit.SurveyDesign(weights="pw", strata="class", psu="if")
    with pytest.raises(DataError, match=r"'class' is a Python keyword: .* backticks, `class`"):
        mnlogit.fit(FORMULA, d, ref="a", design=design, subpop="class != 'A'")
    with pytest.raises(
        DataError, match=r"'class' and 'if' are Python keywords: .*`class` and `if`"
    ):
        mnlogit.fit(FORMULA, d, ref="a", design=design, subpop="class != 'A' and if > 2")
    # a keyword that is no column, or one inside a string, is not blamed
    with pytest.raises(DataError) as err:
        mnlogit.fit(FORMULA, d, ref="a", design=design, subpop="x > 'class' >")
    assert "keyword" not in str(err.value)
    res = mnlogit.fit(FORMULA, d, ref="a", design=design, subpop="`class` != 'A' and `if` > 2")
    assert res.nobs == ((d["class"] != "A") & (d["if"] > 2)).sum()


def test_a_subpop_series_is_matched_by_its_index_not_its_position():
    d = survey_data()
    mask = d["age"] >= 40
    shuffled = mask.sample(frac=1.0, random_state=1)
    assert not shuffled.index.equals(d.index)
    by_index = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=shuffled)
    aligned = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=mask)
    np.testing.assert_array_equal(flat(by_index.params), flat(aligned.params))
    assert by_index.nobs == mask.sum()
    other = pd.Series(mask.to_numpy(), index=d.index + 10_000)
    with pytest.raises(DataError, match="index does not match"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=other)


def test_arrays_given_without_a_dataframe_match_a_subpop_series_by_its_index_too():
    """MNLogit(y, X, design=..., subpop=Series) took the subpopulation's Series by position
    while it matched the design's Series to y's index: a mask in another row order fitted
    other rows than it named, silently (coefficients 3.3 apart on apistrat.csv)."""
    d = survey_data()
    y, X = d["y"], d[["x", "z"]].assign(Intercept=1.0)
    design = mnlogit.SurveyDesign(weights=d["pw"], strata=d["st"], psu=d["psu"])
    mask = d["age"] >= 40
    aligned = mnlogit.MNLogit(y, X, ref="a", design=design, subpop=mask).fit()
    shuffled = mask.sample(frac=1.0, random_state=1)
    by_index = mnlogit.MNLogit(y, X, ref="a", design=design, subpop=shuffled).fit()
    np.testing.assert_array_equal(flat(by_index.params), flat(aligned.params))
    np.testing.assert_array_equal(flat(by_index.bse), flat(aligned.bse))
    formula = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=shuffled)
    np.testing.assert_allclose(
        flat(formula.params), flat(aligned.params.loc[["Intercept", "x", "z"]]), rtol=1e-8
    )
    other = pd.Series(mask.to_numpy(), index=d.index + 10_000)
    with pytest.raises(DataError, match="index does not match"):
        mnlogit.MNLogit(y, X, ref="a", design=design, subpop=other)


def test_a_subpopulation_given_as_values_reads_as_such_in_the_summary():
    """The summary's note read 'Subpopulation the rows given: ... of the 400 rows'."""
    d = survey_data()
    mask = (d["age"] >= 40).to_numpy()
    res = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=mask)
    assert f"Subpopulation given as values: {mask.sum()} of the 400 rows" in str(res.summary())


def test_the_summary_says_rows_dropped_for_missing_values_stay_in_the_design():
    """The note said only 'n rows with missing values were dropped', while the design df
    beside it counted their PSUs (R's degf() and Stata's svy without subpop() do not), with
    nothing to tell a reader which df it was."""
    d = survey_data()
    d.loc[d.index % 9 == 0, "x"] = np.nan
    res = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, missing="drop")
    dropped = int((d.index % 9 == 0).sum())
    assert res.df_design == 15 - 3  # 5 PSU ids in each of 3 strata, the dropped rows' too
    text = " ".join(str(res.summary()).split())
    assert (
        f"{dropped} rows with missing values were dropped; {400 - dropped} rows were used. "
        "They stay in the survey design as rows outside a subpopulation do: its PSUs and "
        "design df count them." in text
    )
    plain = mnlogit.fit(FORMULA, d, ref="a", missing="drop")
    assert "survey design" not in str(plain.summary())


# --- sampling weights of any scale ----------------------------------------------------------------
@settings(derandomize=True, max_examples=20, deadline=None)
@given(k=st.integers(-300, 300))
def test_probability_weights_of_any_scale_give_the_same_fit(k):
    d = survey_data(n=300, seed=3)
    base = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN)
    c = 10.0**k
    scaled = d.assign(pw=d["pw"] * c)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow or convergence warnings either
        res = mnlogit.fit(FORMULA, scaled, ref="a", design=DESIGN)
    assert res.converged
    np.testing.assert_allclose(flat(res.params), flat(base.params), rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(flat(res.bse), flat(base.bse), rtol=1e-8)
    # the pseudo-log-likelihood is that of the weights as given
    np.testing.assert_allclose(res.llf / c, base.llf, rtol=1e-8)
    np.testing.assert_allclose(res.design.population / c, base.design.population, rtol=1e-12)


@pytest.mark.parametrize("c", [1 / 25.0, 7.3, 2.0**40])
def test_a_firth_fit_with_sampling_weights_does_not_depend_on_their_units(c):
    """Firth's penalty is of the sample's size, but sampling weights sum to the population's:
    the weights times c weighed the penalty 1/c as much, so pw and pw / mean(pw) gave other
    estimates and standard errors. The weights are now used relative to their mean."""
    d = survey_data(n=120, seed=3)
    base = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, method="firth")
    res = mnlogit.fit(FORMULA, d.assign(pw=d["pw"] * c), ref="a", design=DESIGN, method="firth")
    np.testing.assert_allclose(flat(res.params), flat(base.params), rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(flat(res.bse), flat(base.bse), rtol=1e-8)
    np.testing.assert_allclose(res.llf / c, base.llf, rtol=1e-8)  # of the weights as given
    # equal sampling weights are the unweighted sample's Firth fit, whatever they equal
    equal = mnlogit.fit(FORMULA, d.assign(pw=40.0 * c), ref="a", design=DESIGN, method="firth")
    plain = mnlogit.fit(FORMULA, d, ref="a", method="firth")
    np.testing.assert_allclose(flat(equal.params), flat(plain.params), rtol=1e-8, atol=1e-12)


def test_tiny_probability_weights_no_longer_stop_the_fit_at_its_start():
    d = survey_data(n=300, seed=3)
    base = mnlogit.fit(FORMULA, d, ref="a", weights="pw", weight_type="probability")
    tiny = mnlogit.fit(
        FORMULA, d.assign(pw=d["pw"] * 1e-200), ref="a", weights="pw", weight_type="probability"
    )
    assert tiny.n_iter == base.n_iter
    assert (tiny.bse.to_numpy() > 0.01).all()  # was exactly 0 after one iteration
    np.testing.assert_allclose(flat(tiny.params), flat(base.params), rtol=1e-9)


def test_an_l2_penalty_weighs_against_the_weights_as_given_whatever_their_scale():
    # scikit-learn's objective: sum w_i l_i - |B|^2 / (2C), so weights times c act as C times c
    d = survey_data(n=300, seed=3)
    c = 2.0**-40  # far below ordinary weights: the fit rescales them
    small = mnlogit.fit(
        FORMULA, d.assign(pw=d["pw"] * c), ref="a", design=DESIGN, penalty="l2", C=1.0
    )
    plain = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, penalty="l2", C=c)
    assert small.design.weight_scale != 1.0 and plain.design.weight_scale == 1.0
    np.testing.assert_allclose(flat(small.params), flat(plain.params), rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(small.penalized_llf, c * plain.penalized_llf, rtol=1e-9)
    np.testing.assert_allclose(small.llf, c * plain.llf, rtol=1e-9)


def test_weights_whose_sum_overflows_are_refused():
    d = survey_data(n=50).assign(pw=1e307)
    with pytest.raises(DataError, match="sum to more than the largest"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN)


@pytest.mark.slow
def test_dask_refuses_weights_whose_sum_overflows_only_across_partitions():
    """Each partition's weights were checked on their own: two halves summing to 1.5e308 each
    were taken, and the fit stopped at its start with NaN standard errors, an infinite
    population and a warning that the fit diverged."""
    dd = pytest.importorskip("dask.dataframe")
    d = survey_data(n=200).assign(pw=1.5e306)
    with pytest.raises(DataError, match=r"sum to more than the largest .* weight 1\.5e\+306"):
        mnlogit.fit(FORMULA, dd.from_pandas(d, npartitions=2), ref="a", design=DESIGN)


@pytest.mark.slow
def test_a_lonely_stratum_whose_rows_are_all_dropped_is_no_error_on_dask_either():
    """A stratum of one PSU whose rows all miss a model variable holds no row of the fit, so
    the fit does not need its variance (R's svyglm drops the rows, and the stratum with
    them); in memory it was fitted, but dask counted its rows before dropping and refused."""
    dd = pytest.importorskip("dask.dataframe")
    d = survey_data(n=300)
    lonely = (d["st"] == "A") & (d["psu"] == 1)
    d.loc[lonely, "st"], d.loc[lonely, "x"] = "Z", np.nan
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")
    want = mnlogit.fit(FORMULA, d, ref="a", design=design)
    got = mnlogit.fit(FORMULA, dd.from_pandas(d, npartitions=3), ref="a", design=design)
    assert got.df_design == want.df_design
    np.testing.assert_allclose(flat(got.bse), flat(want.bse), rtol=1e-9)


# --- rows in a single PSU -------------------------------------------------------------------------
def test_a_subpopulation_inside_one_psu_is_refused_not_given_zero_standard_errors():
    d = survey_data()
    with pytest.raises(DataError, match="lie in a single PSU"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop="st == 'A' and psu == 1")


@pytest.mark.parametrize("lonely_psu", ["fail", "adjust"])
def test_a_design_of_one_psu_is_refused(lonely_psu):
    d = survey_data().assign(one=1)
    design = mnlogit.SurveyDesign(weights="pw", psu="one", lonely_psu=lonely_psu)
    with pytest.raises(DataError, match="single PSU"):
        mnlogit.fit(FORMULA, d, ref="a", design=design)


# --- too few degrees of freedom -------------------------------------------------------------------
def test_zero_design_df_gives_nan_inference_with_notes_and_no_negative_df():
    d = survey_data().assign(psu=1)  # three strata, one PSU each
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", lonely_psu="adjust")
    res = mnlogit.fit(FORMULA, d, ref="a", design=design)
    assert res.df_design == 0
    assert res.pvalues.isna().all().all() and res.conf_int().isna().all().all()
    test = res.wald_test("x")
    assert np.isnan(test.statistic) and np.isnan(test.df_denom)
    text = " ".join(str(res.summary()).split())
    assert "F(2, -1)" not in text and "-1)" not in text
    assert "t distribution is not defined" in text
    assert "F test of all slopes is not defined" in text


def test_fewer_design_df_than_slopes_names_the_reason_in_the_summary():
    d = survey_data().assign(two=lambda f: f["psu"] % 2)
    res = mnlogit.fit(
        "y ~ x + z + st", d, ref="a", design=mnlogit.SurveyDesign(weights="pw", psu="two")
    )
    assert res.df_design == 1
    header = dict(res.summary().header)
    assert "F" in header and not any(label.startswith("F(") for label in header)
    text = " ".join(str(res.summary()).split())
    assert "F test of all slopes is not defined" in text
    assert "fewer than the 8 restrictions tested" in text


def test_a_census_has_zero_variance_and_a_wald_test_that_says_why_it_is_nan():
    d = survey_data().assign(fpc=5)  # every one of the 5 PSUs of each stratum sampled
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", fpc="fpc")
    res = mnlogit.fit(FORMULA, d, ref="a", design=design)
    assert np.allclose(res.bse.to_numpy(), 0.0, atol=1e-12)
    test = res.wald_test("x")
    assert np.isnan(test.statistic)
    assert "rank at most 0" in test.note and "sampled in full" in test.note
    text = " ".join(str(res.summary()).split())
    assert "F test of all slopes is not defined. The linearised" in text
    assert "no sampling variance" in text
    assert "every PSU of the population was sampled): 'A', 'B', 'C'" in text
    assert "so the standard errors are 0: the estimates are the population's values" in text
    partial = d.assign(fpc=np.where(d["st"] == "A", 5, 50))
    text = " ".join(str(mnlogit.fit(FORMULA, partial, ref="a", design=design).summary()).split())
    assert "every PSU of the population was sampled): 'A'; a census adds" in text
    assert "standard errors are 0" not in text


@pytest.mark.slow
def test_dask_survey_fit_has_the_same_weight_scale_and_single_psu_rules():
    dd = pytest.importorskip("dask.dataframe")
    d = survey_data(n=300, seed=3)
    scaled = d.assign(pw=d["pw"] * 1e-250)
    memory = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN)
    res = mnlogit.fit(FORMULA, dd.from_pandas(scaled, npartitions=3), ref="a", design=DESIGN)
    np.testing.assert_allclose(flat(res.params), flat(memory.params), rtol=1e-8)
    np.testing.assert_allclose(flat(res.bse), flat(memory.bse), rtol=1e-8)
    with pytest.raises(DataError, match="single PSU"):
        mnlogit.fit(
            FORMULA,
            dd.from_pandas(d, npartitions=2),
            ref="a",
            design=DESIGN,
            subpop="st == 'A' and psu == 1",
        )
    with pytest.raises(DataError, match="condition may use"):
        mnlogit.fit(
            FORMULA,
            dd.from_pandas(d, npartitions=2),
            ref="a",
            design=DESIGN,
            subpop="x.to_csv('x.csv') == 0",
        )


def test_a_condition_that_is_missing_for_some_rows_says_how_to_make_it_false():
    d = survey_data().assign(region=lambda f: f["home region"].astype("string"))
    d.loc[7, "region"] = pd.NA
    with pytest.raises(DataError, match=r"missing values in row 7.*col.notna\(\)"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop="region == 'N'")
    res = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop="region.notna() & (region == 'N')")
    assert res.nobs == (d["region"] == "N").sum()


@pytest.mark.parametrize("condition", ["-" * 100_000 + "x > 0", "x" + " + x" * 20_000 + " > 0"])
def test_a_condition_too_deep_to_parse_is_refused(condition):
    with pytest.raises(DataError, match="nested too deeply"):
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop=condition)


def test_a_census_has_no_t_statistics_or_p_values():
    """A census's coefficients have standard errors of 0: their z statistics were +-inf and
    their p-values 0 (the summary's P>|t| '<0.0001'), and so were its marginal effects',
    where its Wald tests and its margins give none. Single tests are now NaN too, with the
    reason in the tables' notes; the intervals stay the point, as the margins' do."""
    d = survey_data().assign(fpc=5)
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", fpc="fpc")
    res = mnlogit.fit(FORMULA, d, ref="a", design=design)
    assert res.zvalues.isna().all().all() and res.pvalues.isna().all().all()
    table = res.to_frame()
    assert table[["z", "pvalue"]].isna().all().all()
    np.testing.assert_allclose(table["lower"], table["estimate"], atol=1e-9)
    assert "rank at most 0" in table.attrs["note"]
    effects = res.marginal_effects()
    assert effects[["z", "pvalue"]].isna().all().all()
    assert "rank at most 0" in effects.attrs["note"]
    assert "<0.0001" not in str(res.summary())
    # a design with sampling variance keeps its tests
    partial = d.assign(fpc=np.where(d["st"] == "A", 5, 50))
    assert mnlogit.fit(FORMULA, partial, ref="a", design=design).pvalues.notna().all().all()


def test_what_a_survey_fit_cannot_give_warns_where_it_is_read():
    """AIC, BIC and the pseudo-R2 of a survey fit, the p-values and intervals of a design
    without degrees of freedom and the z statistics of a census were NaN silently (their
    reasons only in the summary and in to_frame().attrs); each read now says why."""
    res = mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN)
    for read, name in ((lambda: res.aic, "aic"), (lambda: res.bic, "bic"),
                       (lambda: res.pseudo_r2, "pseudo_r2")):  # fmt: skip
        with pytest.warns(mnlogit.InferenceWarning, match=rf"^{name}: .* survey fit: .*wald_test"):
            assert np.isnan(read()).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # what the design supports, and the renderings
        res.bse, res.pvalues, res.conf_int(), res.to_frame(), str(res.summary())
        assert "leaves them out too" in str(mnlogit.compare([res]))
    with pytest.warns(mnlogit.InferenceWarning, match=r"^compare\(...\).statistics: \(1\): AIC"):
        assert mnlogit.compare([res]).statistics.loc["AIC"].isna().all()
    flat_design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", lonely_psu="adjust")
    none = mnlogit.fit(FORMULA, survey_data().assign(psu=1), ref="a", design=flat_design)
    with pytest.warns(mnlogit.InferenceWarning, match=r"^conf_int\(\): With 0 design degrees"):
        assert none.conf_int().isna().all().all()
    census = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", fpc="fpc")
    full = mnlogit.fit(FORMULA, survey_data().assign(fpc=5), ref="a", design=census)
    # named t, as the tables name a survey fit's statistics
    with pytest.warns(mnlogit.InferenceWarning, match=r"^zvalues: No t statistics .* rank at most"):
        assert full.zvalues.isna().all().all()


def heavy_stratum_data(seed: int = 0) -> pd.DataFrame:
    """Strata A, B and D of 4, 3 and 2 PSUs numbered within them; B's rows weigh a million
    times the others', so its 3 PSUs carry nearly all of the sampling weight."""
    rng = np.random.default_rng(seed)
    st, psu = [], []
    for stratum, k in {"A": 4, "B": 3, "D": 2}.items():
        for j in range(1, k + 1):
            m = int(rng.integers(5, 25))
            st += [stratum] * m
            psu += [j] * m
    n = len(st)
    d = pd.DataFrame({"st": st, "psu": psu, "x1": rng.normal(size=n), "x2": rng.normal(size=n)})
    eta = np.column_stack(
        [np.zeros(n), 0.3 + 0.8 * d.x1 - 0.5 * d.x2, -0.2 - 0.4 * d.x1 + 0.6 * d.x2]
    )
    p = np.exp(eta)
    p /= p.sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1)]
    d["w"] = rng.uniform(1, 50, n) * np.where(d.st == "B", 1e6, 1.0)
    return d


def test_a_wald_test_nearly_singular_from_heavy_psus_says_so():
    # B's 3 PSU totals, centred, span 2 of the 4 slopes' directions; the other 2 get their
    # variance from A and D alone, 1e-12 of the rest on the scale of the correlations:
    # positive definite, within the 1e-10 the Wald test leaves NaN, whose note said it was
    # "not positive definite (a zero variance, as in a census of every PSU, or collinear
    # restrictions)": the design has neither
    d = heavy_stratum_data()
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    res = mnlogit.fit("y ~ x1 + x2", d, ref="a", design=design)
    cov = res.cov_params()
    slopes = cov.index.get_level_values("term") != "Intercept"
    V = cov.to_numpy()[np.ix_(slopes, slopes)]
    sd = np.sqrt(np.diag(V))
    np.linalg.cholesky(V)  # positive definite in floating point
    assert np.linalg.eigvalsh(V / np.outer(sd, sd))[0] < 1e-10
    test = res.wald_test_slopes()
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    note = " ".join(test.note.split())
    assert "within 1e-10 of it on the scale of their correlations" in note
    assert "PSUs that carry nearly all of the sampling weight are too few" in note
    # two restrictions off those directions are tested
    assert np.isfinite(res.wald_test("x1").statistic)
