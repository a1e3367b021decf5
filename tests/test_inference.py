"""LR tests (nested, per term), Wald tests, robust covariances and another reference."""

import json

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_LOGLIK, RTOL_P, RTOL_SE

import mnlogit
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    LevelError,
    ModelComparisonError,
    OptionError,
)

SYN = ("synthetic", "unweighted")


def _fit(case, name, **kwargs):
    ref, weights = refdata.CASES[case, name]
    kwargs.setdefault("ref", ref)
    return mnlogit.fit(
        refdata.model(case, name)["formula"], refdata.data(case), weights=weights, **kwargs
    )


def _robust_table(m, key, levels):
    cmap = refdata.column_map(m)
    frame = pd.DataFrame(
        {refdata.outcome_key(levels, k): v for k, v in m["robust_hc0"][key].items()}
    )
    frame.index = [cmap[r] for r in frame.index]
    return frame


@pytest.fixture(scope="module")
def anova_of(fits):
    """res.anova(kind) of the reference fits, computed once per module."""
    cache = {}

    def get(case, kind):
        if (case, kind) not in cache:
            cache[case, kind] = fits[case].anova(type=kind)
        return cache[case, kind]

    return get


# --- per-term likelihood-ratio tests -------------------------------------------------------------
@pytest.mark.parametrize("kind", ["II", "III"])
def test_anova_matches_car(anova_of, case, kind):
    m = refdata.model(*case)
    want = m[f"anova_lr_type{len(kind)}"]
    got = anova_of(case, kind)
    assert list(got.columns) == ["chi2", "df", "pvalue"]
    assert list(got.index) == list(want)  # formula order, intercept not tested
    for term, w in want.items():
        np.testing.assert_allclose(got.loc[term, "chi2"], w["chi2"], rtol=RTOL_LOGLIK)
        assert got.loc[term, "df"] == w["df"]
        np.testing.assert_allclose(got.loc[term, "pvalue"], w["p"], rtol=RTOL_P, atol=1e-300)


def test_anova_type_ii_respects_marginality(anova_of):
    # terms that no other term contains get the same test in types II and III
    m = refdata.model(*SYN)
    two, three = anova_of(SYN, "II"), anova_of(SYN, "III")
    for term, w in m["anova_lr_type2"].items():
        same = np.isclose(two.loc[term, "chi2"], three.loc[term, "chi2"], rtol=1e-10)
        assert same == (not w["contains_marginal_to"])


def test_anova_rejects_unknown_type(fits):
    with pytest.raises(OptionError, match=r"type: expected one of \('II', 'III'\); got 'I'"):
        fits[SYN].anova(type="I")


def test_anova_of_firth_fit_uses_penalised_likelihood():
    df = refdata.data("synthetic").iloc[:300]
    full = mnlogit.fit("mode ~ x1 + group + log(x2)", df, ref="car", method="firth")
    reduced = mnlogit.fit("mode ~ x1 + log(x2)", df, ref="car", method="firth")
    table = full.anova("III")
    lr = mnlogit.lr_test(reduced, full)
    # the reduced model refitted under the full model's penalty, not its own penalised value
    np.testing.assert_allclose(
        lr.statistic, 2 * (full.penalized_llf - lr.details["llf_restricted"]), rtol=1e-12
    )
    assert lr.details["llf_restricted"] != pytest.approx(reduced.penalized_llf, rel=1e-6)
    np.testing.assert_allclose(table.loc["group", "chi2"], lr.statistic, rtol=1e-7)
    assert "penalised" in lr.note
    assert "Firth" in table.attrs["note"]


# --- nested likelihood-ratio tests ---------------------------------------------------------------
@pytest.mark.parametrize("name", ["unweighted", "weighted"])
def test_nested_lr_equals_type_iii_of_the_interaction(fits, anova_of, name):
    full = fits["synthetic", name]
    reduced = mnlogit.fit(
        "mode ~ x1 + group + log(x2)",
        refdata.data("synthetic"),
        ref="car",
        weights=refdata.CASES["synthetic", name][1],
    )
    lr = mnlogit.lr_test(reduced, full)
    want = refdata.model("synthetic", name)["anova_lr_type3"]["x1:group"]
    np.testing.assert_allclose(
        lr.statistic, anova_of(("synthetic", name), "III").loc["x1:group", "chi2"], rtol=RTOL_LOGLIK
    )
    np.testing.assert_allclose(lr.statistic, want["chi2"], rtol=RTOL_LOGLIK)
    assert lr.df == want["df"] == 6
    np.testing.assert_allclose(lr.pvalue, want["p"], rtol=RTOL_P)


def test_lr_test_is_exported_and_readable(fits):
    full = fits[SYN]
    reduced = mnlogit.fit("mode ~ x1 + log(x2)", refdata.data("synthetic"), ref="car")
    lr = mnlogit.lr_test(reduced, full)
    assert isinstance(lr, mnlogit.TestResult)
    text = str(lr)
    assert text.startswith("Likelihood-ratio test of nested models: chi2(12) = ")
    assert f"{lr.statistic:.4f}" in text and "p = " in text
    assert lr.details["llf_full"] == full.llf and lr.details["llf_restricted"] == reduced.llf


def test_test_result_str_shows_note_on_its_own_line():
    res = mnlogit.inference.chi2_test(3.5, 2, "Some test", "a note")
    assert str(res) == f"Some test: chi2(2) = 3.5000, p = {res.pvalue:.4g}\na note"
    neg = mnlogit.inference.chi2_test(-1.0, 2, "H")
    assert np.isnan(neg.pvalue) and "no p-value (see the note)" in str(neg)
    with pytest.raises(AttributeError):
        res.statistic = 1.0  # frozen


def test_lr_test_refuses_different_rows(fits):
    df = refdata.data("synthetic")
    full = fits[SYN]
    fewer = mnlogit.fit("mode ~ x1 + log(x2)", df.iloc[:-10], ref="car")
    with pytest.raises(ModelComparisonError, match=r"different rows \(1990 rows"):
        mnlogit.lr_test(fewer, full)
    # same number of rows, but missing values dropped in a variable only one model uses
    holes = df.copy()
    holes.loc[:9, "x2"] = np.nan
    holes.loc[10:19, "x1"] = np.nan
    a = mnlogit.fit("mode ~ x1", holes, ref="car")
    b = mnlogit.fit("mode ~ x1 + log(x2)", holes, ref="car")
    assert a._data.n_rows != b._data.n_rows
    c = mnlogit.fit("mode ~ log(x2)", holes, ref="car")
    d = mnlogit.fit("mode ~ x1 + log(x2)", holes.drop(index=range(10)), ref="car")
    with pytest.raises(ModelComparisonError, match="different rows"):
        mnlogit.lr_test(a, b)
    with pytest.raises(ModelComparisonError, match="different rows"):
        mnlogit.lr_test(c, d)


def test_lr_test_of_rows_dropped_by_hand_and_renumbered_names_the_labels():
    # the smaller model fitted to the complete rows with the index reset: the refusal said
    # "different rows" and advised dropping the rows with missing values, which was done
    df = refdata.data("synthetic")
    df.loc[::17, "x1"] = np.nan
    full = mnlogit.fit("mode ~ x1 + log(x2)", df, ref="car")
    complete = df.dropna(subset=["x1"])
    kept = mnlogit.fit("mode ~ log(x2)", complete, ref="car")
    assert mnlogit.lr_test(kept, full).df == 3
    renumbered = mnlogit.fit("mode ~ log(x2)", complete.reset_index(drop=True), ref="car")
    with pytest.raises(
        ModelComparisonError,
        match=r"same number of rows \(1882\).*row 0 is 0 in one, 1 in the other.*index reset",
    ):
        mnlogit.lr_test(renumbered, full)


def test_lr_test_refuses_non_nested_and_takes_swapped(fits):
    df = refdata.data("synthetic")
    a = mnlogit.fit("mode ~ x1 + log(x2)", df, ref="car")
    b = mnlogit.fit("mode ~ x1 + group", df, ref="car")
    with pytest.raises(ModelComparisonError, match=r"not nested: design column\(s\) 'log\(x2\)'"):
        mnlogit.lr_test(a, b)
    # the larger model first, as R's anova and Stata's lrtest take it
    assert mnlogit.lr_test(fits[SYN], a).statistic == mnlogit.lr_test(a, fits[SYN]).statistic
    with pytest.raises(ModelComparisonError, match="same design columns"):
        mnlogit.lr_test(a, a)


def test_lr_test_refuses_other_weights_references_methods(fits):
    df = refdata.data("synthetic")
    unweighted = mnlogit.fit("mode ~ x1", df, ref="car")
    with pytest.raises(ModelComparisonError, match="different weights"):
        mnlogit.lr_test(unweighted, fits["synthetic", "weighted"])
    # another reference is the same likelihood: re-expressed, as R's anova compares them
    other_ref = mnlogit.fit("mode ~ x1", df, ref="bus")
    same_ref = mnlogit.fit("mode ~ x1", df, ref="car")
    np.testing.assert_allclose(
        mnlogit.lr_test(other_ref, fits[SYN]).statistic,
        mnlogit.lr_test(same_ref, fits[SYN]).statistic,
        rtol=1e-9,
    )
    three = df[df["mode"] != "walk"]
    fewer_levels = mnlogit.fit("mode ~ x1", three, ref="car")
    full_three = mnlogit.fit("mode ~ x1 + log(x2)", three, ref="car")
    assert mnlogit.lr_test(fewer_levels, full_three).df == 2
    with pytest.raises(ModelComparisonError, match="different outcome levels"):
        mnlogit.lr_test(fewer_levels, fits[SYN])
    small = df.iloc[:300]
    firth = mnlogit.fit("mode ~ x1", small, ref="car", method="firth")
    newton = mnlogit.fit("mode ~ x1 + log(x2)", small, ref="car")
    with pytest.raises(ModelComparisonError, match=r"different methods \('firth' vs 'newton'\)"):
        mnlogit.lr_test(firth, newton)
    # the refusal said only that the likelihoods differ, not what to fit instead
    with pytest.raises(ModelComparisonError, match=r"fit both with the same method= \('firth' or"):
        mnlogit.lr_test(firth, newton)
    with pytest.raises(ModelComparisonError, match="expected a fitted MNLogitResults"):
        mnlogit.lr_test(None, newton)


# --- Wald tests ---------------------------------------------------------------------------------
def test_wald_terms_match_reference(fits, case):
    res, m = fits[case], refdata.model(*case)
    for term, w in m["wald_terms"].items():
        t = res.wald_test(term)
        np.testing.assert_allclose(t.statistic, w["chi2"], rtol=RTOL_COEF)
        assert t.df == w["df"] == len(w["coefficients"])
        np.testing.assert_allclose(t.pvalue, w["p"], rtol=RTOL_P, atol=1e-300)
        assert "model-based" in t.method


def test_wald_forms_agree(fits):
    res = fits[SYN]
    b = res.params.to_numpy().T.ravel()
    V = res.cov_params().to_numpy()
    labels = list(res.cov_params().index)
    # a list of terms is one joint test, the same as its (R, q) form
    joint = res.wald_test(["x1", "log(x2)"])
    cols = [i for i, (_, t) in enumerate(labels) if t in ("x1", "log(x2)")]
    R = np.eye(len(b))[cols]
    by_matrix = res.wald_test((R, 0.0))
    want = b[cols] @ np.linalg.solve(V[np.ix_(cols, cols)], b[cols])
    assert joint.df == by_matrix.df == 6
    np.testing.assert_allclose([joint.statistic, by_matrix.statistic], want, rtol=1e-10)
    # "a:x = b:x" is one restriction: (b_a - b_b)^2 / var(b_a - b_b)
    i, j = labels.index(("bus", "x1")), labels.index(("train", "x1"))
    d = b[i] - b[j]
    var = V[i, i] + V[j, j] - 2 * V[i, j]
    for text in (
        "bus:x1 = train:x1",
        "bus:x1 - train:x1 = 0",
        "bus:x1 - train:x1",
        "-train:x1 = -bus:x1",
        "2*bus:x1 = 2 train:x1",
    ):
        t = res.wald_test(text)
        assert t.df == 1
        np.testing.assert_allclose(t.statistic, d**2 / var, rtol=1e-10, err_msg=text)
    # multipliers, constants and several restrictions separated by commas
    k = labels.index(("walk", "x1:group[T.urban]"))
    R2 = np.zeros((2, len(b)))
    R2[0, i], R2[0, j], R2[1, k] = 0.5, -1.0, 1.0
    q2 = np.array([0.25, 0.1])
    t = res.wald_test("0.5*bus:x1 - train:x1 = 0.25, walk:x1:group[T.urban] - 0.1 = 0")
    np.testing.assert_allclose(t.statistic, res.wald_test((R2, q2)).statistic, rtol=1e-12)
    r = R2 @ b - q2
    np.testing.assert_allclose(t.statistic, r @ np.linalg.solve(R2 @ V @ R2.T, r), rtol=1e-10)
    # one design column in every equation
    col = res.wald_test("x1:group[T.urban]")
    assert col.df == 3


def test_wald_numeric_outcome_labels(fits):
    res = fits["anes96", "main"]
    t = res.wald_test("2:age - 3:age = 0")
    labels = list(res.cov_params().index)
    i, j = labels.index((2, "age")), labels.index((3, "age"))
    b, V = res.params.to_numpy().T.ravel(), res.cov_params().to_numpy()
    np.testing.assert_allclose(
        t.statistic, (b[i] - b[j]) ** 2 / (V[i, i] + V[j, j] - 2 * V[i, j]), rtol=1e-10
    )
    assert "2:age - 3:age = 0" in t.note


def test_wald_uses_the_chosen_covariance():
    res = _fit(*SYN, cov_type="robust")
    m = refdata.model(*SYN)
    labels, V = refdata.vcov(m, res.outcomes, m["robust_hc0"]["vcov"])
    b = res.params.to_numpy().T.ravel()
    order = [list(res.cov_params().index).index(lab) for lab in labels]
    cols = [o for o, (_, t) in zip(order, labels, strict=True) if t == "log(x2)"]
    sel = [n for n, (_, t) in enumerate(labels) if t == "log(x2)"]
    want = b[cols] @ np.linalg.solve(V[np.ix_(sel, sel)], b[cols])
    t = res.wald_test("log(x2)")
    np.testing.assert_allclose(t.statistic, want, rtol=RTOL_SE)
    assert "robust" in t.method
    z = res.zvalues.loc["x1", "bus"]
    np.testing.assert_allclose(res.wald_test("bus:x1 = 0").statistic, z**2, rtol=1e-10)


def test_wald_errors_list_what_exists(fits):
    res = fits[SYN]
    with pytest.raises(LevelError, match=r"cannot read 'age'.*'x1:group'.*outcome one of 'bus'"):
        res.wald_test("age")
    with pytest.raises(LevelError, match=r"'plane:x1'.*outcome one of 'bus', 'train', 'walk'"):
        res.wald_test("plane:x1 = bus:x1")
    with pytest.raises(LevelError, match="'car' is the reference outcome and has no coef"):
        res.wald_test("car:x1 = 0")
    with pytest.raises(ColumnNotFoundError, match=r"'bus:x3' names no design column; columns"):
        res.wald_test("bus:x3 = 0")
    with pytest.raises(DataError, match="both sides"):
        res.wald_test("bus:x1 =")
    with pytest.raises(DataError, match="nothing after it"):
        res.wald_test("bus:x1 -")
    # a chain of '=' is read as Stata's test reads it: bus:x1 = train:x1 and bus:x1 = 0
    assert res.wald_test("bus:x1 = train:x1 = 0").df == 2
    with pytest.raises(DataError, match="one '='"):
        res.wald_test("= bus:x1 = train:x1")
    with pytest.raises(DataError, match="involves no coefficient"):
        res.wald_test("bus:x1 - bus:x1 = 0")
    with pytest.raises(DataError, match="linearly dependent"):
        res.wald_test("bus:x1 = 0, 2*bus:x1 = 0")
    with pytest.raises(DataError, match=r"R must have 21 columns"):
        res.wald_test((np.eye(3), 0))
    with pytest.raises(OptionError, match="constraints: expected a term name"):
        res.wald_test(3)


# --- robust and cluster-robust covariances -------------------------------------------------------
def test_robust_hc0_matches_reference(case):
    res = _fit(*case, cov_type="robust")
    m = refdata.model(*case)
    se = _robust_table(m, "se", res.outcomes)
    np.testing.assert_allclose(
        res.bse.loc[se.index, se.columns].to_numpy(), se.to_numpy(), rtol=RTOL_SE
    )
    np.testing.assert_allclose(
        res.zvalues.loc[se.index, se.columns].to_numpy(),
        _robust_table(m, "z", res.outcomes).to_numpy(),
        rtol=RTOL_SE,
    )
    np.testing.assert_allclose(
        res.pvalues.loc[se.index, se.columns].to_numpy(),
        _robust_table(m, "p", res.outcomes).to_numpy(),
        rtol=RTOL_P,
    )
    labels, V = refdata.vcov(m, res.outcomes, m["robust_hc0"]["vcov"])
    ours = res.cov_params().loc[labels, labels].to_numpy()
    np.testing.assert_allclose(ours, V, rtol=1e-6, atol=1e-12 * np.abs(V).max())
    assert res.cov_type == "robust"
    # the estimates and LR tests do not depend on the covariance
    np.testing.assert_array_equal(res.params.to_numpy(), _fit(*case).params.to_numpy())


@pytest.mark.parametrize("case_name", [("anes96", "main"), SYN])
def test_cluster_of_single_rows_is_hc0_times_n_over_n_minus_1(case_name):
    n = len(refdata.data(case_name[0]))
    hc0 = _fit(*case_name, cov_type="robust")
    cl = _fit(*case_name, cov_type="cluster", groups=np.arange(n))
    np.testing.assert_allclose(
        cl.cov_params().to_numpy(), hc0.cov_params().to_numpy() * n / (n - 1), rtol=1e-10
    )
    assert cl.cov_type == "cluster"


def test_weighted_cluster_of_single_rows_scales_scores_by_weight():
    # one cluster per weighted row: its score counts w_i times, (w_i g_i)(w_i g_i)'
    m = refdata.model("synthetic", "weighted")
    n = len(refdata.data("synthetic"))
    cl = _fit("synthetic", "weighted", cov_type="cluster", groups=np.arange(n))
    want = _robust_table(m, "se_if_weights_scale_scores", cl.outcomes) * np.sqrt(n / (n - 1))
    np.testing.assert_allclose(
        cl.bse.loc[want.index, want.columns].to_numpy(), want.to_numpy(), rtol=RTOL_SE
    )


def test_weighted_cluster_equals_expanded_rows_clustered_by_origin():
    df = refdata.data("synthetic").iloc[:400]
    formula = "mode ~ x1 + log(x2)"
    groups = np.arange(len(df)) % 37
    weighted = mnlogit.fit(formula, df, ref="car", weights="w", cov_type="cluster", groups=groups)
    reps = df["w"].to_numpy()
    expanded = df.loc[df.index.repeat(reps)].reset_index(drop=True)
    flat = mnlogit.fit(
        formula, expanded, ref="car", cov_type="cluster", groups=np.repeat(groups, reps)
    )
    np.testing.assert_allclose(
        weighted.cov_params().to_numpy(), flat.cov_params().to_numpy(), rtol=1e-8
    )


# --- another reference ---------------------------------------------------------------------------
@pytest.mark.parametrize("case_name", [("anes96", "main"), SYN, ("synthetic", "weighted")])
def test_with_ref_equals_refitting_for_every_level(fits, case_name):
    res = fits[case_name]
    for level in res.outcomes:
        moved = res.with_ref(level)
        refit = _fit(*case_name, ref=level)
        assert moved.ref == level and list(moved.params.columns) == list(refit.params.columns)
        np.testing.assert_allclose(
            moved.params.to_numpy(),
            refit.params.to_numpy(),
            rtol=1e-8,
            atol=1e-12,
            err_msg=str(level),
        )
        np.testing.assert_allclose(moved.bse.to_numpy(), refit.bse.to_numpy(), rtol=1e-8)
        np.testing.assert_allclose(moved.llf, refit.llf, rtol=1e-12)
        np.testing.assert_allclose(
            moved.cov_params().to_numpy(), refit.cov_params().to_numpy(), rtol=1e-8, atol=1e-14
        )
        np.testing.assert_allclose(moved._core.info, refit._core.info, rtol=1e-8, atol=1e-9)
        np.testing.assert_allclose(
            moved.predict().to_numpy(), res.predict().to_numpy(), rtol=1e-10, atol=1e-15
        )
    back = res.with_ref(res.outcomes[-1]).with_ref(res.ref)
    np.testing.assert_allclose(
        back.params.to_numpy(), res.params.to_numpy(), rtol=1e-12, atol=1e-14
    )
    assert res.with_ref(res.ref) is res


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_with_ref_transforms_the_sandwich(cov_type):
    groups = np.arange(len(refdata.data("synthetic"))) % 50 if cov_type == "cluster" else None
    res = _fit("synthetic", "weighted", cov_type=cov_type, groups=groups)
    moved = res.with_ref("walk")
    refit = _fit("synthetic", "weighted", ref="walk", cov_type=cov_type, groups=groups)
    assert moved.cov_type == cov_type
    np.testing.assert_allclose(
        moved.cov_params().to_numpy(), refit.cov_params().to_numpy(), rtol=1e-8, atol=1e-14
    )
    # and it is T V T' of the original robust covariance
    p, q = res._data.p, res._data.q
    old = list(res.equations)
    M = np.zeros((q, q))
    for j, lv in enumerate(moved.equations):
        if lv in old:
            M[old.index(lv), j] += 1
        M[old.index("walk"), j] -= 1
    T = np.kron(M.T, np.eye(p))
    np.testing.assert_allclose(
        moved.cov_params().to_numpy(), T @ res.cov_params().to_numpy() @ T.T, rtol=1e-9, atol=1e-14
    )


def test_with_ref_unknown_level_lists_levels(fits):
    with pytest.raises(
        LevelError,
        match=r"'plane' is not a level of outcome 'mode'; levels are "
        r"'bus', 'car', 'train', 'walk'",
    ):
        fits[SYN].with_ref("plane")
    with pytest.raises(LevelError, match="levels are 0, 1, 2"):
        fits["anes96", "main"].with_ref("1")


def test_with_ref_of_a_firth_fit_equals_refitting():
    # the Jeffreys penalty is invariant under the change of reference (det T = +-1)
    df = refdata.data("synthetic").iloc[:300]
    res = mnlogit.fit("mode ~ x1 + group + log(x2)", df, ref="car", method="firth")
    refit = mnlogit.fit("mode ~ x1 + group + log(x2)", df, ref="walk", method="firth")
    moved = res.with_ref("walk")
    assert moved.method == "firth"
    np.testing.assert_allclose(
        moved.params.to_numpy(), refit.params.to_numpy(), rtol=1e-7, atol=1e-10
    )
    np.testing.assert_allclose(moved.bse.to_numpy(), refit.bse.to_numpy(), rtol=1e-7)
    np.testing.assert_allclose(moved.penalized_llf, refit.penalized_llf, rtol=1e-12)


@pytest.mark.parametrize("coding", ["treatment", "sum"])
@pytest.mark.parametrize("kind", ["II", "III"])
def test_anova_with_an_interaction_matches_car_under_both_codings(coding, kind):
    """car::Anova(multinom(...)) of a model with an interaction, treatment- and sum-coded
    (tests/reference/anova_codings.R): type II does not depend on the coding, type III's
    test of hincome does (at children's base level, or averaged over it)."""
    ref = json.loads((refdata.REF_DIR / "anova_codings.json").read_text())[coding]
    women = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    table = mnlogit.fit(ref["formula"], women, ref="not.work").anova(kind)
    want = ref[kind]
    np.testing.assert_allclose(table["chi2"], want["chi2"], rtol=1e-6)
    np.testing.assert_array_equal(table["df"], want["df"])
    np.testing.assert_allclose(table["pvalue"], want["pvalue"], rtol=1e-5)


def test_wald_test_across_equations_matches_car_linear_hypothesis():
    ref = json.loads((refdata.REF_DIR / "anova_codings.json").read_text())
    women = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit(ref["treatment"]["formula"], women, ref="not.work")
    test = res.wald_test(ref["wald"]["restrictions"])
    assert test.df == ref["wald"]["df"]
    np.testing.assert_allclose(test.statistic, ref["wald"]["chi2"], rtol=1e-6)
    np.testing.assert_allclose(test.pvalue, ref["wald"]["pvalue"], rtol=1e-5)


def test_type_iii_says_when_a_test_depends_on_the_coding():
    """Type III tests of main effects beside their interaction test them at the other
    variables' zero (car's Anova prints them without a word): the note says so."""
    women = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit("partic ~ hincome * children + region", women, ref="not.work")
    three = res.anova("III")
    note = three.attrs["note"]
    assert "'hincome' (in 'hincome:children': at the base level of children)" in note
    assert "'children' (in 'hincome:children': at hincome = 0)" in note
    assert "C(g, Sum)" in note and "region" not in note
    assert "contained in others" not in res.anova("II").attrs["note"]
    plain = mnlogit.fit("partic ~ hincome + children", women, ref="not.work").anova("III")
    assert "contained in others" not in plain.attrs["note"]


@pytest.mark.parametrize(
    ("formula", "named"),
    [
        ("partic ~ hincome * C(children, Sum) + region", ["'C(children, Sum)'"]),
        ("partic ~ hc * C(children, Sum) + region", []),
        ("partic ~ center(hincome) * C(children, Helmert)", []),
        ("partic ~ poly(hincome, 2) * C(children, Sum)", []),
        ("partic ~ hc * children", ["'hc'"]),
    ],
)
def test_type_iii_names_only_tests_whose_zero_is_not_an_average(formula, named):
    """A term held where a sum-coded factor or a centred variable is zero is tested at their
    average, as car's type III expects (it warns only for other contrasts); the note named
    every contained term whatever the coding, telling a user who had coded C(g, Sum) to do
    so."""
    women = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    women["hc"] = women["hincome"] - women["hincome"].mean()
    note = mnlogit.fit(formula, women, ref="not.work").anova("III").attrs["note"]
    if not named:
        assert "contained in others" not in note
    for term in named:
        assert f"{term} (in " in note
    terms = ["'hincome'", "'hc'", "'C(children, Sum)'", "'children'"]
    assert not [t for t in terms if f"{t} (in " in note and t not in named]
