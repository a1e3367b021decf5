"""Margins at the edges of what a fit supports: rows of weight zero, values past the largest
double, a penalised fit's missing covariance, effects asked at values, and contrasts of a
separated fit, which must agree with the discrete changes of marginal_effects()."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import DataError, LevelError, OptionError, SeparationWarning


@pytest.fixture(scope="module")
def womenlf():
    return pd.read_csv(REF_DIR / "womenlf.csv")


@pytest.fixture(scope="module")
def res(womenlf):
    return mnlogit.fit("partic ~ hincome + children + region", womenlf, ref="not.work")


def test_rows_of_weight_zero_do_not_hide_an_extrapolation(womenlf):
    data = womenlf.assign(w=1.0 + np.arange(len(womenlf)) % 3)
    data.loc[:30, "w"] = 0.0
    data.loc[0, "hincome"] = 500.0  # a row the fit gives no weight, far beyond the others
    fit = mnlogit.fit("partic ~ hincome + children + region", data, ref="not.work", weights="w")
    top = float(data.loc[data["w"] > 0, "hincome"].max())
    for average in ("rows", "grid"):
        m = fit.margins(at={"hincome": [10.0, 100.0]}, average=average)
        (note,) = [n for n in m.notes if n.startswith("Extrapolated")]
        assert "hincome = 100 lie(s) outside the range of the rows of positive weight" in note
        assert f"to {top:.6g})" in note and "10," not in note
    inside = fit.margins(at={"hincome": [top]})
    assert not any(n.startswith("Extrapolated") for n in inside.notes)
    # the rows of weight zero are among the rows used, and add nothing to the averages
    said = "the 263 rows used (with their frequency weights, 31 of them of weight zero)"
    assert said in inside.notes[0]
    assert said in fit.marginal_effects().attrs["note"]


@pytest.mark.parametrize(
    ("at", "error", "shown"),
    [
        ({"hincome": 10**400}, DataError, r"got 10000000000000000000\.\.\. \(401 characters\)"),
        ({"hincome": [5, -(10**309)]}, DataError, r"got -1000000000000000000\.\.\."),
        ({"region": 10**400}, LevelError, r"at: 10000000000000000000\.\.\. \(401 characters\)"),
        ({"region": 10**5000}, LevelError, r"an integer of more than 4300 digits is not a level"),
        # numpy counts a timedelta as an integer; float() raised TypeError
        ({"hincome": np.timedelta64(1, "D")}, DataError, r"got Timedelta\('1 days"),
    ],
)
def test_values_past_the_largest_double_are_refused_with_the_value(res, at, error, shown):
    with pytest.raises(error, match=shown):
        res.margins(at=at)


def test_effects_at_values_are_pointed_to_margins(res):
    with pytest.raises(OptionError, match=r"res\.margins\(at=\{'hincome': 10\}, kind=\"effect\"\)"):
        res.marginal_effects(at={"hincome": 10})
    # what the message offers: the average effects with hincome set to 10 in every row
    at10 = res.margins(at={"hincome": 10}, kind="effect").to_frame()
    assert at10["variable"].iloc[0] == "hincome" and np.isfinite(at10["estimate"]).all()


def test_a_penalised_fit_has_no_covariance_behind_its_margins(womenlf):
    fit = mnlogit.fit(
        "partic ~ hincome + children + region", womenlf, ref="not.work", penalty="l2", C=0.5
    )
    m = fit.margins(over="children")
    assert "Covariance: none" in str(m) and "Covariance: none" in m._repr_html_()
    assert "model-based" not in str(m)
    assert m.to_frame()["std_error"].isna().all()
    assert mnlogit.compare([fit]).statistics.loc["Covariance", "(1)"] == "none"


@pytest.fixture(scope="module")
def yukon(womenlf):
    # one row in a region of its own, working full time: its coefficients diverge
    data = womenlf.copy()
    data.loc[0, ["region", "partic"]] = ["Yukon", "fulltime"]
    with pytest.warns(SeparationWarning):
        return mnlogit.fit("partic ~ hincome + children + region", data, ref="not.work")


def test_contrasts_of_a_separated_fit_are_its_discrete_changes(yukon):
    me = yukon.marginal_effects()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        margins = yukon.margins(over="region")
    contrast = margins.contrast("region", "reference").to_frame()
    contrast = contrast.set_index(["region", "outcome"])
    for level in ("BC", "Ontario", "Prairie", "Quebec", "Yukon"):
        change = me.loc[f"region[T.{level}]"]
        diff = contrast.loc[f"{level} - Atlantic"]
        # one number, whichever way it is asked for: a value with its standard error where
        # the fit supports it, NaN (estimate too) where it runs through region[T.Yukon]
        np.testing.assert_allclose(
            diff[["estimate", "std_error"]].to_numpy(),
            change[["dydx", "std_error"]].to_numpy(),
            rtol=1e-9,
            atol=1e-15,
        )
    assert contrast.loc["Yukon - Atlantic"].isna().all().all()
    assert np.isfinite(contrast.loc["BC - Atlantic"].to_numpy()).all()
    # the margin at Yukon keeps its fitted value (a level, as predict() gives it)
    at = margins.to_frame().set_index(["region", "outcome"])
    assert at.loc[("Yukon", "fulltime"), "estimate"] > 0.999
    assert np.isnan(at.loc[("Yukon", "fulltime"), "std_error"])
    note = margins.contrast("region", "reference").to_frame().attrs["note"]
    assert "separation: differences of margins that involve" in note
    assert "'region[T.Yukon]'" in note


def test_effects_at_the_means_say_how_stata_takes_an_interaction(womenlf):
    fit = mnlogit.fit("partic ~ hincome * children + region", womenlf, ref="not.work")
    me = fit.marginal_effects(at="mean")
    column = "hincome:children[T.present]"
    present = (womenlf["children"] == "present").to_numpy()
    # the mean of the products, not Stata's product of the means
    product = float(np.mean(womenlf["hincome"] * present))
    assert me.attrs["evaluated_at"][column] == pytest.approx(product, rel=1e-12)
    assert product != pytest.approx(womenlf["hincome"].mean() * present.mean(), rel=1e-3)
    note = me.attrs["note"]
    assert f"interaction columns ({column}) are the means of their products" in note
    assert "Stata's atmeans builds them from the means of their parts" in note
    plain = mnlogit.fit("partic ~ hincome + children", womenlf, ref="not.work")
    assert plain.marginal_effects(at="mean").attrs["note"].endswith("as Stata's atmeans.")


@pytest.fixture(scope="module")
def many_levels():
    rng = np.random.default_rng(5)
    n = 1200
    d = pd.DataFrame({f"f{i}": rng.choice([f"l{j:02d}" for j in range(40)], n) for i in range(4)})
    d["x"] = rng.normal(size=n)
    d["y"] = rng.choice(["a", "b", "c"], n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare levels: what matters here is the grid's size
        return mnlogit.fit("y ~ x + f0 + f1 + f2 + f3", d, ref="a")


def test_a_reference_grid_too_large_to_encode_is_refused_before_it_is_built(many_levels):
    # 40^4 = 2.56 million points: a design of 3 GB for each value of x
    sizes = r"40 \(f0\) x 40 \(f1\) x 40 \(f2\) x 40 \(f3\) = 2,560,000 points"
    with pytest.raises(DataError, match=sizes):
        many_levels.margins(average="grid", at={"x": [0.0]})
    # the same margins over the rows, or with factors set, are computed
    assert many_levels.margins(at={"x": [0.0]}).to_frame().shape == (3, 8)
    m = many_levels.margins(average="grid", at={"x": [0.0], "f2": "l01", "f3": "l02"})
    assert np.isfinite(m.to_frame()["std_error"]).all()


def test_the_grid_limit_is_the_fit_s_own_size(many_levels, monkeypatch):
    from mnlogit.margins import predictive

    monkeypatch.setattr(predictive, "MAX_GRID_CELLS", 1000)
    # 40 x 40 points are more than the fit's 1200 rows and 1000 cells
    with pytest.raises(DataError, match=r"1,600 points.*at most 1,200 are"):
        many_levels.margins(average="grid", at={"x": [0.0], "f2": "l01", "f3": "l02"})
    # 40 points are fewer than the rows: the grid costs no more than the rows' average
    at = {"f1": "l01", "f2": "l01", "f3": "l02"}
    over = many_levels.margins(average="grid", over="f0", at=at)
    assert len(over.to_frame()) == 40 * 3


def test_margins_of_a_firth_fit_say_which_estimates_they_come_from(womenlf):
    formula = "partic ~ hincome + children"
    firth = mnlogit.fit(formula, womenlf, ref="not.work", method="firth")
    said = "Computed from the bias-reduced (Firth) estimates, not maximum-likelihood ones."
    m = firth.margins(over="children")
    assert said in m.notes and said in str(m).replace("\n", " ")
    assert said in m.contrast("children").to_frame().attrs["note"]
    assert said in firth.marginal_effects().attrs["note"]
    assert said in firth.prediction_intervals(womenlf.head(2)).attrs["note"]
    ml = mnlogit.fit(formula, womenlf, ref="not.work")
    assert not any("estimates, not" in n for n in ml.margins(over="children").notes)
    assert "note" not in ml.prediction_intervals(womenlf.head(2)).attrs


class _Unordered(set):
    """A set iterated in a fixed order, as string hashing may order one in any run."""

    def __iter__(self):
        return iter(sorted(set.__iter__(self), reverse=True))  # region before hincome


def test_variables_given_as_a_set_come_in_the_formula_s_order(res):
    me = res.marginal_effects(variables=_Unordered({"region", "children", "hincome"}))
    first = list(dict.fromkeys(me.index.get_level_values("variable")))[:2]
    assert first == ["hincome", "children[T.present]"]
    m = res.margins(kind="effect", variables=_Unordered({"region", "hincome"}))
    assert m.to_frame()["variable"].iloc[0] == "hincome"


def test_more_values_than_can_be_computed_are_refused_before_they_are_listed(res):
    # range(10**12) was copied into a list (a MemoryError), range(10**7) into 10 million
    # checked numbers, before the count of combinations refused them
    for values in (range(10**12), np.arange(20_000.0)):
        with pytest.raises(DataError, match=r"at: 'hincome' has [\d,]+ values; at most 10,000"):
            res.margins(at={"hincome": values})


def test_values_given_as_a_set_are_values_in_order(res):
    # a set was taken for one value: '{5, 10} is not a level', 'expected finite numbers'
    numbers = res.margins(at={"hincome": {30, 5, 10}}).to_frame()
    listed = res.margins(at={"hincome": [5, 10, 30]}).to_frame()
    pd.testing.assert_frame_equal(numbers, listed)
    levels = res.margins(at={"region": {"Quebec", "BC", "Atlantic"}}).to_frame()
    assert list(dict.fromkeys(levels["region"])) == ["Atlantic", "BC", "Quebec"]


@pytest.mark.parametrize(
    ("given", "kind"),
    [({"BC": 1}, "dict"), ((v for v in ["BC"]), "generator"), ({"BC": 1}.keys(), "dict_keys")],
)
def test_other_collections_of_values_are_refused_by_kind(res, given, kind):
    refusal = rf"at: 'region' takes a value or a list of values; got a {kind}"
    with pytest.raises(DataError, match=refusal):
        res.margins(at={"region": given})


@pytest.mark.parametrize(
    ("formula", "column"),
    [
        ("partic ~ np.log(hincome) + children", "np.log(hincome)"),
        ("partic ~ hincome + I(hincome ** 2) + children", "I(hincome ** 2)"),
    ],
)
def test_effects_at_the_means_say_when_a_variable_is_transformed(womenlf, formula, column):
    # the column at its mean, its derivative the rows' mean: for np.log(hincome) the effect
    # is dP/dlog(x) at mean(log x) times mean(1/x), 29% above the slope at exp(mean(log x)),
    # where the note called it "as Stata's atmeans"
    fit = mnlogit.fit(formula, womenlf, ref="not.work")
    note = fit.marginal_effects(at="mean").attrs["note"]
    assert "Stata's atmeans." not in note
    assert f"hincome enters through {column}, at the column mean(s)" in note
    assert "not the slope at any one value of hincome" in note
    for linear in ("center(hincome)", "I(hincome / 10)", "hincome"):
        plain = mnlogit.fit(f"partic ~ {linear} + children", womenlf, ref="not.work")
        assert plain.marginal_effects(at="mean").attrs["note"].endswith("as Stata's atmeans.")


def test_effects_of_a_0_1_number_say_they_are_derivatives(womenlf):
    # the derivative, as Stata's dydx(x) without i. and statsmodels give it: -0.33 for
    # fulltime beside the discrete change of -0.46 that the factor gets, with no word
    data = womenlf.assign(kids=(womenlf["children"] == "present").astype(int))
    said = "Only 0 and 1 in kids, taken as numbers: the effect is the derivative dP/dx"
    fit = mnlogit.fit("partic ~ hincome + kids", data, ref="not.work")
    assert said in fit.marginal_effects().attrs["note"]
    assert said in " ".join(fit.margins(kind="effect", at={"hincome": 10}).notes)
    income = fit.margins(kind="effect", variables="hincome")
    assert not any("Only 0 and 1" in n for n in income.notes)
    factor = mnlogit.fit("partic ~ hincome + C(kids)", data, ref="not.work")
    assert "Only 0 and 1" not in factor.marginal_effects().attrs["note"]
    X = data[["hincome", "kids"]].assign(const=1.0)
    arrays = mnlogit.MNLogit(data["partic"], X, ref="not.work").fit()
    assert "Only 0 and 1 in kids" in arrays.marginal_effects().attrs["note"]


def test_a_contrast_s_reference_written_as_its_label_says_what_to_pass(res):
    # the table shows hincome = 10 (an integer column's value) as 10: ref="10" was refused
    # as not among "10, 20"
    m = res.margins(at={"hincome": [10, 20]})
    with pytest.raises(LevelError, match=r"values are 10, 20 \('10' is text; .* ref=10\)"):
        m.contrast("hincome", "reference", ref="10")
    assert m.contrast("hincome", "reference", ref=10.0).to_frame()["hincome"].iloc[0] == "20 - 10"
    with pytest.raises(LevelError, match=r"'Absent' and the level 'absent'"):
        res.margins(over="children").contrast("children", "reference", ref="Absent")


def test_contrasts_say_how_many_differences_each_family_holds(res):
    # "not adjusted" alone left the reader to count the family an adjustment would use
    m = res.margins(over="region", at={"hincome": [10, 20]})
    (note,) = [n for n in m.contrast("region").notes if "not adjusted" in n]
    assert "10 differences of region for each outcome and set of other values" in note
    assert "multiplies each p-value by 10" in note
    twice = m.contrast("region", "reference").contrast("outcome", "reference").notes
    (note,) = [n for n in twice if "not adjusted" in n]
    # one family of the products, as emmeans' interaction contrasts (margins_emmeans_more.R)
    assert "8 differences (4 of region times 2 between outcomes" in note
    assert "at each set of values" in note
    assert "multiplies each p-value by 8" in note
    single = res.margins(over="children").contrast("children").notes
    assert "p-values are not adjusted for multiple comparisons." in single


def test_a_column_labelled_by_a_number_is_named_by_it(womenlf):
    # a DataFrame's column 0 is the formula's `0`: at={0: ...} was refused as "0 is not a
    # variable of the model; variables are '0', ..."
    data = womenlf.rename(columns={"hincome": 0, "children": 1})
    fit = mnlogit.fit("partic ~ `0` + `1`", data, ref="not.work")
    by_label = fit.margins(at={0: [5, 10]}, over=1).to_frame()
    by_name = fit.margins(at={"0": [5, 10]}, over="1").to_frame()
    pd.testing.assert_frame_equal(by_label, by_name)
    with pytest.raises(DataError, match=r"at: '0' is given twice, as 0 and '0'"):
        fit.margins(at={0: 5, "0": 6})
    assert list(fit.marginal_effects(variables=0).index.unique("variable")) == ["0"]
    assert list(fit.marginal_effects(variables=[1, 0]).index.unique("variable")) == [
        "1[T.present]",
        "0",
    ]
