"""What a fit hands out is the caller's to change: editing it (a cell of a table, a note
appended to a summary's list, a separating direction zeroed) changes nothing the fit, its
summary or what it re-expresses shows afterwards."""

import copy
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


def _edit(value):
    """Change ``value`` in place, as a caller rounding or relabelling it might."""
    if isinstance(value, pd.DataFrame):
        for j in range(value.shape[1]):
            value.iloc[:, j] = _changed(value.iloc[:, j])
        return
    if isinstance(value, pd.Series):
        value.iloc[:] = _changed(value)
        return
    if isinstance(value, list):
        for item in value:
            if isinstance(item, list):
                _edit(item)
            elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], list):
                _edit(item[1])
        value.append("edited")
        return
    raise TypeError(type(value))


def _changed(column: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(column):
        return ~column
    if pd.api.types.is_numeric_dtype(column):
        return column * 0 + 12345
    return column.astype(str) + " edited"


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


def _everything(res: mnlogit.MNLogitResults) -> str:
    s = res.summary()
    return "\n".join(
        [
            str(s),
            s.as_latex(),
            s.as_markdown(),
            s.as_csv(),
            s._repr_html_(),
            res.to_frame().to_string(),
            res.cov_params().to_string(),
            res.anova().to_string(),
            str(res.lr_test()),
            res.marginal_effects().to_string(),
            res.with_ref("bus").to_frame().to_string(),
        ]
    )


SUMMARY_PARTS = ["blocks", "columns", "header", "notes", "warnings", "table_notes", "frame"]


@pytest.mark.parametrize("part", SUMMARY_PARTS)
def test_editing_a_part_of_a_summary_leaves_its_renderings(travel, part):
    # the parts were the kept lists themselves: s.notes.append("mine") added a note to
    # s.as_latex(), and a cell of s.blocks set to "999" printed 999 as a coefficient
    res = mnlogit.fit("mode ~ parking + income", travel, ref="car", weights=None)
    s = res.summary(odds_ratios=True)
    shown = [str(s), s.as_latex(), s.as_markdown(), s.as_csv(), s._repr_html_()]
    got = getattr(s, part)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' chained-assignment notice, if any
        _edit(got)
    assert [str(s), s.as_latex(), s.as_markdown(), s.as_csv(), s._repr_html_()] == shown
    assert str(res.summary(odds_ratios=True)) == shown[0]


ACCESSORS = {
    "params": lambda r: r.params,
    "bse": lambda r: r.bse,
    "zvalues": lambda r: r.zvalues,
    "pvalues": lambda r: r.pvalues,
    "pseudo_r2": lambda r: r.pseudo_r2,
    "cov_params": lambda r: r.cov_params(),
    "conf_int": lambda r: r.conf_int(),
    "odds_ratios": lambda r: r.odds_ratios(),
    "to_frame": lambda r: r.to_frame(),
    "anova": lambda r: r.anova(),
    "marginal_effects": lambda r: r.marginal_effects(),
    "predict": lambda r: r.predict(),
    "diverging": lambda r: r.diverging,
}


@pytest.mark.parametrize("name", ACCESSORS)
def test_editing_what_a_fit_hands_out_leaves_its_later_answers(travel, name):
    res = mnlogit.fit("mode ~ parking + income", travel, ref="car")
    before = _everything(res)
    _edit(ACCESSORS[name](res))
    assert _everything(res) == before


def _quasi_separated() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(["u", "v", "w"], n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )
    df.loc[(df.g == "w") & (df.y == "c"), "y"] = "a"  # level w never has outcome c
    return df


def test_editing_the_separating_direction_leaves_the_separation_kept():
    # res.separation.direction was the kept frame: zeroing it made the direction that
    # with_ref re-expresses NaN where it was 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + g", _quasi_separated(), ref="a")
    assert res.separation.kind == "quasi-complete"
    direction = res.separation.direction
    other = res.with_ref("c").separation.direction
    edited = res.separation.direction
    edited.iloc[:, :] = 0.0
    pd.testing.assert_frame_equal(res.separation.direction, direction)
    pd.testing.assert_frame_equal(res.with_ref("c").separation.direction, other)
    assert other.loc["g[T.w]"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("restore", ["pickle", "deepcopy"])
def test_a_restored_fit_refuses_edits_of_which_coefficients_diverge(restore):
    # res.separation.apart, which res.diverging reads, is read-only; an unpickled fit's was
    # writable, and clearing it showed standard errors (206.2) for diverging coefficients
    df = mnlogit.datasets.load("risk")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("risk ~ age + income", df, ref="low")
        again = pickle.loads(pickle.dumps(res)) if restore == "pickle" else copy.deepcopy(res)
        with pytest.raises(ValueError, match="read-only"):
            again.separation.apart[:] = False
        assert again.bse.isna().all().all()
        assert str(again.summary()) == str(res.summary())


def test_the_covariance_a_fit_names_cannot_be_relabelled_for_every_fit(travel):
    # one instance per covariance type is shared by every fit: setting its label relabelled
    # every robust fit's summary, and lr_valid = True let LR tests beside a sandwich
    res = mnlogit.fit("mode ~ parking", travel, ref="car", cov_type="robust")
    other = mnlogit.fit("mode ~ income", travel, ref="car", cov_type="robust")
    shown = str(other.summary())
    for name, value in (("label", "HC1"), ("lr_valid", True)):
        with pytest.raises(AttributeError, match="shared by every fit"):
            setattr(res.covariance, name, value)
    assert str(other.summary()) == shown
    with pytest.raises(mnlogit.MNLogitError, match="not valid with the robust"):
        other.lr_test()
