"""A test shown by a notebook cell (IPython's display, not print) reads as it prints: the
dataclass repr showed ``pvalue=0.0`` for p < 1e-300, where the README promises p-values as
in the summary, ``p = <0.0001``, never ``p = 0``."""

import pytest
from IPython.lib.pretty import pretty

import mnlogit


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit(
        "mode ~ np.log(distance) + parking + income + age + region + purpose", df, ref="car"
    )


def test_a_notebook_shows_a_test_as_it_prints(res):
    test = res.lr_test()
    assert test.pvalue == 0.0  # below the smallest double: the case the display got wrong
    shown = pretty(test)
    assert shown == str(test) and "p = <0.0001" in shown and "pvalue=0.0" not in shown
    assert "pvalue=0.0" in repr(test)  # repr keeps the fields


def test_an_iia_test_too(res):
    test = res.iia_test("walk", method="suest")
    assert pretty(test) == str(test)
