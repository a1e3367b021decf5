"""The advice a separated fit gives (refit with method='firth') is one the fit can follow.

Firth's fit of separated data refuses a sandwich covariance (robust, cluster-robust or a
survey design's): its estimates exist only through the penalty, whose scores the sandwich
ignores. A separated robust or cluster-robust fit must therefore name the model-based
covariance beside method='firth', and a survey fit, which has no other covariance, must not
advise Firth at all.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def separated() -> pd.DataFrame:
    rng = np.random.default_rng(59)
    x = rng.normal(size=80)
    y = np.where(x > 0.3, "hi", np.where(x < -0.3, "lo", "mid"))
    return pd.DataFrame(
        {"y": y, "x": x, "z": rng.normal(size=80), "g": np.arange(80) % 8, "pw": 1.0 + x**2}
    )


SANDWICH = {
    "robust": {"cov_type": "robust"},
    "cluster": {"cov_type": "cluster", "groups": "g"},
}
SURVEY = {
    "probability": {"weights": "pw", "weight_type": "probability"},
    "design": {"design": mnlogit.SurveyDesign(weights="pw", psu="g")},
}


def _fit(df: pd.DataFrame, **options: object) -> tuple[mnlogit.MNLogitResults, str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x + z", df, **options)
    (said,) = [str(w.message) for w in caught if w.category is mnlogit.SeparationWarning]
    return res, said


def _advice(res: mnlogit.MNLogitResults, said: str) -> dict[str, str]:
    """Every place a separated fit says what to do instead."""
    new = pd.DataFrame({"x": [2.0], "z": [0.0], "g": [0], "pw": [1.0]})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res.predict(new)
    (predicted,) = [str(w.message) for w in caught if w.category is mnlogit.SeparationWarning]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {
            "predict": predicted,
            "warning": said,
            "separation": res.separation.message,
            "summary": " ".join(str(res.summary()).split()),
            "test": res.wald_test_slopes().note,
            "effects": res.marginal_effects().attrs["note"],
            "margins": " ".join(res.margins().notes),
            "intervals": res.prediction_intervals().attrs["note"],
            "compare": " ".join(mnlogit.compare([res]).notes),
        }


FIRTH = re.compile(r"""(?:Use|Refit with|refit with) method=["']firth["']""")


@pytest.mark.parametrize("kind", sorted(SANDWICH))
def test_a_separated_sandwich_fit_advises_firth_with_the_model_based_covariance(
    separated: pd.DataFrame, kind: str
) -> None:
    res, said = _fit(separated, **SANDWICH[kind])
    for where, text in _advice(res, said).items():
        assert FIRTH.search(text), where
        assert re.search(r"""cov_type=["']nonrobust["']""", text), (where, text)
    # as advised, the fit runs; as before, it refuses the sandwich
    firth = mnlogit.fit("y ~ x + z", separated, method="firth", cov_type="nonrobust")
    assert np.isfinite(firth.bse.to_numpy()).all()
    with pytest.raises(mnlogit.MNLogitError, match="cov_type='nonrobust'"):
        mnlogit.fit("y ~ x + z", separated, method="firth", **SANDWICH[kind])


@pytest.mark.parametrize("kind", sorted(SURVEY))
def test_a_separated_survey_fit_does_not_advise_a_firth_fit_it_refuses(
    separated: pd.DataFrame, kind: str
) -> None:
    res, said = _fit(separated, **SURVEY[kind])
    for where, text in _advice(res, said).items():
        assert not FIRTH.search(text), (where, text)
        assert "merge or drop the levels or columns that separate the outcomes" in text, where
    with pytest.raises(mnlogit.MNLogitError, match="merge or drop the levels or columns"):
        mnlogit.fit("y ~ x + z", separated, method="firth", **SURVEY[kind])


def test_a_separated_model_based_fit_advises_firth_as_before(separated: pd.DataFrame) -> None:
    res, said = _fit(separated)
    for where, text in _advice(res, said).items():
        assert FIRTH.search(text), where
        assert "nonrobust" not in text, where
    assert said.endswith("Use method='firth' for finite bias-reduced estimates.")


def test_the_command_line_says_the_advice_with_its_own_options(separated: pd.DataFrame) -> None:
    from mnlogit._cli_show import option_spelling, table_text
    from mnlogit.report.cli import compare_note, export_note

    res, _ = _fit(separated, cov_type="robust")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        said = {
            "summary": option_spelling(res.summary()),
            "compare": table_text(mnlogit.compare([res])),
            "rerun": compare_note([res], ["r"]),
            "export": export_note(res, csv=True),
        }
    for where, text in said.items():
        flat = " ".join(text.split())
        assert "--method firth and --cov nonrobust" in flat, (where, text)
        assert "cov_type=" not in flat and "method=" not in flat, (where, text)


@pytest.mark.parametrize(
    ("options", "firth"),
    [
        ({}, "or use method='firth'."),
        (SANDWICH["robust"], "or use method='firth' and cov_type='nonrobust'."),
        (SURVEY["probability"], "Merge them with another level or drop their rows."),
    ],
)
def test_a_rare_level_warning_advises_what_the_fit_takes(
    separated: pd.DataFrame, options: dict, firth: str
) -> None:
    rare = separated.copy()
    rare.loc[[0, 1], "y"] = "rare"
    with pytest.warns(mnlogit.RareLevelWarning) as caught:
        mnlogit.fit("y ~ x + z", rare, **options)
    (said,) = [str(w.message) for w in caught if w.category is mnlogit.RareLevelWarning]
    assert said.endswith(firth), said


def test_the_command_line_says_a_rare_level_s_advice_with_its_options(
    separated: pd.DataFrame,
) -> None:
    from mnlogit._cli_advice import for_the_command_line

    rare = separated.copy()
    rare.loc[[0, 1], "y"] = "rare"
    with pytest.warns(mnlogit.RareLevelWarning) as caught:
        mnlogit.fit("y ~ x + z", rare, cov_type="robust")
    (said,) = [str(w.message) for w in caught if w.category is mnlogit.RareLevelWarning]
    assert for_the_command_line(said).endswith("or use --method firth and --cov nonrobust.")


def test_a_separation_by_a_factor_of_many_levels_names_ten_of_its_columns_and_counts_them():
    # the warning named all 47 diverging columns, in the finding and again in the advice
    rng = np.random.default_rng(1)
    n = 90
    df = pd.DataFrame(
        {
            "y": rng.choice(list("abc"), n),
            "g": rng.integers(0, 60, n).astype(str),
            "x": rng.normal(size=n),
        }
    )
    with pytest.warns(mnlogit.SeparationWarning) as caught:
        res = mnlogit.fit("y ~ C(g) + x", df)
    said = str(caught[0].message)
    n_diverging = int(res.diverging.any(axis=1).sum())
    assert n_diverging > 12
    assert said.count(f", ... ({n_diverging} in all)") == 2, said
    assert said.count("'C(g)[T.") == 2 * 9, said  # ten names each time, the intercept first
