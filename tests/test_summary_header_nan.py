"""A header statistic the fit does not support (the LR chi2 of a fit that stopped short, the
p-value of a model without slopes, the adjusted Wald F of a survey fit that stopped short) is
``--``, as a coefficient's is, in every rendering: the header wrote it ``nan`` beside a
coefficient table that writes ``--`` (the notes say why either way)."""

import re
import warnings

import numpy as np
import pytest

import mnlogit

NAN = re.compile(r"\bnan\b")  # the notes may say NaN in words


def _fits():
    travel = mnlogit.datasets.load("travel")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stopped = mnlogit.fit("mode ~ parking + income", travel, ref="car", max_iter=1)
        slopeless = mnlogit.fit("mode ~ 1", travel, ref="car")
        weighted = travel.assign(w=1.0 + travel["age"] % 3)
        survey = mnlogit.fit(
            "mode ~ parking + income", weighted, weights="w", weight_type="probability", max_iter=1
        )
    return {
        "stopped": (stopped, "LR chi2(6)", "Prob > chi2"),
        "no slopes": (slopeless, None, "Prob > chi2"),
        "survey stopped": (survey, "F(6, 3046)", "Prob > F"),
    }


FITS = _fits()


@pytest.mark.parametrize("name", list(FITS))
def test_a_header_statistic_not_computed_is_shown_as_a_coefficient_cell_is(name):
    res, statistic, pvalue = FITS[name]
    s = res.summary()
    header = dict(s.header)
    assert header[pvalue] == "--"
    if statistic is not None:
        assert header[statistic] == "--"
    for rendering in (s.as_text(), s.as_markdown(), s.as_latex(), s._repr_html_()):
        assert not NAN.search(rendering), NAN.search(rendering)
    assert s.notes or s.warnings  # which say why


def test_computed_statistics_are_unchanged():
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    header = dict(res.summary().header)
    assert header["LR chi2(3)"] == f"{res.lr_test().statistic:.4f}"
    assert np.isfinite(res.lr_test().pvalue) and header["Prob > chi2"] == "<0.0001"
