"""IIA tests given what a careless or hostile user passes: singular matrices asked to be
solved, and what every test not computed must say."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import IIATestWarning, InferenceWarning


@pytest.fixture(scope="module")
def partly_saturated():
    # rural rows carry no other predictor, so the constant plus the rural dummy is fitted to
    # the rural rows' outcome shares alone: that combination of each equation is the same
    # with or without the omitted outcome, and Var(d) is singular in its direction (rank 6
    # of the 8 compared coefficients)
    df = mnlogit.datasets.load("travel")
    g = (df["region"] == "rural").astype(float)
    data = df.assign(g=g, x=df["parking"] * (1 - g), x2=df["income"] * (1 - g))
    return mnlogit.fit("mode ~ g + x + x2", data, ref="car")


@pytest.mark.parametrize("method", ["hausman", "suest"])
@pytest.mark.parametrize("df", ["rank", "k"])
def test_a_singular_matrix_asked_to_be_solved_is_not_computed_with_a_warning(
    partly_saturated, method, df
):
    # inverse='solve' of a singular V gave a NaN statistic with a note and no warning,
    # where every other test not computed warns (a NaN in a loop of tests said nothing)
    with pytest.warns(IIATestWarning, match=r"singular \(rank 6 of 8\).*inverse='pinv'"):
        test = partly_saturated.iia_test("walk", method=method, inverse="solve", df=df)
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert test.rank == 6
    assert test.note.startswith("Not computed:") and "inverse='pinv'" in test.note
    assert test.details["failed"] in test.note
    # the matrix named is the one the method inverts
    named = "V = V_restricted - V_full" if method == "hausman" else "Var(d)"
    assert named in test.note
    # and the advice, followed, gives the statistic on the rank's degrees of freedom
    with warnings.catch_warnings():
        warnings.simplefilter("error", IIATestWarning)
        followed = partly_saturated.iia_test("walk", method=method, inverse="pinv")
    assert np.isfinite(followed.statistic) and followed.df == 6


def test_a_table_warns_of_each_level_a_solve_cannot_compute(partly_saturated):
    with pytest.warns(IIATestWarning) as caught:
        table = partly_saturated.iia_table(inverse="solve")
    told = [str(w.message) for w in caught if issubclass(w.category, IIATestWarning)]
    assert len(told) == len(table) == 4
    assert table["statistic"].isna().all() and table["pvalue"].isna().all()
    assert table["note"].str.contains("Not computed: V = V_restricted - V_full is singular").all()


@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_omitting_the_reference_beside_a_tie_says_the_tie(method):
    # 'bus' and 'walk' remain equally frequent: the note called 'bus' "the most frequent
    # remaining outcome", which neither is
    df = mnlogit.datasets.load("travel")
    tied = pd.concat(
        [
            df[df["mode"] == "car"],
            df[df["mode"] == "bus"].head(500),
            df[df["mode"] == "walk"].head(500),
        ]
    )
    res = mnlogit.fit("mode ~ parking", tied, ref="car")
    test = res.iia_test("car", method=method)
    assert test.details["ref"] == "bus"  # the first of the tie in level order
    assert "'bus' (as frequent as 'walk'; the first in level order)" in test.note
    # by weighted count: frequency weights that break the tie name no tie
    weighted = mnlogit.fit(
        "mode ~ parking", tied.assign(w=(tied["mode"] == "walk") + 1), ref="car", weights="w"
    )
    test = weighted.iia_test("car", method=method)
    assert test.details["ref"] == "walk" and "as frequent as" not in test.note


@pytest.mark.parametrize("method", ["hausman", "suest", "small-hsiao"])
def test_a_fit_stopped_by_its_max_iter_is_told_to_raise_it(method):
    # "the full model did not converge in 2 iterations" said what stopped the test and
    # not how to go on
    df = mnlogit.datasets.load("travel")
    with pytest.warns(mnlogit.exceptions.ConvergenceWarning):
        short = mnlogit.fit("mode ~ parking + income", df, ref="car", max_iter=2)
    with pytest.warns(
        IIATestWarning, match="did not converge in 2 iterations; refit it with a larger max_iter"
    ):
        test = short.iia_test("walk", method=method, seed=1 if method == "small-hsiao" else None)
    assert np.isnan(test.statistic) and "larger max_iter" in test.note
    followed = mnlogit.fit("mode ~ parking + income", df, ref="car", max_iter=100)
    with warnings.catch_warnings():
        warnings.simplefilter("error", IIATestWarning)
        test = followed.iia_test("walk", method=method, seed=1 if method == "small-hsiao" else None)
    assert np.isfinite(test.statistic)


def test_a_level_given_to_iia_table_points_to_iia_test():
    # iia_table(res, "walk"), written as iia_test(res, "walk") is, was refused as a method
    # not among hausman, suest and small-hsiao, with no word of the test of one level
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ parking", df, ref="car")
    for call in (lambda: res.iia_table("walk"), lambda: mnlogit.iia.iia_table(res, "walk")):
        with pytest.raises(
            mnlogit.exceptions.OptionError, match=r"outcome level.*iia_test\(res, 'walk'\)"
        ):
            call()
    # a method still reads as a method, and what is neither as before
    with pytest.raises(mnlogit.exceptions.OptionError, match="expected one of"):
        res.iia_table("walks")


def test_a_fit_of_sampling_weights_is_told_to_leave_them_out_and_that_fit_runs():
    # "refit without the design" of a fit with weight_type='probability' and no design=:
    # the refit with those weights kept was refused again
    df = mnlogit.datasets.load("travel").assign(pw=lambda d: 1.0 + (d["household"] % 4) / 2)
    res = mnlogit.fit("mode ~ parking", df, ref="car", weights="pw", weight_type="probability")
    with pytest.raises(
        mnlogit.exceptions.OptionError,
        match=r"without the design and its sampling weights, with cov_type='robust'",
    ):
        res.iia_test("walk", method="suest")
    followed = mnlogit.fit("mode ~ parking", df, ref="car", cov_type="robust")
    assert np.isfinite(followed.iia_test("walk", method="suest").pvalue)


def test_a_level_spelt_as_a_float_is_warned_of_as_the_level():
    travel = mnlogit.datasets.load("travel")
    data = travel.assign(m=travel["mode"].map({"car": 0, "bus": 1, "train": 2, "walk": 3}))
    res = mnlogit.fit("m ~ distance + income", data, ref=0)
    with pytest.warns(InferenceWarning) as caught:
        test = res.iia_test(1.0)  # its chi2 is negative: a NaN p-value, warned of
    assert test.omitted == 1
    said = " ".join(str(w.message) for w in caught)
    assert "NaN for 1." in said and "Omitting 1:" in said
    assert "1.0" not in said


@pytest.mark.parametrize("formula", ["mode ~ 1", "mode ~ C(region)"])
def test_small_hsiao_of_a_saturated_design_is_not_computed_as_hausman_is(formula):
    # the restricted fit of half B equals the full model's there identically: SH measured
    # how half A differs from half B (chi2(2) = 3.04 for 'mode ~ 1'), a p-value of nothing
    res = mnlogit.fit(formula, mnlogit.datasets.load("travel"), ref="car")
    for method, options in (("hausman", {}), ("small-hsiao", {"seed": 1})):
        with pytest.warns(IIATestWarning, match="saturated"):
            test = res.iia_test("bus", method=method, **options)
        assert np.isnan(test.statistic) and np.isnan(test.pvalue)
        assert "the design is saturated" in test.note
        # one row of predictors is not counted as "1 distinct rows"
        assert ("its one row of predictors" in test.note) == (formula == "mode ~ 1")
