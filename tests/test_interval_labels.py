"""Interval headers and coverage labels name the interval computed, whatever alpha is.

Before, a small alpha was printed with six significant digits: at alpha = 1e-10 the summary and
the margins headed their intervals ``[5e-11  1]``, and compare(se="ci") said "100% Wald
confidence intervals", an interval without bounds, of intervals that have them.
"""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import coverage, quantile_labels


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance) + parking", df, ref="car")


@pytest.mark.parametrize(
    ("alpha", "labels", "percent"),
    [
        (0.05, ("0.025", "0.975"), "95%"),
        (0.1, ("0.05", "0.95"), "90%"),
        (0.14, ("0.07", "0.93"), "86%"),
        (0.5, ("0.25", "0.75"), "50%"),
        (1e-4, ("5e-05", "0.99995"), "99.99%"),
        (1e-10, ("5e-11", "0.99999999995"), "99.99999999%"),
        (1e-300, ("5e-301", "1-5e-301"), "(100-1e-298)%"),
    ],
)
def test_labels_keep_the_tail(alpha, labels, percent):
    assert quantile_labels(alpha) == labels
    assert coverage(alpha) == percent


@pytest.mark.parametrize("alpha", [1e-7, 1e-10, 3e-13, 1e-16, 1e-200])
def test_no_label_reads_as_the_whole_distribution(alpha):
    lo, hi = quantile_labels(alpha)
    assert hi not in {"1", "1.0"} and coverage(alpha) != "100%"
    assert float(lo) == pytest.approx(alpha / 2, rel=1e-5)
    if "-" not in hi:
        assert 1 - float(hi) == pytest.approx(alpha / 2, rel=1e-3)


def test_summary_margins_and_compare_head_small_alpha_intervals(res):
    alpha = 1e-10
    assert res.summary(alpha=alpha).columns[-2:] == ["[5e-11", "0.99999999995]"]
    assert "[5e-11" in str(res.summary(alpha=alpha))
    header = str(res.margins(alpha=alpha)).splitlines()[3]
    assert "0.99999999995]" in header and " 1]" not in header
    notes = mnlogit.compare([res], se="ci", alpha=alpha).notes
    assert "99.99999999% Wald confidence intervals in brackets." in notes
    assert not any("100%" in n for n in notes)


def test_usual_alphas_keep_their_labels(res):
    assert res.summary(alpha=0.05).columns[-2:] == ["[0.025", "0.975]"]
    assert "[0.05    0.95]" in str(res.margins(alpha=0.1))
    assert "90% Wald" in " ".join(mnlogit.compare([res], se="ci", alpha=0.1).notes)


def test_figures_title_small_alpha_intervals(res):
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    fig = res.margins(at={"parking": [0, 5]}, alpha=1e-10).plot()
    assert "99.99999999% pointwise" in fig._suptitle.get_text()
    plt.close(fig)
    fig = res.plot_odds_ratios(alpha=1e-10)
    label = fig.axes[0].get_xlabel()
    assert "99.99999999% Wald interval" in label and "100%" not in label
    plt.close(fig)
    assert np.isfinite(res.conf_int(alpha=1e-10).to_numpy()).all()


def test_tidy_tables_keep_the_level_of_their_intervals(res):
    # lower and upper at 90% were indistinguishable from 95% ones once the table was apart
    # from the summary that headed them
    m = res.margins(at={"parking": [0, 5]}, alpha=0.1)
    tables = [
        res.to_frame(alpha=0.1),
        res.summary(alpha=0.1).to_frame(),
        m.to_frame(),
        m.contrast("parking").to_frame(),
        res.marginal_effects(alpha=0.1),
        mnlogit.compare([res], alpha=0.1).to_frame(),
    ]
    assert [t.attrs["alpha"] for t in tables] == [0.1] * len(tables)
    assert res.to_frame().attrs["alpha"] == 0.05


@pytest.mark.parametrize("alpha", [Fraction(1, 20), Decimal("0.05")])
def test_alpha_as_a_fraction_or_decimal_is_the_number_it_is(res, alpha):
    # Fraction(1, 20) raised a bare TypeError from the headers' format, Decimal('0.05') was
    # "not a number in (0, 0.5]"
    assert res.summary(alpha=alpha).columns[-2:] == ["[0.025", "0.975]"]
    assert "[0.025    0.975]" in str(res.margins(alpha=alpha))
    assert "95% Wald" in " ".join(mnlogit.compare([res], se="ci", alpha=alpha).notes)
    assert res.to_frame(alpha=alpha).attrs["alpha"] == 0.05
    pd.testing.assert_frame_equal(res.conf_int(alpha=alpha), res.conf_int(alpha=0.05))
