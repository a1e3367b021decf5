"""Survey fits at the edges: subpopulation conditions that would run code, a subpopulation
Series in another row order."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

FORMULA = "y ~ x + z"


def survey_data(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "st": rng.choice(["A", "B", "C"], n),
            "psu": rng.integers(1, 6, n),
            "pw": rng.uniform(1, 50, n),
            "age": rng.integers(10, 80, n),
            "female": rng.random(n) < 0.5,
            "home region": rng.choice(["N", "E", "S"], n),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.6 * d["x"], -0.4 * d["z"] + 0.2])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


DESIGN = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")


def flat(frame: pd.DataFrame) -> np.ndarray:
    return frame.to_numpy().ravel()


# --- subpop conditions are read, not run --------------------------------------------------------
@pytest.mark.parametrize(
    "condition",
    [
        "@pd.io.common.os.system('touch {marker}') == 0",
        "x.to_csv('{marker}') == 0",
        "x.values.tofile('{marker}') == 0",
        "x.__class__.__init__.__globals__['os'].system('touch {marker}') == 0",
        "x.pipe(open, 'w') == 0",
        "age > @cutoff",
        "x[0] > 1",
        "(lambda: True)()",
        "x is None",
        "'a' * 10**9 == home",
    ],
)
def test_subpop_conditions_that_would_run_code_are_refused_before_anything_runs(
    condition, tmp_path
):
    marker = tmp_path / "written"
    text = condition.format(marker=marker)
    with pytest.raises(DataError, match="subpop") as err:
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop=text)
    assert not os.path.exists(marker)
    assert "condition may use" in str(err.value) or "not in the data" in str(err.value)


def test_at_variables_are_refused_with_the_way_to_pass_a_mask():
    with pytest.raises(DataError, match="pass one boolean per row"):
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop="age > @cutoff")


@pytest.mark.parametrize(
    ("condition", "mask"),
    [
        ("female", lambda d: d["female"]),
        ("age >= 18", lambda d: d["age"] >= 18),
        ("age >= 18 and female", lambda d: (d["age"] >= 18) & d["female"]),
        ("(age > 30) & ~female", lambda d: (d["age"] > 30) & ~d["female"]),
        ("not female or age < 40", lambda d: ~d["female"] | (d["age"] < 40)),
        ("18 <= age < 65", lambda d: (d["age"] >= 18) & (d["age"] < 65)),
        ("st in ['A', 'B']", lambda d: d["st"].isin(["A", "B"])),
        ("st not in ('A',)", lambda d: ~d["st"].isin(["A"])),
        ("`home region` == 'N'", lambda d: d["home region"] == "N"),
        ("`home region`.isin(['N', 'E'])", lambda d: d["home region"].isin(["N", "E"])),
        ("age.between(20, 50)", lambda d: d["age"].between(20, 50)),
        ("x * 2 - z > -0.5", lambda d: d["x"] * 2 - d["z"] > -0.5),
        ("-age < -30", lambda d: -d["age"] < -30),
        ("x.notna() & (age % 2 == 0)", lambda d: d["x"].notna() & (d["age"] % 2 == 0)),
    ],
)
def test_allowed_conditions_select_the_rows_pandas_selects(condition, mask):
    d = survey_data()
    by_text = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=condition)
    by_mask = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=mask(d).to_numpy())
    assert by_text.nobs == mask(d).sum()
    np.testing.assert_array_equal(flat(by_text.params), flat(by_mask.params))
    np.testing.assert_array_equal(flat(by_text.bse), flat(by_mask.bse))


@pytest.mark.parametrize(
    ("condition", "match"),
    [
        ("agee > 18", "column 'agee' is not in the data; did you mean 'age'"),
        ("1 == 1", "uses no column"),
        ("st > 1", "cannot be evaluated"),
        ("age >", "neither a column nor an expression"),
    ],
)
def test_bad_conditions_say_what_is_wrong(condition, match):
    with pytest.raises(DataError, match=match):
        mnlogit.fit(FORMULA, survey_data(), ref="a", design=DESIGN, subpop=condition)


def test_a_subpop_series_is_matched_by_its_index_not_its_position():
    d = survey_data()
    mask = d["age"] >= 40
    shuffled = mask.sample(frac=1.0, random_state=1)
    assert not shuffled.index.equals(d.index)
    by_index = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=shuffled)
    aligned = mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=mask)
    np.testing.assert_array_equal(flat(by_index.params), flat(aligned.params))
    assert by_index.nobs == mask.sum()
    other = pd.Series(mask.to_numpy(), index=d.index + 10_000)
    with pytest.raises(DataError, match="index does not match"):
        mnlogit.fit(FORMULA, d, ref="a", design=DESIGN, subpop=other)
