"""``alpha`` is an error rate in (0, 0.5]; test results print p-values as the summary does.

Before, ``conf_int(alpha=0.95)`` returned 5% intervals without a word (a confidence level
passed where the error rate was meant), and tests printed ``p = 0`` or ``p = 3.457e-05``
where the summary shows ``<0.0001``.
"""

import re

import numpy as np
import pytest

import mnlogit
from mnlogit.__main__ import main
from mnlogit.exceptions import DataError

MESSAGE = "alpha is the error rate: alpha=0.05 gives 95% intervals"


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car")


@pytest.mark.parametrize("alpha", [0.95, 0.5000001, 1, 0, -0.05, float("nan"), True, "0.05", None])
@pytest.mark.parametrize(
    "call",
    ["conf_int", "odds_ratios", "to_frame", "summary"],
)
def test_alpha_outside_0_to_half_is_refused_with_the_rule(res, call, alpha):
    with pytest.raises(DataError) as info:
        getattr(res, call)(alpha=alpha)
    text = str(info.value)
    assert MESSAGE in text and "(0, 0.5]" in text and repr(alpha) in text


@pytest.mark.parametrize("alpha", [0.5, 0.05, 1e-6, np.float64(0.1), np.float32(0.1)])
def test_alpha_in_range_is_accepted(res, alpha):
    ci = res.conf_int(alpha=alpha)
    assert (ci["lower"] <= ci["upper"]).all()


def test_alpha_half_gives_the_quartile_interval(res):
    ci = res.conf_int(alpha=0.5)
    est = res.to_frame()["estimate"]
    half = (ci["upper"] - ci["lower"]) / 2
    np.testing.assert_allclose(half, 0.6744897501960817 * res.to_frame()["std_error"])
    np.testing.assert_allclose((ci["upper"] + ci["lower"]) / 2, est)


def test_command_line_refuses_a_confidence_level_as_alpha(capsys):
    assert main(["fit", "--dataset", "risk", "risk ~ age", "--alpha", "0.95"]) == 2
    err = capsys.readouterr().err
    # in the command line's words: the option, not Python's keyword
    assert "got 0.95. It is the error rate: --alpha 0.05 gives 95% intervals" in err
    assert "alpha=" not in err


def test_test_results_print_tiny_p_values_as_the_summary_does(res):
    strong = res.wald_test("np.log(distance)")
    assert strong.pvalue < 1e-5
    text = str(strong)
    assert "p = <0.0001" in text and "e-" not in text.splitlines()[0]
    lr = res.lr_test()
    assert lr.pvalue == 0.0 or lr.pvalue < 1e-5  # underflows to 0 on this many rows
    assert "p = <0.0001" in str(lr) and "p = 0\n" not in str(lr) + "\n"
    weak = res.wald_test("bus:income = train:income")
    assert f"p = {weak.pvalue:.4f}" in str(weak)


def test_iia_results_print_p_values_as_the_summary_does(res):
    text = str(res.iia_test("walk", method="suest"))
    assert re.search(
        r"(p = (<0\.0001|\d\.\d{4})|no p-value \(see the note\))$", text.splitlines()[1]
    )
