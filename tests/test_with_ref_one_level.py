"""with_ref and iia_test's ``omit`` take one outcome level, and refuse a list, array or
Series as ``ref=`` does: they quoted its repr whole as "not a level", a Series over two
lines ("with_ref: 0    k1\\ndtype: str is not a level of outcome 'y'"), without saying that
one level was expected."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import LevelError


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"y": rng.choice(["k0", "k1", "k2"], 150), "x": rng.normal(size=150)})
    return mnlogit.fit("y ~ x", df)


SEVERAL = {
    "list": ["k1"],
    "tuple": ("k1",),
    "ndarray": np.array(["k1"]),
    "Series": pd.Series(["k1"]),
    "Index": pd.Index(["k1"]),
}


@pytest.mark.parametrize("kind", list(SEVERAL))
@pytest.mark.parametrize(
    ("option", "call"),
    [("with_ref", lambda r, v: r.with_ref(v)), ("omit", lambda r, v: r.iia_test(v))],
)
def test_a_container_is_refused_as_ref_refuses_it(res, kind, option, call):
    with pytest.raises(LevelError) as info:
        call(res, SEVERAL[kind])
    message = str(info.value)
    assert message.startswith(
        f"{option}: expected one level of outcome 'y' ('k0', 'k1', 'k2'); got a {kind}: "
    )
    assert "\n" not in message


def test_one_level_is_taken(res):
    assert res.with_ref("k1").ref == "k1"
    assert res.with_ref(np.str_("k2")).ref == "k2"
