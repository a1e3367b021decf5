"""An lme4 random-effect term, a first session's R habit, is refused saying what mnlogit fits
instead: formulaic's parser answered ``(1|household)`` with "Operator `|` is incorrectly
used", naming neither the term nor what to write."""

import pytest

import mnlogit


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


@pytest.mark.parametrize(
    "term, groups",
    [
        ("(1|household)", "household"),
        ("(1 | household)", "household"),
        ("(1 + distance | region)", "region"),
        ("(0 + distance || region)", "region"),
    ],
)
def test_a_random_effect_is_answered_with_cluster_robust_errors(travel, term, groups):
    with pytest.raises(mnlogit.exceptions.FormulaError) as refused:
        mnlogit.fit(f"mode ~ distance + {term}", travel, ref="car")
    message = str(refused.value)
    assert "lme4's random effect" in message and term in message
    assert f"cov_type='cluster', groups='{groups}'" in message


def test_python_or_inside_a_call_is_not_taken_for_one(travel):
    res = mnlogit.fit("mode ~ I((distance > 5) | (age > 50))", travel, ref="car")
    assert res.converged and "I((distance > 5) | (age > 50))" in res.params.index


@pytest.mark.parametrize("term", ["(1|household)", "cluster(household)"])
def test_the_command_line_says_its_own_options(capsys, term):
    # it answered with cov_type='cluster', groups=..., options of mnlogit.fit in Python
    from mnlogit.__main__ import main

    assert main(["fit", "--dataset", "travel", f"mode ~ income + {term}", "--ref", "car"]) == 2
    err = capsys.readouterr().err
    assert "--cov cluster --groups" in err and "cov_type=" not in err, err
