"""Margins whose covariates count as sampled (``margins(vce="unconditional")``) after fits
that are not survey fits, as Stata's ``margins, vce(unconditional)`` after ``vce(robust)`` and
``vce(cluster)``: linearised over the rows or the clusters as the fit's covariance is. The
survey package's numbers are in tests/test_survey_unconditional_reference.py."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pandas as pd
import pytest

import mnlogit
import mnlogit._memory
from mnlogit.exceptions import MemoryLimitError

FORMULA = "mode ~ np.log(distance) + income + region"


@pytest.fixture(scope="module")
def travel():
    data = mnlogit.datasets.load("travel").dropna(subset=["income"]).reset_index(drop=True)
    return data.assign(one=1.0, row=np.arange(len(data)), w=1 + np.arange(len(data)) % 3)


def test_cluster_and_robust_fits_linearise_over_their_units(travel):
    # a cluster-robust fit is a design of its clusters as PSUs (G/(G-1) is n_h/(n_h - 1)
    # of one stratum), a robust fit one of rows as PSUs less that factor (HC0)
    options = {"over": "region", "vce": "unconditional"}
    cluster = mnlogit.fit(FORMULA, travel, ref="car", cov_type="cluster", groups="household")
    by_psu = mnlogit.fit(
        FORMULA, travel, ref="car", design=mnlogit.SurveyDesign(weights="one", psu="household")
    )
    a = cluster.margins(**options).to_frame()
    b = by_psu.margins(**options).to_frame()
    np.testing.assert_allclose(a["std_error"], b["std_error"], rtol=1e-8)
    assert not np.allclose(a["std_error"], cluster.margins(over="region").to_frame()["std_error"])
    robust = mnlogit.fit(FORMULA, travel, ref="car", cov_type="robust")
    by_row = mnlogit.fit(
        FORMULA, travel, ref="car", design=mnlogit.SurveyDesign(weights="one", psu="row")
    )
    n = len(travel)
    np.testing.assert_allclose(
        robust.margins(**options).to_frame()["std_error"],
        by_row.margins(**options).to_frame()["std_error"] * np.sqrt((n - 1) / n),
        rtol=1e-8,
    )


@pytest.mark.parametrize(
    ("cov_type", "options"), [("robust", {}), ("cluster", {"groups": "household"})]
)
@pytest.mark.parametrize("margins", [{"over": "region"}, {"kind": "effect"}])
def test_frequency_weights_count_repeated_rows(travel, cov_type, options, margins):
    # a row of frequency weight w is w rows: the same margins and standard errors as the
    # data with each row repeated w times
    repeated = travel.loc[travel.index.repeat(travel["w"])].reset_index(drop=True)
    weighted = mnlogit.fit(FORMULA, travel, ref="car", weights="w", cov_type=cov_type, **options)
    expanded = mnlogit.fit(FORMULA, repeated, ref="car", cov_type=cov_type, **options)
    a = weighted.margins(vce="unconditional", **margins).to_frame()
    b = expanded.margins(vce="unconditional", **margins).to_frame()
    np.testing.assert_allclose(a["estimate"], b["estimate"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(a["std_error"], b["std_error"], rtol=1e-8)
    delta = weighted.margins(**margins).to_frame()
    assert not np.allclose(a["std_error"], delta["std_error"], rtol=1e-3)


@pytest.mark.parametrize("kind", ["prob", "effect"])
def test_nearly_dependent_columns_keep_the_precision_of_a_centred_fit(travel, kind):
    # year and year**2 - 4e6 are nearly dependent (the fit runs on an orthogonal basis of
    # them); the same model on year - 2000 is well conditioned. The margins' bread of the
    # columns as given held the standard errors only to 6e-5 (relative)
    data = travel.assign(year=2000.0 + travel["row"] % 7, years=travel["row"] % 7)
    design = mnlogit.SurveyDesign(psu="household")
    raw = mnlogit.fit("mode ~ year + I(year**2 - 4e6) + region", data, ref="car", design=design)
    centred = mnlogit.fit("mode ~ years + I(years**2) + region", data, ref="car", design=design)
    options = {"over": "region", "kind": kind, "vce": "unconditional"}
    a = raw.margins(**options).to_frame()
    b = centred.margins(**options).to_frame()
    np.testing.assert_allclose(a["std_error"], b["std_error"], rtol=1e-8)


@pytest.mark.parametrize("units", [1e-160, 1e160])
@pytest.mark.parametrize(
    "options",
    [{"cov_type": "robust"}, {"design": mnlogit.SurveyDesign(weights="w", psu="household")}],
)
def test_effects_of_a_column_in_extreme_units_keep_their_standard_errors(travel, units, options):
    # income in units of 1e-160 has effects of 1e160, whose squares pass the largest double
    # (every standard error of the table was NaN); in units of 1e160 effects of 1e-160,
    # whose squares fall below the smallest (standard errors of 0)
    scaled = travel.assign(income=travel["income"] * units)
    plain = mnlogit.fit(FORMULA, travel, ref="car", **options)
    extreme = mnlogit.fit(FORMULA, scaled, ref="car", **options)
    a = plain.margins(kind="effect", vce="unconditional").to_frame()
    b = extreme.margins(kind="effect", vce="unconditional").to_frame()
    per_unit = np.where(b["variable"] == "income", units, 1.0)
    np.testing.assert_allclose(b["std_error"] * per_unit, a["std_error"], rtol=1e-9)
    c = plain.margins(over="region", vce="unconditional").contrast("region").to_frame()
    d = extreme.margins(over="region", vce="unconditional").contrast("region").to_frame()
    np.testing.assert_allclose(d["std_error"], c["std_error"], rtol=1e-9)


def test_margins_too_many_for_the_memory_are_refused(travel, monkeypatch):
    # the values of every margin at every row are held: past the memory available a
    # MemoryLimitError says what to ask for instead, where the system's out-of-memory
    # killer ended the process
    fit = mnlogit.fit(FORMULA, travel, ref="car", cov_type="cluster", groups="household")
    monkeypatch.setattr(mnlogit._memory, "ALWAYS_FITS_BYTES", 0)
    monkeypatch.setattr(mnlogit._memory, "available_memory", lambda: 1 << 16)
    with pytest.raises(MemoryLimitError, match=r"12 margins over \d[\d,]* rows.*vce='delta'"):
        fit.margins(over="region", vce="unconditional")
    assert len(fit.margins(over="region").to_frame()) == 12  # the delta method holds none


@pytest.mark.slow
def test_margins_hold_their_values_at_the_rows_about_twice():
    # the guard above counts two copies of the (rows x margins) values at the peak; the
    # values in their order, their columns sorted and their deviations were four and more
    rng = np.random.default_rng(0)
    n, levels = 20_000, 30
    data = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": np.char.add("g", rng.integers(0, levels, n).astype(str)),
            "y": rng.choice(["a", "b", "c"], n),
            "psu": rng.integers(0, 100, n),
        }
    )
    fit = mnlogit.fit("y ~ x + g", data, ref="a", design=mnlogit.SurveyDesign(psu="psu"))
    fit.margins(over="g", vce="unconditional")  # the fit's cached matrices, computed once
    tracemalloc.start()
    try:
        fit.margins(over="g", vce="unconditional")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3.5 * (8 * n * levels * 3)
