"""Tables of margins, effects and predictions say what they hold once kept apart from the fit.

prediction_intervals() gave a table without attrs: its lower and upper bounds at alpha = 0.1
or on a survey design's t could not be told from 95% model-based z intervals once saved, where
to_frame(), margins and marginal_effects() record their level and covariance. And the
marginal effects of a penalised fit said their standard errors were 'model-based' where its
margins (and compare()) say 'none': it has none.
"""

import warnings

import numpy as np
import pytest
from scipy import special, stats

import mnlogit

FORMULA = "mode ~ np.log(distance) + region"


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust", "cluster", "survey"])
def test_prediction_intervals_record_their_level_and_covariance(travel, cov_type):
    if cov_type == "survey":
        res = mnlogit.fit(FORMULA, travel, ref="car", design=mnlogit.SurveyDesign(psu="household"))
    else:
        groups = "household" if cov_type == "cluster" else None
        res = mnlogit.fit(FORMULA, travel, ref="car", cov_type=cov_type, groups=groups)
    table = res.prediction_intervals(travel.head(3), alpha=0.1)
    margins = res.margins(at={"distance": 3}, alpha=0.1).to_frame()
    assert table.attrs["alpha"] == 0.1
    for key in ("covariance", "statistic", "df"):
        assert table.attrs[key] == margins.attrs[key] == res.to_frame().attrs[key]
    # the bounds are those the attrs describe: logit(P) -+ q se / (P (1 - P))
    q = stats.norm.ppf(0.95) if table.attrs["df"] is None else stats.t.ppf(0.95, res.df_design)
    p, se = table["prob"].to_numpy(), table["std_error"].to_numpy()
    lower = special.expit(special.logit(p) - q * se / (p * (1 - p)))
    np.testing.assert_allclose(table["lower"], lower, rtol=1e-10)
    assert (table.attrs["statistic"] == "t") == (cov_type == "survey")


def test_effects_and_predictions_of_a_penalised_fit_name_no_covariance(travel):
    res = mnlogit.fit(FORMULA, travel, ref="car", penalty="l2", C=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        effects = res.marginal_effects()
        table = res.prediction_intervals(travel.head(2))
        said = res.margins().covariance
    assert said == "none"
    assert effects.attrs["covariance"] == table.attrs["covariance"] == said
    assert effects["std_error"].isna().all() and table["std_error"].isna().all()


def test_contrasts_pair_margins_by_each_other_value_not_by_their_joined_text(travel):
    # the other values of a margin were joined into one text with a control character, so
    # the cells ('a', 'b\x1fc') and ('a\x1fb', 'c') read alike, and the difference of one
    # was taken against the margin of the other (-0.0857 for bus where it is -0.0895)
    rng = np.random.default_rng(1)
    data = travel.assign(
        f=np.where(rng.random(len(travel)) < 0.5, "a\x1fb", "a"),
        g=np.where(rng.random(len(travel)) < 0.5, "c", "b\x1fc"),
    )
    res = mnlogit.fit("mode ~ f + g + age", data, ref="car")
    margins = res.margins(at={"age": [20, 60]}, over=["f", "g"])
    frame = margins.to_frame().set_index(["f", "g", "outcome", "age"])["estimate"]
    expected = frame.xs(20.0, level="age") - frame.xs(60.0, level="age")
    got = margins.contrast("age").to_frame().set_index(["f", "g", "outcome"])["estimate"]
    assert len(got) == len(expected) == 16
    np.testing.assert_allclose(got.loc[expected.index], expected, rtol=1e-12)


def test_pairwise_differences_past_the_largest_margins_table_are_refused_before_listing(travel):
    # a contrast of a contrast pairs its labels again: 150 ages give 11,175 differences, and
    # pairing those 62 million; the Jacobians of margins(over=) of a factor of 1,000 levels
    # took some 24 GB
    res = mnlogit.fit("mode ~ age", travel, ref="car")
    m = res.margins(at={"age": list(range(18, 168))})
    with pytest.raises(mnlogit.exceptions.DataError, match=r"11,175 pairs.*method=\"reference\""):
        m.contrast("age")
    differences = m.contrast("age", "reference")
    assert len(differences.to_frame()) == 149 * 4
    first = m.contrast("age", "reference")
    assert len(first.contrast("age", "reference").to_frame()) == 148 * 4
