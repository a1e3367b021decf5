"""A factor or outcome with a few cells padded and in another letter case (a sex column coded
"M"/"F" with some cells " f "), as a clinical trial's file holds them: fitted as a third level
with nothing said, its few rows then separated the rare outcome, and the separation message
named no level. Now warned of, in Python and on the command line, with the cleaning that
merges them; letter case alone is still taken as written."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.__main__ import main


def trial(n: int = 400, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "age": rng.uniform(20, 80, n).round(),
            "sex": rng.choice(["M", "F"], n),
            "clinic": rng.integers(1, 9, n).astype(float),
        }
    )
    eta = np.column_stack([np.zeros(n), 0.03 * (d["age"] - 50), 0.4 * (d["sex"] == "F")])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["outcome"] = np.array(["recovered", "improved", "stable"])[
        (p.cumsum(axis=1) > rng.uniform(size=(n, 1))).argmax(axis=1)
    ]
    return d


def padded_sex(d: pd.DataFrame) -> pd.DataFrame:
    d = d.copy()
    d.loc[d.index[(d["sex"] == "F").to_numpy()][:12], "sex"] = " f "
    return d


def test_a_level_padded_and_in_another_letter_case_is_warned_of():
    d = padded_sex(trial())
    with pytest.warns(mnlogit.MNLogitWarning, match=r"factor 'sex': levels ' f ', 'F' differ"):
        res = mnlogit.fit("outcome ~ age + sex", d, ref="recovered")
    said = [str(w.message) for w in res_warnings(d)]
    assert any("white space and letter case" in m for m in said), said
    # the advice given works: cleaned so, the column holds the two sexes meant
    cleaned = d.assign(sex=d["sex"].str.strip().str.upper())
    assert sorted(cleaned["sex"].unique()) == ["F", "M"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        clean = mnlogit.fit("outcome ~ age + sex", cleaned, ref="recovered")
    assert list(clean.params.index) == ["Intercept", "age", "sex[T.M]"]
    # fitted as given: the warning says, it does not merge
    assert "sex[T.M]" in res.params.index and len(res.params.index) == 4


def res_warnings(d: pd.DataFrame) -> list:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mnlogit.fit("outcome ~ age + sex", d, ref="recovered")
    return [w for w in caught if issubclass(w.category, mnlogit.MNLogitWarning)]


def test_the_outcome_padded_and_in_another_letter_case_is_warned_of():
    d = trial()
    d.loc[d.index[:5], "outcome"] = " Stable"
    with pytest.warns(mnlogit.MNLogitWarning, match=r"outcome 'outcome': levels .*' Stable'"):
        mnlogit.fit("outcome ~ age", d, ref="recovered")


def test_letter_case_alone_is_taken_as_written():
    # "True" and "true" may be levels as written; only white space beside it marks a slip
    d = trial()
    d.loc[d.index[::9], "sex"] = "f"
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        mnlogit.fit("outcome ~ age + sex", d, ref="recovered")


def test_the_command_line_says_it_as_a_step_on_the_file(tmp_path, capsys):
    padded_sex(trial()).to_csv(tmp_path / "trial.csv", index=False)
    main(["fit", str(tmp_path / "trial.csv"), "outcome ~ age + sex", "--ref", "recovered"])
    err = capsys.readouterr().err
    assert "levels ' f ', 'F' differ only by white space and letter case" in err, err
    assert "write each level in one letter case" in err and "df[" not in err, err
