"""On dask, a level that only rows outside a survey fit's subpopulation have was refused after
the fit as unknown ("'high' is not a level of outcome 'perf'", "cannot read 'high:x'"), though
the data hold it, where an in-memory fit's refusal says it lies outside the subpopulation;
the design scan now finds those levels in its pass, and the refusals are the in-memory ones."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import MNLogitError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dd = pytest.importorskip("dask.dataframe")

DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 360
    d = pd.DataFrame(
        {
            "st": np.repeat(["A", "B", "C"], n // 3),
            "psu": np.repeat(np.arange(36), n // 36),
            "w": rng.uniform(1.0, 4.0, n),
            "x": rng.normal(size=n),
            "g": np.tile(["u", "v", "z"], n // 3),
            "k": np.tile([1, 2, 5], n // 3),
        }
    )
    d["y"] = rng.choice(["lo", "mid", "hi"], n)
    return d


def _refusal(call):
    with pytest.raises(MNLogitError) as err:
        call()
    return type(err.value), str(err.value)


@pytest.mark.parametrize(
    ("formula", "subpop", "after"),
    [
        ("y ~ x", "y != 'hi'", lambda r, d: r.with_ref("hi")),
        ("y ~ x", "y != 'hi'", lambda r, d: r.wald_test("hi:x = 0")),
        ("y ~ x + g", "g != 'z'", lambda r, d: r.wald_test("mid:g[T.z] = 0")),
        ("y ~ x + g", "g != 'z'", lambda r, d: r.predict(d[d["g"] == "z"].head(3))),
        # numbers read as a factor by the formula alone
        ("y ~ x + C(k)", "k != 5", lambda r, d: r.wald_test("mid:C(k)[T.5] = 0")),
    ],
)
def test_a_level_only_outside_the_subpopulation_is_refused_on_dask_as_in_memory(
    formula, subpop, after
):
    d = _data()
    in_memory = mnlogit.fit(formula, d, ref="lo", design=DESIGN, subpop=subpop)
    on_dask = mnlogit.fit(
        formula, dd.from_pandas(d, npartitions=4), ref="lo", design=DESIGN, subpop=subpop
    )
    want = _refusal(lambda: after(in_memory, d))
    assert "outside" in want[1]
    assert _refusal(lambda: after(on_dask, d)) == want


def test_levels_inside_the_subpopulation_in_other_partitions_are_not_outside_only():
    # 'z' rows outside the subpopulation in the first partitions, inside it in the last:
    # a level of the fit, not one found only outside
    d = _data()
    d["in"] = (d["g"] != "z") | (np.arange(len(d)) >= 300)
    fit = mnlogit.fit(
        "y ~ x + g", dd.from_pandas(d, npartitions=4), ref="lo", design=DESIGN, subpop="in"
    )
    assert np.isfinite(fit.wald_test("mid:g[T.z] = 0").statistic)
    with pytest.raises(MNLogitError) as err:
        fit.with_ref("none")
    assert "outside" not in str(err.value)


def test_a_column_of_many_values_is_not_gathered_and_claims_nothing():
    from mnlogit._dask_survey import _levels_by_side, _merge_levels, _outside_only

    n = 3000
    frame = pd.DataFrame({"y": np.tile(["a", "b"], n // 2), "code": [f"id{i}" for i in range(n)]})
    sub = np.arange(n) < n // 2
    many = _levels_by_side(frame, ("y", "code"), sub)
    assert dict((c, i) for c, i, _ in many)["code"] is None
    # a partition that gathered it beside one that could not: no level is called outside-only
    few = (("code", ("id1",), ("id2",)),)
    assert _outside_only(_merge_levels(few, many)) == ()
    assert _outside_only(_merge_levels(few)) == (("code", ["id2"]),)
