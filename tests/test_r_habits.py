"""R's spellings that formulaic reads otherwise or not at all: refused with the formula to
write, built from the data's columns where R's '.' stands for them."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.__main__ import main
from mnlogit.exceptions import FormulaError


@pytest.fixture
def df():
    rng = np.random.default_rng(3)
    n = 90
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "my var": rng.normal(size=n),
            "g": rng.choice(["u", "v"], n),
            "w": rng.uniform(1, 2, n),
        }
    )


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("y ~ .", "y ~ x + `my var` + g + w"),
        ("y ~ . - x", "y ~ `my var` + g + w"),
        ("y~.-x-`my var`", "y ~ g + w"),
        ("y ~ np.log(w) + . + x:g", "y ~ np.log(w) + x + `my var` + g + w + x:g"),
        ("y ~ .^2", "y ~ (x + `my var` + g + w)^2"),
        ("y ~ x:.", "y ~ x:(x + `my var` + g + w)"),
    ],
)
def test_every_other_column_is_refused_with_the_columns_named(df, formula, written):
    with pytest.raises(FormulaError, match="not supported") as info:
        mnlogit.fit(formula, df, weights="w")
    assert f"e.g. {written} (R's '.' also takes a weights" in str(info.value)
    # what it says to write is a formula that fits
    assert mnlogit.fit(written, df).converged


def test_every_other_column_leaves_out_the_row_names_r_writes(df, tmp_path, capsys):
    # R's write.csv writes its row names under an empty header cell, which pandas names
    # 'Unnamed: 0': the formula advised for '.' fitted the row numbers as a predictor
    df.drop(columns="my var").to_csv(tmp_path / "d.csv", index_label="")
    read = pd.read_csv(tmp_path / "d.csv")
    assert read.columns[0] == "Unnamed: 0"
    with pytest.raises(FormulaError, match="not supported") as info:
        mnlogit.fit("y ~ . - w", read)
    said = str(info.value)
    assert "e.g. y ~ x + g (R's '.'" in said and "'Unnamed: 0', without a name" in said
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ ."]) == 2
    assert "e.g. y ~ x + g + w (R's '.'" in capsys.readouterr().err


def test_interaction_is_answered_with_the_colon(df):
    with pytest.raises(FormulaError, match=r"interaction\(\) is R's.*write a:b"):
        mnlogit.fit("y ~ interaction(g, x > 0)", df)


@pytest.mark.parametrize(
    ("formula", "python"), [("y ~ I(x * T)", "True"), ("y ~ I(x > F)", "False")]
)
def test_r_shorthands_for_true_and_false_are_answered(df, formula, python):
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match=f"write {python}"):
        mnlogit.fit(formula, df)


@pytest.mark.parametrize(
    "formula",
    ["y ~ C(k, contr.treatment(base=2))", "y ~ C(k, contr.treatment(4, base = 2))"],
)
def test_r_positions_in_contr_treatment_are_refused(df, formula):
    # R's base = 2 is the second level (1); formulaic took the level 2, silently
    d = df.assign(k=np.arange(len(df)) % 4)
    with pytest.raises(FormulaError, match=r"second of n levels.*Treatment\('b'\)"):
        mnlogit.fit(formula, d)
    assert "C(k, Treatment(1))[T.2]" in mnlogit.fit("y ~ C(k, Treatment(1))", d).params.index


def test_contrasts_named_in_quotes_get_the_name_to_write(df):
    with pytest.raises(FormulaError, match=r"write C\(g, contr.sum\) without the quotes"):
        mnlogit.fit('y ~ C(g, "contr.sum")', df)


@pytest.mark.parametrize(
    ("contrast", "said"),
    [
        ("Treatment", r"Treatment is a function: write Treatment\(\)"),
        ("contrasts=Treatment", r"Treatment is a function"),
        ("5", r"contrasts given \(5\) are not a coding; give a coding"),
        ("[1, 2]", r"\[1, 2\]\) are not a coding.*a matrix with a row per level"),
        ("np.log", r"\(log\) are not a coding"),
        ("[[1, 0], [0]]", r"are not a coding"),
    ],
)
def test_contrasts_that_are_no_coding_are_refused_saying_what_is(df, contrast, said):
    # C(g, Sum) is the coding, but formulaic's Treatment is a function: C(g, Treatment), like
    # any other object that is no matrix, failed with a bare "tuple index out of range"
    with pytest.raises(FormulaError, match=said):
        mnlogit.fit(f"y ~ x + C(g, {contrast})", df)
    fitted = mnlogit.fit("y ~ x + C(g, Treatment())", df).params.index
    assert "C(g, Treatment())[T.v]" in fitted


@pytest.mark.parametrize(
    "formula",
    [
        "y ~ 0 + C(g, [[1], [0]])",
        "y ~ 0 + x + C(g, {'u': [1, 0]})",
        "y ~ C(g, [[1], [0]]) + C(g, [[1], [0]]):x",
        "y ~ x:C(g, [[1], [0]])",
    ],
)
def test_a_contrast_matrix_where_r_codes_every_level_is_refused(df, formula):
    # R ignores contrasts where a factor gets a column per level (no intercept, or an
    # interaction without its main effect); formulaic kept the matrix, a model of fewer
    # columns: '0 + C(g, m)' had no column for the level the matrix codes as zeros
    with pytest.raises(FormulaError, match=r"contrast matrix of 1 column\(s\) for 2 levels"):
        mnlogit.fit(formula, df)
    # beside the intercept and the main effect, as R, the matrix codes the factor
    assert mnlogit.fit("y ~ x + C(g, [[1], [0]]):x", df).params.shape == (3, 2)
    assert mnlogit.fit("y ~ C(g, [[1], [0]])", df).params.shape == (2, 2)


MATRICES = json.loads((refdata.REF_DIR / "contrast_matrices.json").read_text())["cases"]


@pytest.mark.parametrize("case", MATRICES, ids=[c["r_formula"] for c in MATRICES])
def test_contrast_matrices_give_rs_model_or_are_refused(case):
    womenlf = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    formula = case["r_formula"].replace("C(children, m)", "C(children, [[1], [0]])")
    if case["coded_by_matrix"]:
        res = mnlogit.fit(formula, womenlf, ref="not.work")
        assert res.llf == pytest.approx(case["loglik"], rel=refdata.RTOL_LOGLIK)
    else:
        with pytest.raises(FormulaError, match="R ignores the contrasts there"):
            mnlogit.fit(formula, womenlf, ref="not.work")
    res = mnlogit.fit(case["formula"], womenlf, ref="not.work")  # the model without the matrix
    assert res.llf == pytest.approx(case["loglik"], rel=refdata.RTOL_LOGLIK)
    assert len(res.params.index) == len(case["columns"])


@pytest.mark.parametrize("op", ["%*%", "%+%", "%-%", "%:%", "%o%"])
def test_r_percent_operators_are_refused_not_read_as_formula_operators(df, op):
    # formulaic reads %op% as op: 'x %*% z' (R's matrix product) was fitted as x*z and
    # 'x %-% z' as x alone
    with pytest.raises(FormulaError, match=rf"'{re.escape(op)}' is R's operator, not a formula"):
        mnlogit.fit(f"y ~ x {op} `my var`", df)
    # Python's % inside a call is the remainder, as before
    assert "I(x % 2)" in mnlogit.fit("y ~ I(x % 2)", df).params.index


@pytest.mark.parametrize("contrast", ["contr.sum(2)", "contr.poly(2)", "contr.helmert(2)"])
def test_r_contrast_matrices_of_n_levels_are_answered(df, contrast):
    with pytest.raises(FormulaError, match=r"write contr\.\w+ without a call"):
        mnlogit.fit(f"y ~ C(g, {contrast})", df)


def test_r_c_is_answered_with_a_list(df):
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match=r"write a Python list"):
        mnlogit.fit("y ~ C(g, levels=c('u', 'v'))", df)


SPELLINGS = json.loads((refdata.REF_DIR / "r_spellings.json").read_text())["cases"]


@pytest.mark.parametrize("case", SPELLINGS, ids=[c["r_formula"] for c in SPELLINGS])
def test_r_spellings_fit_r_models(case):
    # poly(), bs(), scale(), contr.poly/SAS, ifelse/pmin/%%/%/%/log1p/abs as mnlogit writes
    # them: the coefficients of nnet::multinom (tests/reference/make_r_spellings.R)
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit(case["formula"], df, ref="not.work", tol=1e-14)
    assert res.llf == pytest.approx(case["loglik"], abs=1e-7)
    assert len(res.params.index) == len(case["columns"])
    got = res.params[case["outcomes"]].to_numpy().T
    np.testing.assert_allclose(got, np.array(case["coef"]), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    ("formula", "advice"),
    [
        ("y ~ I(x - mean(x))", r"mean\(\) is R's.*write center\(x\) for x - mean\(x\)"),
        ("y ~ I(x / sd(x))", r"sd\(\) is R's.*write scale\(x\)"),
        ("y ~ I(x - median(x))", r"median\(\) is R's.*computed before the fit"),
    ],
)
def test_r_summaries_of_a_column_are_answered_with_what_keeps_them(df, formula, advice):
    """mean(x) was refused as a column that does not exist, adding that numpy is available
    as np; np.mean(x) is then refused as taken afresh from the rows predicted."""
    with pytest.raises(FormulaError, match=advice):
        mnlogit.fit(formula, df)
    assert mnlogit.fit("y ~ center(x) + g", df).converged


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("y ~ C(g, sum)", "C(g, Sum)"),
        ("y ~ C(g, helmert) + x", "C(g, Helmert)"),
        ("y ~ C(g, poly)", "C(g, Poly)"),
        ("y ~ C(g, treatment)", "C(g, Treatment())"),
        ("y ~ C(g, SAS)", "C(g, contr.SAS)"),
        ('y ~ C(g, "sum")', "C(g, Sum)"),
        ("y ~ C(g, contr=sum)", "C(g, Sum)"),
    ],
)
def test_r_short_contrast_names_get_the_coding_to_write(df, formula, written):
    # R's C() reads sum, helmert, poly, treatment and SAS as its contr.* functions; they were
    # looked up as columns ("add it as a column first (df.assign(sum=sum))"), or the quoted
    # name was answered with C(g, sum), which fails so
    with pytest.raises(FormulaError, match=re.escape(f"write {written} (")):
        mnlogit.fit(formula, df)
    assert np.isfinite(mnlogit.fit(f"y ~ {written}", df).llf)


@pytest.mark.parametrize(
    "formula", ["y ~ C(g, contr.treatment, base = 2)", "y ~ C(g, Treatment, base=2) + x"]
)
def test_arguments_r_passes_to_the_contrasts_are_refused_by_name(df, formula):
    # formulaic's TypeError "C() got an unexpected keyword argument 'base'", no advice
    with pytest.raises(FormulaError, match=r"given base=.*Treatment\('level'\)"):
        mnlogit.fit(formula, df)


def test_r_name_of_the_contrasts_argument_is_answered(df):
    # formulaic's TypeError "C() got an unexpected keyword argument 'contr'"
    with pytest.raises(FormulaError, match=r"contr= is R's name.*write C\(g, contr\.sum\)"):
        mnlogit.fit("y ~ C(g, contr = contr.sum)", df)
