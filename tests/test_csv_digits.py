"""The CSV exports write every number in full, whatever the program's numpy print options."""

import io

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def fits():
    df = mnlogit.datasets.load("travel")
    return (
        mnlogit.fit("mode ~ distance + income", df, ref="car"),
        mnlogit.fit("mode ~ distance", df, ref="car"),
    )


def _exports(fits) -> list[str]:
    res, other = fits
    out = io.StringIO()
    res.to_csv(out)
    return [out.getvalue(), res.summary().as_csv(), mnlogit.compare([res, other]).as_csv()]


def test_csv_exports_keep_every_digit_under_numpys_legacy_printing(fits):
    # under np.set_printoptions(legacy="1.13") pandas wrote 12 significant digits: the
    # bus intercept's estimate 0.01330900175063568 was exported as 0.0133090017506
    want = _exports(fits)
    with np.printoptions(legacy="1.13"):
        got = _exports(fits)
    assert got == want
    res = fits[0]
    back = pd.read_csv(io.StringIO(got[0]))
    np.testing.assert_array_equal(back["estimate"].to_numpy(), res.to_frame()["estimate"])
    np.testing.assert_array_equal(back["std_error"].to_numpy(), res.to_frame()["std_error"])
