"""Which terms contain which in anova's type II tests and type III note: read from the
formula's terms, not guessed from their labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def colon_column():
    rng = np.random.default_rng(2)
    n = 300
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "b:x": rng.normal(size=n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )


def test_a_column_named_with_a_colon_is_no_interaction_containing_its_parts(colon_column):
    # a formula of plain names labels the column `b:x` as "b:x", which anova split at the
    # colon into b and x: type II tested x without b:x too (chi2 5.523 where the fit without
    # x gives 5.512), and the type III note said x was tested "in 'b:x': at b = 0"
    res = mnlogit.fit("y ~ x + `b:x`", colon_column)
    without_x = mnlogit.fit("y ~ `b:x`", colon_column)
    expected = mnlogit.lr_test(without_x, res).statistic
    for kind in ("II", "III"):
        table = res.anova(kind)
        assert table.loc["x", "chi2"] == pytest.approx(expected, rel=1e-9)
        assert table.attrs["note"] == f"Type {kind} likelihood-ratio tests"
    robust = mnlogit.fit("y ~ x + `b:x`", colon_column, cov_type="robust")
    assert robust.anova("II").loc["x", "chi2"] == pytest.approx(
        robust.wald_test("x").statistic, rel=1e-9
    )
