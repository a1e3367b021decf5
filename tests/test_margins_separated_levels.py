"""Under separation a margin of probabilities that reads a diverging coefficient keeps the
value where the fit stopped, as predict() does at such rows; its table says so, as
predict() warns, where it said only that its standard error was NaN."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit

STOPPED = "The estimates of those margins are where the fit stopped, not values the data determine"


@pytest.fixture(scope="module")
def separated():
    rng = np.random.default_rng(4)
    n = 300
    d = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["a", "b", "c"], n)})
    d["y"] = rng.choice(["A", "B", "C"], n)
    d.loc[(d["g"] == "c") & (d["y"] == "C"), "y"] = "A"  # g = c never has C
    with pytest.warns(mnlogit.SeparationWarning):
        res = mnlogit.fit("y ~ g + x", d)
    return d, res


def test_a_separated_level_says_its_estimate_is_where_the_fit_stopped(separated):
    d, res = separated
    m = res.margins(over="g")
    table = m.to_frame().set_index(["g", "outcome"])
    c = table.loc["c"]
    assert np.isfinite(c["estimate"]).all() and c["std_error"].isna().all()
    # the same predictions predict() warns of
    with pytest.warns(mnlogit.SeparationWarning, match="are where the fit stopped"):
        want = res.predict(d.assign(g="c")).mean(axis=0)
    np.testing.assert_allclose(c["estimate"], want.to_numpy(), rtol=1e-12)
    said = [n for n in m.notes if n.startswith("separation:")]
    assert len(said) == 1 and STOPPED in said[0] and 'method="firth"' in said[0]
    assert STOPPED in " ".join(str(m).split())
    # differences and effects are NaN: nothing of theirs is where the fit stopped
    contrast = m.contrast("g", "reference")
    assert not any(STOPPED in n for n in contrast.notes)
    assert any(n.startswith("separation: differences of margins") for n in contrast.notes)
    effects = res.margins(kind="effect", over="g")
    assert not any(STOPPED in n for n in effects.notes)
    # margins that read no diverging coefficient say nothing of it
    assert not any(STOPPED in n for n in res.margins(at={"g": "a"}).notes)
