"""Terms that read an integer column as integers: its text and its bits.

An integer column that Python code in a formula reads is read as float64, so that I(k**2)
cannot wrap around; but k.astype('str') of it then gave '3.0', so that
I(k.astype('str') == '3') was refused as 0 on every row (and I(k.astype('str')) had levels
'1.0', '2.0'), and I(k & 1) failed in pandas. margins(at={"k": 3}) set such a column to
3.0, which C(k.astype('str')) refused as a level not seen, and whose text term would have
been False. Reference: nnet::multinom with as.character(k) == "3" and bitwAnd(k, 1)
(tests/reference/make_integer_reads.R).
"""

import json
import pathlib

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF = pathlib.Path(__file__).parent / "reference"


@pytest.fixture(scope="module")
def data():
    df = pd.read_csv(REF / "womenlf.csv")
    df["k"] = np.arange(len(df), dtype=np.int64) % 4
    return df


@pytest.fixture(scope="module")
def nnet():
    return json.loads((REF / "integer_reads.json").read_text())


@pytest.fixture(scope="module")
def res(data, nnet):
    return mnlogit.fit(nnet["formula"], data, ref=nnet["ref"])


def test_text_and_bits_of_an_integer_column_agree_with_nnet(res, nnet):
    assert list(res.params.columns) == nnet["outcomes"]
    # nnet's BFGS to reltol 1e-16; its Hessian is its own, hence the looser standard errors
    np.testing.assert_allclose(res.params.to_numpy(), nnet["params"], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(res.bse.to_numpy(), nnet["bse"], rtol=1e-4)
    assert res.llf == pytest.approx(nnet["loglik"], abs=1e-8)


def test_margins_at_whole_values_keep_the_integers(res, nnet):
    table = res.margins(at={"k": [1, 3]}).to_frame()
    for value, key in ((1, "margins_k1"), (3, "margins_k3")):
        rows = table[table["k"] == value].set_index("outcome")["estimate"]
        np.testing.assert_allclose(rows[nnet["levels"]].to_numpy(), nnet[key], atol=1e-7)


def test_levels_are_the_integers_text(data):
    res = mnlogit.fit("partic ~ I(k.astype('str')) + hincome", data, ref="not.work")
    assert "I(k.astype('str'))[T.3]" in res.params.index
    # a C() of the text, given whole numbers by margins, reads them as the fitted integers
    cres = mnlogit.fit("partic ~ C(k.astype('str')) + hincome", data, ref="not.work")
    grid = cres.margins(at={"k": [1, 3]}).to_frame()
    plain = mnlogit.fit("partic ~ C(k) + hincome", data, ref="not.work")
    np.testing.assert_allclose(
        grid["estimate"], plain.margins(at={"k": [1, 3]}).to_frame()["estimate"], rtol=1e-9
    )
