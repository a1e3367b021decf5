"""Every pickle protocol restores what a fit handed out: protocols 0 and 1 refuse objects of
classes with ``__slots__`` and no ``__getstate__``, which formulaic's terms and factors are,
and a result keeps its formula's ModelSpec."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.sklearn import MNLogitClassifier

PROTOCOLS = list(range(pickle.HIGHEST_PROTOCOL + 1))


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 300
    return pd.DataFrame(
        {
            "x": rng.standard_normal(n),
            "g": rng.choice(["a", "b"], n),
            "y": rng.choice(["p", "q", "r"], n),
        }
    )


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_formula_fit_and_what_it_hands_out_round_trip_with_every_protocol(frame, protocol):
    # protocols 0 and 1 gave TypeError: a class that defines __slots__ without defining
    # __getstate__ cannot be pickled
    res = mnlogit.fit("y ~ x + g", frame, ref="q")
    again = pickle.loads(pickle.dumps(res, protocol=protocol))
    assert str(again.summary()) == str(res.summary())
    pd.testing.assert_frame_equal(again.to_frame(), res.to_frame())
    pd.testing.assert_frame_equal(again.predict(frame.head()), res.predict(frame.head()))
    for shown in (res.summary(), mnlogit.compare([res]), res.iia_test("p")):
        assert str(pickle.loads(pickle.dumps(shown, protocol=protocol))) == str(shown)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_fit_of_arrays_keeps_its_weights_a_read_only_view_with_every_protocol(frame, protocol):
    res = mnlogit.MNLogit(frame["y"], frame[["x"]]).fit()
    again = pickle.loads(pickle.dumps(res, protocol=protocol))
    w = again._data.w
    assert not w.flags.writeable
    assert not any(w.strides)  # still one value repeated, not a row each
    pd.testing.assert_frame_equal(again.bse, res.bse)


@pytest.mark.parametrize("protocol", [0, 1])
def test_a_classifier_given_a_formula_round_trips_with_the_old_protocols(frame, protocol):
    clf = MNLogitClassifier(formula="x + g").fit(frame[["x", "g"]], frame["y"])
    again = pickle.loads(pickle.dumps(clf, protocol=protocol))
    np.testing.assert_array_equal(again.predict_proba(frame), clf.predict_proba(frame))
