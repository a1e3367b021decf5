"""A pickled result records the mnlogit version that saved it, and a load by another version
warns: its attributes are that version's, and a method of this one could fail on one it
lacks (an AttributeError naming an internal attribute) or read one otherwise."""

from __future__ import annotations

import copy
import pickle
import warnings

import pytest

import mnlogit


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car")


def _handed_out(res):
    df = mnlogit.datasets.load("travel")
    small = mnlogit.fit("mode ~ np.log(distance)", df, ref="car")
    return [res, res.summary(), res.margins(), mnlogit.compare([res, small])]


def _loaded_with(obj, saved_by):
    """``obj`` restored from its pickled state as another version would have saved it
    (``saved_by`` None: a version that recorded none)."""
    _, args, state = obj.__reduce_ex__(2)[:3]
    state = dict(state)
    if saved_by is None:
        del state["_mnlogit_version"]
    else:
        state["_mnlogit_version"] = saved_by
    again = args[0].__new__(args[0])
    again.__setstate__(state)
    return again


def test_pickles_and_copies_by_this_version_load_without_a_warning(res):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for obj in _handed_out(res):
            for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
                again = pickle.loads(pickle.dumps(obj, protocol=protocol))
                assert "_mnlogit_version" not in again.__dict__  # not an attribute
            copy.copy(obj)
            copy.deepcopy(obj)


@pytest.mark.parametrize("saved_by", ["0.0.9", None])
def test_a_result_saved_by_another_version_warns_naming_both(res, saved_by):
    with pytest.warns(mnlogit.MNLogitWarning) as caught:
        again = _loaded_with(res, saved_by)
    message = str(caught[0].message)
    assert f"loaded by mnlogit {mnlogit.__version__}" in message
    assert ("mnlogit 0.0.9" if saved_by else "did not record it") in message
    assert "Refit it with this version" in message
    assert caught[0].filename == __file__  # points at the line that loaded it
    # the values are restored all the same
    assert again.params.equals(res.params)
