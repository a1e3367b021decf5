"""The summary's tidy exports (``as_csv()``, ``to_frame()``) say why their cells are NaN, or
not final, as ``res.to_csv()`` and ``res.to_frame()`` do: the CSV text and the table keep
none of the summary's notes, and an L2 fit's summary gave columns of NaN standard errors,
tests and intervals (a stopped fit's numbers of the point where it stopped) without a word.
The summary's own renderings, which print the notes beside the cells, stay silent."""

import re
import warnings

import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


EXPORTS = {
    "as_csv()": lambda s: s.as_csv(),
    "to_frame()": lambda s: s.to_frame(),
    "frame": lambda s: s.frame,
}


@pytest.mark.parametrize("export", EXPORTS)
def test_a_penalised_fits_summary_export_says_why_it_is_nan(travel, export):
    res = mnlogit.fit("mode ~ np.log(distance)", travel, ref="car", penalty="l2")
    summary = res.summary()
    with pytest.warns(InferenceWarning, match=rf"summary\(\)\.{re.escape(export)}: std_error, z, "):
        EXPORTS[export](summary)


def test_a_stopped_fits_summary_csv_says_it_is_not_final(travel):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("mode ~ np.log(distance) + region", travel, ref="car", max_iter=1)
    with pytest.warns(InferenceWarning, match="not final"):
        res.summary().as_csv()


def test_the_summarys_renderings_and_a_final_fits_exports_are_silent(travel):
    penalised = mnlogit.fit("mode ~ np.log(distance)", travel, ref="car", penalty="l2")
    final = mnlogit.fit("mode ~ np.log(distance)", travel, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = penalised.summary()
        summary.as_text(), summary.as_markdown(), summary.as_latex(), summary._repr_html_()
        final.summary().as_csv(), final.summary().to_frame()
