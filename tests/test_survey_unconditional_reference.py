"""Margins whose covariates count as sampled (``margins(vce="unconditional")``, Stata's
``margins, vce(unconditional)``) against R's survey package
(tests/reference/make_survey_unconditional.R): a binary fit's margins over a factor against
``svypredmeans`` (which leaves out the covariance of the margin's two parts: the reference
stores it), and a multinomial fit's margins, effects and contrasts in a stratified design
with fpc, a census stratum and a subpopulation against the linearisation by hand,
``vcov(svytotal(~z, design))``; the default (delta) variance unchanged; and the refusals."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import OptionError

REF = json.loads((refdata.REF_DIR / "survey_unconditional.json").read_text())
BINARY, MULTI = REF["binary"], REF["multi"]
EST_RTOL = 1e-9
SE_RTOL = 1e-7


@pytest.fixture(scope="module")
def binary():
    d = pd.read_csv(refdata.REF_DIR / "apiclus1.csv")
    design = mnlogit.SurveyDesign(**BINARY["design"])
    return mnlogit.fit(BINARY["formula"], d, ref=BINARY["ref"], design=design)


@pytest.fixture(scope="module")
def multi():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    d["districts"] = d["stype"].map(MULTI["districts"])
    design = mnlogit.SurveyDesign(**MULTI["design"])
    return mnlogit.fit(MULTI["formula"], d, ref=MULTI["ref"], design=design, subpop=MULTI["subpop"])


def by_type(margins: mnlogit.margins.Margins) -> pd.DataFrame:
    frame = margins.to_frame()
    return frame[frame["outcome"] == BINARY["outcome"]].set_index("stype").loc[BINARY["stype"]]


def multi_reference(prefix: str) -> pd.DataFrame:
    ref = pd.DataFrame(
        {k: MULTI[k] for k in ("margin", "outcome", "estimate", "std_error")}
    ).rename(columns={"estimate": "estimate_R", "std_error": "std_error_R"})
    ref = ref[ref["margin"].str.startswith(prefix)]
    return ref.assign(value=ref["margin"].str.removeprefix(prefix))


def test_binary_margins_over_a_factor_match_svypredmeans_less_its_neglected_covariance(binary):
    m = binary.margins(over="stype", vce="unconditional")
    got = by_type(m)
    np.testing.assert_allclose(got["estimate"], BINARY["svypredmeans"], rtol=EST_RTOL)
    full = np.asarray(BINARY["var"])
    np.testing.assert_allclose(got["std_error"], np.sqrt(np.diag(full)), rtol=SE_RTOL)
    # svypredmeans' variance, J V J' + vcov(svymean(fits)), is this one less the covariance
    # of the two parts (twice), which R's pieces give
    svypredmeans = np.asarray(BINARY["svypredmeans_var"])
    cross = np.asarray(BINARY["cross"])
    np.testing.assert_allclose(
        got["std_error"].to_numpy() ** 2 - np.diag(cross), np.diag(svypredmeans), rtol=SE_RTOL
    )
    assert m.to_frame().attrs["vce"] == m.vce == "unconditional"
    assert "unconditional" in m.covariance
    assert any("vce='unconditional'" in note for note in m.notes)


def test_binary_contrasts_take_the_covariances_between_margins(binary):
    c = binary.margins(over="stype", vce="unconditional").contrast("stype", "pairwise")
    frame = c.to_frame()
    frame = frame[frame["outcome"] == BINARY["outcome"]].set_index("stype")
    V = np.asarray(BINARY["var"])
    types = BINARY["stype"]
    for i, a in enumerate(types):
        for j in range(i + 1, len(types)):
            b = types[j]
            se = np.sqrt(V[i, i] + V[j, j] - 2 * V[i, j])
            np.testing.assert_allclose(frame.loc[f"{a} - {b}", "std_error"], se, rtol=SE_RTOL)


def test_default_is_the_delta_method_unchanged(binary):
    # svypredmeans' first part is J V J' with svyglm's design-based V: the default's variance
    delta = by_type(binary.margins(over="stype"))
    np.testing.assert_allclose(
        delta["std_error"] ** 2, np.diag(BINARY["svypredmeans_parts"][0]), rtol=SE_RTOL
    )
    explicit = binary.margins(over="stype", vce="delta")
    pd.testing.assert_frame_equal(binary.margins(over="stype").to_frame(), explicit.to_frame())
    assert explicit.to_frame().attrs["vce"] == "delta"
    assert not any("vce=" in note for note in explicit.notes)


@pytest.mark.parametrize(
    ("prefix", "options", "column", "cast"),
    [
        ("stype=", {"over": "stype"}, "stype", str),
        ("meals=", {"at": {"meals": [20, 80]}}, "meals", int),
    ],
)
def test_multinomial_probabilities_match_the_linearisation_by_hand(
    multi, prefix, options, column, cast
):
    assert multi.df_design == MULTI["df_design"]
    frame = multi.margins(vce="unconditional", **options).to_frame()
    ref = multi_reference(prefix)
    merged = frame.merge(ref.assign(**{column: ref["value"].map(cast)}), on=[column, "outcome"])
    assert len(merged) == len(ref) == len(frame)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_R"], rtol=EST_RTOL)
    np.testing.assert_allclose(merged["std_error"], merged["std_error_R"], rtol=SE_RTOL)


def test_multinomial_effects_and_contrasts_match_the_linearisation_by_hand(multi):
    frame = multi.margins(kind="effect", variables=["meals", "stype"], vce="unconditional")
    frame = frame.to_frame().set_index(["variable", "outcome"])
    refs = {
        "meals": multi_reference("dydx meals"),
        "stype[T.H]": multi_reference("change stype=H"),
        "stype[T.M]": multi_reference("change stype=M"),
    }
    for variable, ref in refs.items():
        got = frame.loc[variable].loc[ref["outcome"]]
        np.testing.assert_allclose(got["estimate"], ref["estimate_R"], rtol=EST_RTOL)
        np.testing.assert_allclose(got["std_error"], ref["std_error_R"], rtol=SE_RTOL)
    # the same changes as contrasts of the margins over stype: differences of influences
    contrast = multi.margins(over="stype", vce="unconditional").contrast("stype", "reference")
    got = contrast.to_frame().set_index(["stype", "outcome"])
    for level in ("H", "M"):
        ref = refs[f"stype[T.{level}]"]
        rows = got.loc[f"{level} - E"].loc[ref["outcome"]]
        np.testing.assert_allclose(rows["std_error"], ref["std_error_R"], rtol=SE_RTOL)


def test_unconditional_refusals_say_what_is_allowed(binary):
    with pytest.raises(OptionError, match='average="grid"') as caught:
        binary.margins(over="stype", average="grid", vce="unconditional")
    assert 'average="rows"' in str(caught.value)
    with pytest.raises(OptionError, match=r"expected one of \('delta', 'unconditional'\)"):
        binary.margins(vce="uncond")
    # a covariance's name, Stata's vce(robust): the fit's cov_type=
    with pytest.raises(OptionError, match=r"cov_type="):
        binary.margins(vce="robust")
    travel = mnlogit.datasets.load("travel")
    plain = mnlogit.fit("mode ~ parking", travel, ref="car")
    with pytest.raises(OptionError, match="model-based") as caught:
        plain.margins(vce="unconditional")
    assert "cov_type='robust' or cov_type='cluster'" in str(caught.value)
    penalised = mnlogit.fit("mode ~ parking", travel, ref="car", penalty="l2")
    with pytest.raises(OptionError, match="vce='unconditional'"):
        penalised.margins(vce="unconditional")
