"""The command line builds each formula's design once, ``--ref`` and the Firth refit included,
and gives what the library gives for the same reference."""

import io

import numpy as np
import pandas as pd
import pytest

import mnlogit
import mnlogit.model
from mnlogit.__main__ import main


@pytest.fixture
def builds(monkeypatch):
    """The designs built, as a list of formulas."""
    seen: list[str] = []
    original = mnlogit.model.build_design

    def counted(formula, *args, **kwargs):
        seen.append(formula)
        return original(formula, *args, **kwargs)

    monkeypatch.setattr(mnlogit.model, "build_design", counted)
    return seen


def _data(path, separated=False):
    rng = np.random.default_rng(11)
    n = 300
    x = np.round(rng.normal(size=n), 3)
    y = rng.choice(["a", "b", "c"], n)
    if separated:
        y = np.where(x > 1.0, "c", np.where(y == "c", "a", y))
    pd.DataFrame({"y": y, "x": x, "g": rng.choice(["u", "v"], n)}).to_csv(path, index=False)
    return path


def _csv(res):
    out = io.StringIO()
    res.to_csv(out)
    return out.getvalue()


def test_fit_with_ref_builds_the_design_once_and_matches_the_library(tmp_path, builds, capsys):
    path = _data(tmp_path / "d.csv")
    out = tmp_path / "coef.csv"
    assert main(["fit", str(path), "y ~ x + g", "--ref", "b", "--csv", str(out)]) == 0
    assert builds == ["y ~ x + g"]  # was two: one to find the level --ref names
    df = pd.read_csv(path, dtype={"y": str, "g": str})
    assert out.read_text() == _csv(mnlogit.fit("y ~ x + g", df, ref="b"))
    assert "Reference  b" in capsys.readouterr().out


def test_the_firth_refit_of_a_separated_fit_reuses_the_design(tmp_path, builds, capsys):
    path = _data(tmp_path / "d.csv", separated=True)
    assert main(["fit", str(path), "y ~ x", "--ref", "c", "--cov", "robust"]) == 0
    assert builds == ["y ~ x"]  # was three: --ref, the fit, the Firth refit
    shown = capsys.readouterr().out
    df = pd.read_csv(path, dtype={"y": str})
    firth = mnlogit.fit("y ~ x", df, ref="c", method="firth")
    assert "Refitting with --method firth" in shown
    assert f"{firth.params.loc['x', 'a']:.4f}" in shown.split("Refitting")[1]


def test_compare_builds_each_formula_once(tmp_path, builds, capsys):
    path = _data(tmp_path / "d.csv")
    assert main(["compare", str(path), "y ~ x", "y ~ x + g", "--ref", "b"]) == 0
    assert builds == ["y ~ x", "y ~ x + g"]
