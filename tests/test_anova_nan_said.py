"""``res.anova()`` with NaN cells says which rows and why when the user's code calls it: the
reason was only in the table's ``attrs["note"]``, and the table printed (``print``, a
notebook's HTML, ``to_string``, a CSV) showed bare NaN. The table stays a DataFrame with its
columns (DESIGN's contract), so the reason comes as an ``InferenceWarning``, as the package's
other accessors give theirs."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning


@pytest.fixture(scope="module")
def separated():
    rng = np.random.default_rng(0)
    x = rng.normal(size=60)
    y = np.where(x > 0.5, "c", np.where(rng.random(60) < 0.5, "a", "b"))
    data = pd.DataFrame({"y": y, "x": x, "z": rng.normal(size=60)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            cov: mnlogit.fit("y ~ x + z", data, cov_type=cov) for cov in ("nonrobust", "robust")
        }


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.mark.parametrize("cov", ["nonrobust", "robust"])
def test_separated_terms_are_named_with_the_reason(separated, cov):
    with pytest.warns(InferenceWarning) as caught:
        table = separated[cov].anova()
    said = [str(w.message) for w in caught if issubclass(w.category, InferenceWarning)]
    assert len(said) == 1
    assert said[0].startswith("anova(): chi2 and pvalue are NaN for 'x', 'z'. Not computed:")
    assert "diverge under separation" in said[0] and "method='firth'" in said[0]
    # the table is as before: a DataFrame of the contract's columns, its note kept
    assert list(table.columns) == ["chi2", "df", "pvalue"]
    assert table[["chi2", "pvalue"]].isna().all().all()
    assert said[0].split("NaN for 'x', 'z'. ")[1] in table.attrs["note"]


def test_a_fit_that_stopped_short(travel):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("mode ~ parking + income", travel, ref="car", max_iter=1)
    with pytest.warns(
        InferenceWarning,
        match=r"NaN for 'parking', 'income'\. Not computed: the fit did not converge",
    ):
        res.anova()


def test_a_survey_term_of_more_restrictions_than_design_df(travel):
    data = travel.assign(psu=np.arange(len(travel)) % 4, pw=1.0)
    res = mnlogit.fit(
        "mode ~ parking + region",
        data,
        ref="car",
        design=mnlogit.SurveyDesign(weights="pw", psu="psu"),
    )
    with pytest.warns(InferenceWarning, match=r"anova\(\): .*NaN for 'region'") as caught:
        table = res.anova()
    assert np.isnan(table.loc["region", "pvalue"]) and np.isfinite(table.loc["parking", "pvalue"])
    assert "'parking'" not in str(caught[0].message).split(". ")[0]


def test_a_table_without_nan_is_silent(travel):
    res = mnlogit.fit("mode ~ parking + income", travel, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        table = res.anova()
    assert table.notna().all().all()


def test_the_module_function_says_it_too(separated):
    from mnlogit.inference import anova

    with pytest.warns(InferenceWarning, match=r"anova\(\): chi2 and pvalue are NaN for 'x', 'z'"):
        assert anova(separated["nonrobust"]).isna().any().any()


def test_refits_compared_at_their_limit_are_not_given_as_the_reason():
    """A restricted refit that is separated is compared at the log-likelihood it approaches,
    so its term's test is computed (and a ConvergenceWarning says so). The warning of the
    NaN cells repeated that sentence after the reason of the NaN row, as if it were one."""
    import refdata

    data = refdata.data("workflow_messy")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ np.log(income) + region * age", data, weights="fw")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = res.anova()
    said = [str(w.message) for w in caught if issubclass(w.category, InferenceWarning)]
    converged = [
        str(w.message) for w in caught if issubclass(w.category, mnlogit.ConvergenceWarning)
    ]
    assert np.isfinite(table.loc["np.log(income)", "chi2"])  # the separated refit's test
    assert len(said) == 1 and "NaN for 'region:age'" in said[0]
    assert "did not converge" not in said[0]
    assert len(converged) == 1 and "separating direction" in converged[0]
    assert "did not converge" in table.attrs["note"]  # the table still says it
