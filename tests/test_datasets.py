"""Bundled data: loading, descriptions, and the travel set's generator and true coefficients."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import stats

import mnlogit
from mnlogit.exceptions import DataError, MNLogitError

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("make_travel", ROOT / "data" / "make_travel.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_list_and_load():
    assert mnlogit.datasets.list_datasets() == ["risk", "travel"]
    risk = mnlogit.datasets.load("risk")
    pd.testing.assert_frame_equal(risk, refdata.data("risk"))
    risk.loc[0, "risk"] = "high"  # a fresh frame every time: the next load is unchanged
    assert mnlogit.datasets.load("risk").loc[0, "risk"] == "low"


@pytest.mark.parametrize("name", [None, "Risk", "iris", 3])
def test_unknown_name_lists_the_data_sets(name):
    with pytest.raises(DataError, match=r"is not bundled with mnlogit; available: risk, travel"):
        mnlogit.datasets.load(name)
    with pytest.raises(MNLogitError):
        mnlogit.datasets.describe(name)


@pytest.mark.parametrize("name", ["risk", "travel"])
def test_descriptions_match_the_data(name):
    info = mnlogit.datasets.info(name)
    frame = mnlogit.datasets.load(name)
    assert info["name"] == name and info["rows"] == len(frame)
    assert list(info["columns"]) == list(frame.columns)
    text = mnlogit.datasets.describe(name)
    assert text.startswith(f"{name} ({len(frame)} rows): {info['title']}")
    for column in frame.columns:
        assert f"  {column} " in text
    assert info["example"]["formula"] in text
    info["title"] = "changed"  # info() hands out a copy
    assert mnlogit.datasets.info(name)["title"] != "changed"


def test_risk_example_is_separated():
    info = mnlogit.datasets.info("risk")
    sep = mnlogit.check_separation(
        info["example"]["formula"], mnlogit.datasets.load("risk"), ref=info["example"]["ref"]
    )
    assert sep is not None and sep.kind == "complete"


def test_travel_is_realistic_and_has_a_finite_mle():
    travel = mnlogit.datasets.load("travel")
    info = mnlogit.datasets.info("travel")
    assert 2000 <= len(travel) <= 5000
    assert sorted(travel["mode"].unique()) == ["bus", "car", "train", "walk"]
    shares = travel["mode"].value_counts(normalize=True)
    assert shares.min() > 0.05  # every mode is common enough to estimate
    for column in ("mode", "purpose", "region"):
        assert not pd.api.types.is_numeric_dtype(travel[column])
    assert 0 < travel["income"].isna().mean() < 0.05  # some non-response, as surveys have
    res = mnlogit.fit(info["example"]["formula"], travel, ref=info["example"]["ref"])
    assert res.converged and not res.diverged and res.separation is None
    assert res.n_dropped == int(travel["income"].isna().sum())


def test_travel_fit_recovers_the_true_coefficients():
    travel = mnlogit.datasets.load("travel")
    info = mnlogit.datasets.info("travel")
    res = mnlogit.fit(info["example"]["formula"], travel, ref=info["example"]["ref"])
    true = pd.DataFrame(info["true_coefficients"]).loc[res.params.index, res.params.columns]
    z = (res.params - true) / res.bse
    assert np.abs(z.to_numpy()).max() < 4  # each estimate within 4 standard errors
    d = (res.params - true).to_numpy().T.ravel()  # equation by equation, as cov_params
    wald = float(d @ np.linalg.solve(res.cov_params().to_numpy(), d))
    assert stats.chi2.sf(wald, d.size) > 0.001  # and jointly consistent with them


def test_generator_reproduces_the_bundled_file():
    gen = _generator()
    made = gen.make()
    pd.testing.assert_frame_equal(
        made, mnlogit.datasets.load("travel"), check_dtype=False, rtol=1e-12
    )
    described = gen.description(made)
    assert described == mnlogit.datasets.info("travel")
    assert described["example"]["formula"] == gen.FORMULA
    assert not gen.make(seed=1).equals(made)  # the seed is what fixes the rows
