"""PSU identifiers that stand in more than one stratum are a PSU in each (R's nest = TRUE,
Stata's svyset), where R's default refuses the design ("Clusters not nested in strata at
top level; you may want nest=TRUE"). An R user whose strata are not the design's (apiclus1,
a one-stage sample of districts, given its school types as strata) got 35 PSUs from 15
districts and 32 design df without a word; the summary now says how the identifiers were
read."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF = Path(__file__).resolve().parent / "reference"


def fit(data, **design):
    return mnlogit.fit("awards ~ meals", data, ref="No", design=mnlogit.SurveyDesign(**design))


def test_identifiers_in_several_strata_are_counted_and_said():
    d = pd.read_csv(REF / "apiclus1.csv")
    crossing = d.groupby("dnum")["stype"].nunique().gt(1).sum()
    res = fit(d, weights="pw", strata="stype", psu="dnum")
    assert res.design.crossed == crossing == 12
    assert res.design.n_psu_total == 35 and res.df_design == 32
    text = " ".join(str(res.summary()).split())
    assert (
        "PSUs are nested in strata: 12 PSU identifiers stand in more than one stratum and "
        "count as a PSU in each (35 PSUs)"
    ) in text
    assert "R's default refuses such a design" in text


def test_identifiers_each_in_one_stratum_or_without_strata_say_nothing():
    d = pd.read_csv(REF / "apiclus1.csv")
    alone = fit(d, weights="pw", psu="dnum")
    own = fit(d.assign(p=d["stype"] + d["dnum"].astype(str)), weights="pw", strata="stype", psu="p")
    for res in (alone, own):
        assert res.design.crossed == 0
        assert "nested in strata" not in str(res.summary())
    np.testing.assert_allclose(
        own.bse.to_numpy(),
        fit(d, weights="pw", strata="stype", psu="dnum").bse.to_numpy(),
        rtol=1e-12,
    )


def test_dask_counts_them_as_memory_does():
    dd = pytest.importorskip("dask.dataframe")
    d = pd.read_csv(REF / "apiclus1.csv")
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
    res = mnlogit.fit("awards ~ meals", dd.from_pandas(d, npartitions=3), ref="No", design=design)
    assert res.design.crossed == 12


def test_one_identifier_in_several_strata_is_said_in_the_singular():
    d = pd.read_csv(REF / "apistrat.csv").assign(one=1)
    res = fit(d, weights="pw", strata="dnum", psu="one", lonely_psu="adjust")
    assert res.design.crossed == 1
    text = " ".join(str(res.summary()).split())
    assert "1 PSU identifier stands in more than one stratum and counts as a PSU in each" in text
