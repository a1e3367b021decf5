"""Predictions, margins and their figures answer R's, Stata's, statsmodels' and emmeans'
names for their options with what to write: ``res.predict(new, type="probs")`` (R's
predict.multinom), ``exog=`` and ``which=`` (statsmodels), ``res.margins(dydx=...)``,
``atmeans=`` and ``level=`` (Stata), ``specs=`` and ``contrast(adjust=...)`` (emmeans),
``m.plot(title=...)`` ended in Python's bare ``TypeError: ... got an unexpected keyword
argument`` (the figure's naming an inner function, plot_margins()), as summary() and
conf_int() no longer do.
"""

import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, OptionError


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    return mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")


@pytest.mark.parametrize(
    ("method", "kwargs", "said"),
    [
        ("predict", {"type": "probs"}, "kind=: 'prob' (R's type 'probs')"),
        ("predict", {"which": "mean"}, "kind="),
        ("predict", {"exog": None}, "newdata="),
        ("predict", {"se_fit": True}, "res.prediction_intervals(newdata)"),
        ("predict", {"level": 0.9}, "alpha="),
        ("predict", {"new_data": None}, "did you mean newdata=?"),
        ("prediction_intervals", {"level": 0.9}, "alpha=, the error rate"),
        ("margins", {"dydx": "distance"}, "kind='effect', of variables=[...]"),
        ("margins", {"atmeans": True}, "marginal_effects(at='mean')"),
        ("margins", {"level": 0.9}, "alpha="),
        ("margins", {"specs": "region"}, "over="),
        # margins take vce= (delta or unconditional); marginal_effects are told where
        ("marginal_effects", {"vce": "unconditional"}, "vce='unconditional'"),
        ("margins", {"overr": "region"}, "did you mean over=?"),
        # emmeans' nuisance= and cov.reduce, Stata's asobserved: answered with only the
        # options margins take
        ("margins", {"nuisance": ["region"]}, "average='rows' keeps the variables not set"),
        ("margins", {"asobserved": True}, "average='rows', the default"),
        ("margins", {"cov_reduce": "median"}, "at their (weighted) means; other values are at="),
        ("margins", {"adjust": "tukey"}, "m.contrast(...), whose note gives the factor"),
        ("margins", {"weights": "proportional"}, "factors alone, emmeans' weights 'proportional'"),
        ("marginal_effects", {"method": "dydx"}, "dP/dx"),
        ("marginal_effects", {"dummy": True}, "C(x)"),
        ("marginal_effects", {"atexog": {}}, "res.margins(at={...}, kind='effect')"),
        ("marginal_effects", {"dydx": "distance"}, "variables=[...]"),
        # Stata's margins, subpop(): the rows averaged are the fit's, a domain's by subpop=
        ("margins", {"subpop": "income > 50"}, "a domain is the model's, mnlogit.fit(..., subpop="),
        ("marginal_effects", {"subpop": "income > 50"}, "average over the rows of the fit"),
        # Stata's elasticities and emmeans' regrid and counterfactuals
        ("margins", {"eyex": "distance"}, "elasticities (Stata's eyex(), dyex() and eydx()) are"),
        ("marginal_effects", {"dyex": "distance"}, "are not offered; the effects dP/dx are"),
        ("margins", {"regrid": "response"}, "margins are probabilities already"),
        ("margins", {"counterfactuals": "region"}, "average='rows', the default, predicts"),
    ],
)
def test_other_packages_option_names_are_answered_with_what_to_write(res, method, kwargs, said):
    with pytest.raises(InputTypeError, match="unexpected keyword argument") as caught:
        getattr(res, method)(**kwargs)
    assert said in str(caught.value)
    assert isinstance(caught.value, TypeError)  # code that caught Python's error still does


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"adjust": "bonferroni"}, "not adjusted"),
        ({"level": 0.9}, "res.margins(..., alpha=...)"),
        ({"reverse": True}, "negate the estimates and swap lower and upper"),
        ({"interaction": "pairwise"}, "m.contrast('f').contrast('g')"),
    ],
)
def test_a_contrast_answers_emmeans_options(res, kwargs, said):
    m = res.margins(over="region")
    with pytest.raises(InputTypeError, match=r"Margins\.contrast\(\) got") as caught:
        m.contrast("region", **kwargs)
    assert said in str(caught.value)


@pytest.mark.parametrize(
    ("method", "option", "value", "said"),
    [
        ("margins", "kind", "dydx", 'take kind="effect" (dP/dx of a numeric variable'),
        ("margins", "kind", "eyex", "elasticities (Stata's eyex(), dyex() and eydx()) are not"),
        ("margins", "kind", "pr", 'take kind="prob"'),
        ("margins", "kind", "response", "regrid 'response'"),
        ("margins", "kind", "xb", 'res.predict(newdata, kind="link")'),
        ("margins", "average", "atmeans", "res.marginal_effects(at='mean')"),
        ("margins", "average", "equal", 'take average="grid"'),
        ("margins", "average", "asobserved", 'take average="rows", the default'),
        ("margins", "average", "proportional", "emmeans' weights 'proportional'"),
        ("marginal_effects", "at", "means", "take at='mean'"),
        ("marginal_effects", "at", "average", "take at='overall'"),
        ("marginal_effects", "at", "median", "res.margins(at={'x': ...}, kind='effect')"),
        ("marginal_effects", "at", "zero", "0, statsmodels' at='zero'"),
        ("marginal_effects", "at", "all", "each row's own effects (statsmodels' at='all')"),
    ],
)
def test_other_packages_values_of_an_option_are_answered(res, method, option, value, said):
    # Stata's kind names (dydx, eyex), emmeans' weights and statsmodels' at= were refused
    # with the values allowed alone, and nothing of what gives them or that they are not offered
    with pytest.raises(OptionError, match=f"{option}: expected one of") as caught:
        getattr(res, method)(**{option: value})
    assert repr(value) in str(caught.value) and said in str(caught.value)


def test_values_no_program_names_are_refused_as_before(res):
    with pytest.raises(OptionError, match=r"kind: expected one of \('prob', 'effect'\); got 'x'$"):
        res.margins(kind="x")


def test_the_margins_table_says_where_its_level_is_set(res):
    # res.to_frame(alpha=0.1) exists, and to_frame(alpha=0.1) of margins was Python's TypeError
    with pytest.raises(InputTypeError, match=r"res\.margins\(\.\.\., alpha=\.\.\.\)"):
        res.margins(over="region").to_frame(alpha=0.1)


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"title": "x"}, "fig.suptitle(...)"),
        ({"xdimension": "region"}, "x="),
        ({"level": 90}, "res.margins(..., alpha=...)"),
        ({"outcome": "bus"}, "did you mean outcomes=?"),
    ],
)
def test_a_figure_answers_marginsplot_and_matplotlib_options(res, kwargs, said):
    # they reached plot_margins(**kwargs): "plot_margins() got an unexpected keyword argument"
    pytest.importorskip("matplotlib")
    m = res.margins(over="region")
    with pytest.raises(InputTypeError, match=r"Margins\.plot\(\) got") as caught:
        m.plot(**kwargs)
    assert said in str(caught.value)


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "said"),
    [
        ("plot_probabilities", ("distance",), {"level": 0.9}, "alpha="),
        ("plot_probabilities", ("distance",), {"npoints": 5}, "did you mean n_points=?"),
        ("plot_odds_ratios", (), {"level": 0.9}, "alpha="),
        ("plot_odds_ratios", (), {"title": "RRR"}, "fig.suptitle(...)"),
        ("plot_decision_regions", ("distance", "distance"), {"xlabel": "km"}, "set_xlabel"),
    ],
)
def test_the_results_figures_answer_other_names_for_their_options(res, method, args, kwargs, said):
    pytest.importorskip("matplotlib")
    with pytest.raises(InputTypeError, match=f"{method}\\(\\) got an unexpected") as caught:
        getattr(res, method)(*args, **kwargs)
    assert said in str(caught.value)


def test_variables_are_named_in_a_series_or_a_dict_s_keys_and_near_names_are_pointed_to(res):
    # a Series of names (df.columns.to_series()) or at.keys() was refused as not a list,
    # the Series shown over several lines; 'Distance' and a factor's column said nothing more
    want = res.marginal_effects(variables=["distance"])
    for given in (pd.Series(["distance"]), {"distance": 2}.keys()):
        pd.testing.assert_frame_equal(res.marginal_effects(variables=given), want)
        m = res.margins(kind="effect", variables=given).to_frame()
        assert m["variable"].unique().tolist() == ["distance"]
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="did you mean 'distance'"):
        res.marginal_effects(variables="Distance")
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="of the factor 'region'"):
        res.marginal_effects(variables=["region[T.urban]"])


def test_a_variable_set_in_other_letter_case_or_by_its_column_is_pointed_to(res):
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="did you mean 'region'"):
        res.margins(over="Region")
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="did you mean 'distance'"):
        res.margins(at={"Distance": 5})
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="of the factor 'region'"):
        res.margins(at={"region[T.urban]": 1})
    m = res.margins(over="region")
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="did you mean 'region'"):
        m.contrast("Region")
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match="did you mean 'outcome'"):
        m.contrast("Outcome")
