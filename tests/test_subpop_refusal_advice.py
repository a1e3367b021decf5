"""Refusals whose cause is a survey fit's subpopulation say so: an outcome with one level in
it, a reference or a Treatment baseline that only rows outside it have, and a column constant
in its rows were refused as if the data themselves held no other level or value."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, LevelError, RankError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 400
    d = pd.DataFrame(
        {
            "perf": rng.choice(["low", "mid", "high"], n),
            "meals": rng.normal(50, 10, n),
            "stype": rng.choice(["E", "M", "H"], n, p=[0.5, 0.3, 0.2]),
            "psu": np.repeat(np.arange(40), 10),
            "w": rng.uniform(1, 3, n),
        }
    )
    d["c"] = np.where(d.stype == "H", 1.0, rng.normal(size=n))
    d["z"] = np.where(d.stype == "H", 0.0, rng.normal(size=n))
    return d


DESIGN = mnlogit.SurveyDesign(weights="w", psu="psu")


@pytest.mark.parametrize("engine", ["pandas", "arrays", "dask"])
def test_an_outcome_with_one_level_in_the_subpopulation_names_it_as_the_cause(engine):
    d = _data()
    match = (
        r"outcome 'perf' has 1 level \('low'\) in the subpopulation, .* its other levels "
        r"\('high', 'mid'\) occur only outside the subpopulation.*choose a subpopulation in "
        r"which the outcome takes at least two values"
    )
    with pytest.raises(DataError, match=match):
        if engine == "arrays":
            mnlogit.MNLogit(
                d["perf"],
                d[["meals"]].assign(one=1.0),
                design=mnlogit.SurveyDesign(weights=d["w"], psu=d["psu"]),
                subpop=(d["perf"] == "low").to_numpy(),
            )
        else:
            data = d
            if engine == "dask":
                data = pytest.importorskip("dask.dataframe").from_pandas(d, npartitions=2)
            mnlogit.fit("perf ~ meals", data, design=DESIGN, subpop="perf == 'low'")


def test_an_outcome_with_one_level_in_every_row_is_refused_as_before():
    d = _data().assign(perf="low")
    with pytest.raises(DataError) as err:
        mnlogit.fit("perf ~ meals", d, design=DESIGN, subpop="stype == 'H'")
    assert "outside the subpopulation" not in str(err.value)
    assert "has 1 level ('low'); a multinomial model needs at least two" in str(err.value)


def test_with_ref_of_a_level_only_outside_the_subpopulation_says_so():
    d = _data()
    res = mnlogit.fit("perf ~ meals", d, design=DESIGN, subpop="perf != 'high'")
    with pytest.raises(
        LevelError,
        match=r"'high' is not a level of outcome 'perf'; levels are 'low', 'mid' \('high' is "
        r"the outcome only of rows outside the subpopulation \(perf != 'high'\)",
    ):
        res.with_ref("high")
    with pytest.raises(LevelError) as err:
        res.with_ref("none")
    assert "outside the subpopulation" not in str(err.value)
    assert res.with_ref("mid").ref == "mid"


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_a_treatment_baseline_only_outside_the_subpopulation_says_so(engine):
    d = _data()
    data = d
    if engine == "dask":
        data = pytest.importorskip("dask.dataframe").from_pandas(d, npartitions=2)
    with pytest.raises(
        LevelError,
        match=r"no level of 'stype' in the rows used; its levels are 'E', 'M'; 'H' occurs only "
        r"outside the subpopulation, whose fit cannot be against it: name one of those levels",
    ):
        mnlogit.fit(
            "perf ~ meals + C(stype, Treatment('H'))", data, design=DESIGN, subpop="stype != 'H'"
        )
    # the advice followed fits
    fitted = mnlogit.fit(
        "perf ~ meals + C(stype, Treatment('M'))", d, design=DESIGN, subpop="stype != 'H'"
    )
    assert fitted.converged


@pytest.mark.parametrize("engine", ["pandas", "dask"])
def test_a_column_constant_in_the_subpopulation_is_named_so(engine):
    d = _data().assign(m2=lambda f: 2 * f.meals)
    data = d
    if engine == "dask":
        data = pytest.importorskip("dask.dataframe").from_pandas(d, npartitions=2)
    with pytest.raises(
        RankError,
        match=r"rank deficient in the subpopulation \(stype == 'H'\): column\(s\) 'c' \(always "
        r"1\) are constant in its rows, as the intercept is; .*leave them out of the formula",
    ):
        mnlogit.fit("perf ~ meals + c", data, design=DESIGN, subpop="stype == 'H'")
    with pytest.raises(RankError, match=r"column\(s\) 'z' are 0 in all its rows"):
        mnlogit.fit("perf ~ meals + z", data, design=DESIGN, subpop="stype == 'H'")
    # another column collinear in the data keeps its own words
    with pytest.raises(RankError, match=r"; besides, .*'m2' are linear combinations"):
        mnlogit.fit("perf ~ meals + c + m2", data, design=DESIGN, subpop="stype == 'H'")
    # the fit the advice points to
    assert mnlogit.fit("perf ~ meals", data, design=DESIGN, subpop="stype == 'H'").converged


def test_a_wald_test_of_levels_only_outside_the_subpopulation_says_so():
    # "cannot read 'high:meals'", as if the outcome had no such level
    d = _data()
    res = mnlogit.fit(
        "perf ~ meals + C(stype)", d, design=DESIGN, subpop="stype != 'H' and perf != 'high'"
    )
    with pytest.raises(LevelError, match=r"occur only outside it: outcome 'high' has no equat"):
        res.wald_test("high:meals = 0")
    with pytest.raises(LevelError, match=r"occur only outside it: 'stype' has no coefficient for"):
        res.wald_test(["C(stype)[T.H]"])
    with pytest.raises(LevelError) as err:
        res.wald_test("none:meals = 0")
    assert "outside" not in str(err.value)
    assert res.wald_test("mid:meals = 0").statistic >= 0


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        ("perf == 'LOW'", r"column 'perf' holds no 'LOW' \('LOW' and the level 'low' differ only "),
        ("stype in ['e', 'm']", r"column 'stype' holds no 'e' \('e' and the level 'E' differ"),
    ],
)
def test_a_subpopulation_that_selects_no_rows_says_what_the_column_holds(condition, said):
    # "selects no rows", with nothing of the level written in another case or kind
    d = _data().assign(k=lambda f: np.arange(len(f)) % 4)
    with pytest.raises(DataError, match=r"selects no rows; " + said):
        mnlogit.fit("perf ~ meals", d, design=DESIGN, subpop=condition)
    with pytest.raises(DataError) as err:
        mnlogit.fit("perf ~ meals", d, design=DESIGN, subpop="perf == 'none'")
    assert str(err.value) == "subpop: \"perf == 'none'\" selects no rows"
    # a number column compared with a text no value equals is refused before any row is
    # selected (see tests/test_dask_subpop_text.py)
    with pytest.raises(DataError, match=r"compares column 'k', which holds numbers"):
        mnlogit.fit("perf ~ meals", d, design=DESIGN, subpop="k == '3'")
