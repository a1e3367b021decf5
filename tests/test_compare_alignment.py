"""Tables of several fits line up only what is the same: a column name that stands for
different columns in two fits is refused, fits on other rows are named in a note, a term's
name is never read as significance stars, and the CSV keeps the notes and its labels safe."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ModelComparisonError


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


def _fit(formula, data, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return mnlogit.fit(formula, data, ref="car", **kw)


def test_a_factor_coded_against_another_baseline_is_refused(travel):
    """Without rural rows, region[T.urban] is urban against suburban, not against rural:
    the table put the two coefficients (1.96 and 0.71) on one row."""
    full = _fit("mode ~ np.log(distance) + region", travel)
    other = _fit("mode ~ np.log(distance) + region", travel[travel["region"] != "rural"])
    with pytest.raises(ModelComparisonError, match=r"'region\[T.urban\]'.*'rural' in model 1, "):
        mnlogit.compare([full, other])
    with pytest.raises(ModelComparisonError, match=r"'suburban' in model 1, 'rural' in model 2"):
        mnlogit.compare([other, full])
    # a baseline both data have makes the columns the same again
    f = "mode ~ np.log(distance) + C(region, Treatment('urban'))"
    same = mnlogit.compare([_fit(f, travel), _fit(f, travel[travel["region"] != "rural"])])
    assert "urban" in str(same)


@pytest.mark.parametrize(
    "term", ["scale(distance)", "center(distance)", "poly(distance, 2)", "C(region, Sum)"]
)
def test_a_column_learned_from_other_rows_is_refused(travel, term):
    """scale(), center(), poly() and Sum contrasts learn from the rows: on other rows the
    column of the same name is another column."""
    rows = travel[travel["region"] != "urban"] if "Sum" in term else travel.head(1500)
    with pytest.raises(ModelComparisonError, match="same rows"):
        mnlogit.compare([_fit(f"mode ~ {term}", travel), _fit(f"mode ~ {term}", rows)])
    # the same rows, another formula: the same columns
    both = [_fit(f"mode ~ {term}", travel), _fit(f"mode ~ {term} + parking", travel)]
    assert len(mnlogit.compare(both).to_frame()) == 3 * (len(both[0].params) * 2 + 1)


@pytest.mark.parametrize(
    "term",
    ["scale(`trip km`)", "np.log(scale(distance) + 10)", "bs(`trip km`, df=4)"],
)
def test_a_column_learned_from_other_rows_is_refused_through_backticks_and_nesting(travel, term):
    """formulaic keys a transform's state by the call with backticked names made identifiers
    (scale(trip_km)) and by the inner call (scale(distance)): both fits' columns were taken
    for the same, and the table put coefficients of different columns on one row."""
    data = travel.assign(**{"trip km": travel["distance"]})
    short = data["distance"] < 50  # other rows, another range
    with pytest.raises(ModelComparisonError, match="same rows"):
        mnlogit.compare([_fit(f"mode ~ {term}", data), _fit(f"mode ~ {term}", data[short])])
    both = [_fit(f"mode ~ {term}", data), _fit(f"mode ~ {term} + parking", data)]
    assert len(mnlogit.compare(both).to_frame()) == 3 * (len(both[0].params) * 2 + 1)


def test_indicators_of_every_level_mean_the_same_on_other_rows(travel):
    f = "mode ~ 0 + region"
    table = mnlogit.compare([_fit(f, travel), _fit(f, travel[travel["region"] != "rural"])])
    assert "region[urban]" in str(table)


def test_fits_on_other_rows_are_named_in_a_note(travel):
    a = _fit("mode ~ np.log(distance) + region", travel)
    b = _fit("mode ~ np.log(distance) + region + income", travel)  # income has missing values
    table = mnlogit.compare([a, b, a.with_ref("car")], names=["a", "b", "c"])
    note = [n for n in table.notes if "other rows" in n]
    assert len(note) == 1
    counts = "(N = 3052 in a, 2972 in b, 3052 in c)"
    assert note[0].startswith(f"b was fitted on other rows (or weights) than a {counts}")
    assert "not comparable" in note[0] and note[0] in str(table).replace("\n", " ")
    # the same number of rows, other rows
    c = _fit("mode ~ np.log(distance) + region", travel.iloc[1:].reset_index(drop=True))
    d = _fit("mode ~ np.log(distance) + region", travel.iloc[:-1])
    # ... said as many: "(N = 3051 in (1), 3051 in (2))" read as a contradiction of the note
    assert any(
        "other rows (or weights) than (1) (N = 3051 in each)" in n
        for n in mnlogit.compare([c, d]).notes
    )
    assert not any("other rows" in n for n in mnlogit.compare([a, a]).notes)
    # the same rows, other frequency weights: other observations
    weighted = _fit("mode ~ np.log(distance) + region", travel.assign(w=2), weights="w")
    assert any("other rows (or weights)" in n for n in mnlogit.compare([a, weighted]).notes)


@pytest.mark.slow
def test_fits_on_partitions_are_compared_by_their_tallies(travel):
    """The rows of a fit on partitions are not compared one by one: a Dask fit of other data,
    or of the same rows with frequency weights (N = 2 x 3052), beside an in-memory fit of
    as many rows was taken for the same sample, with no note."""
    dd = pytest.importorskip("dask.dataframe")
    f = "mode ~ np.log(distance) + region"
    a = _fit(f, travel)
    shifted = travel.copy()  # one row's outcome changed
    shifted.loc[shifted.index[0], "mode"] = "walk" if travel["mode"].iloc[0] != "walk" else "bus"
    for other in (
        _fit(f, dd.from_pandas(shifted, npartitions=2)),
        _fit(f, dd.from_pandas(travel.assign(w=2.0), npartitions=2), weights="w"),
    ):
        notes = mnlogit.compare([a, other], names=["a", "b"]).notes
        assert any(n.startswith("b was fitted on other rows") for n in notes)
    # the same tallies: said to be unchecked, not to be the same sample
    same = _fit(f, dd.from_pandas(travel, npartitions=3))
    notes = " ".join(mnlogit.compare([same, a], names=["a", "b"]).notes)
    assert "other rows" not in notes and "b and a have as many rows" in notes
    assert "was not checked" in notes
    # weights summed over partitions in another order than over one array: to rounding the
    # same totals, not other rows
    w = travel.assign(w=0.1 * (1 + np.arange(len(travel)) % 7))
    weighted = _fit(f, w, weights="w", weight_type="probability")
    parts = _fit(f, dd.from_pandas(w, npartitions=7), weights="w", weight_type="probability")
    notes = " ".join(mnlogit.compare([weighted, parts]).notes)
    assert "other rows" not in notes and "was not checked" in notes


def test_the_same_rows_in_another_order_are_the_same_sample(travel):
    # the data shuffled (or sorted) between the fits: the note said "other rows", and that
    # the log-likelihoods, AIC and BIC, equal here, were not comparable
    f = "mode ~ np.log(distance) + region"
    a, shuffled = _fit(f, travel), _fit(f, travel.sample(frac=1, random_state=1))
    np.testing.assert_allclose(shuffled.llf, a.llf, rtol=1e-12)
    assert not any("other rows" in n for n in mnlogit.compare([a, shuffled]).notes)
    # shuffled, with one row's weight changed, or one row dropped and another repeated
    w = travel.assign(w=1.0)
    w.loc[w.index[5], "w"] = 2.0
    weighted = _fit(f, w.sample(frac=1, random_state=1), weights="w")
    assert any("other rows" in n for n in mnlogit.compare([a, weighted]).notes)
    swapped = travel.drop(index=travel.index[0])
    swapped = pd.concat([swapped, travel.iloc[[1]]]).sample(frac=1, random_state=2)
    assert any("other rows" in n for n in mnlogit.compare([a, _fit(f, swapped)]).notes)


@pytest.fixture(scope="module")
def starred():
    rng = np.random.default_rng(3)
    n = 400
    d = pd.DataFrame({"rating*": rng.normal(size=n), "x": rng.normal(size=n)})
    eta = np.column_stack([np.zeros(n), 1.5 * d["rating*"], -d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["=cmd|a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(1)]
    fits = [mnlogit.fit("y ~ `rating*`", d, ref="b"), mnlogit.fit("y ~ `rating*` + x", d, ref="b")]
    return fits


@pytest.mark.parametrize("stars", [False, True])
def test_a_term_ending_in_a_star_is_not_a_significance_star(starred, stars):
    tex = mnlogit.compare(starred, stars=stars).as_latex()
    rows = [line for line in tex.splitlines() if line.startswith("rating")]
    assert len(rows) == 2 and all(r.startswith("rating* & ") for r in rows)
    if stars:  # its estimate, p < 0.001, does carry them
        assert all(r.split(" & ")[1].endswith("$^{***}$") for r in rows)
    else:
        assert "$^{" not in tex


def test_the_csv_keeps_the_notes_and_quotes_formula_labels(starred):
    table = mnlogit.compare(starred, names=["=1+1", "b"], stars=True)
    back = pd.read_csv(io.StringIO(table.as_csv()), dtype=str, keep_default_na=False)
    assert list(back.columns) == ["outcome", "term", "statistic", "'=1+1", "b"]
    assert "'=cmd|a" in back["outcome"].tolist()
    legend = "* p < 0.05, ** p < 0.01, *** p < 0.001 (tests of coef = 0)."
    assert legend in back["term"].tolist()
    assert set(back["statistic"].iloc[-len(table.notes) :]) == {"note"}
    assert back["term"].tolist()[-len(table.notes) :] == [
        "'" + n if n.startswith("=") else n for n in table.notes
    ]
    # numbers stay numbers: a negative estimate is not quoted
    assert any(c.startswith("-") for c in back["b"])


def test_rows_of_frequency_weight_zero_are_no_part_of_the_sample(travel):
    # a fit with rows at weight 0 (R's weights = as.numeric(subset)) is that of the data
    # without them: its log-likelihood is equal, and the note said the fits were of
    # different samples whose log-likelihoods, AIC and BIC are not comparable
    f = "mode ~ np.log(distance) + region"
    w = travel.assign(w=np.where(np.arange(len(travel)) % 4 == 0, 0.0, 1.0))
    zero = _fit(f, w, weights="w")
    dropped = _fit(f, travel[w["w"] > 0])
    np.testing.assert_allclose(zero.llf, dropped.llf, rtol=1e-10)
    assert not any("other rows" in n for n in mnlogit.compare([zero, dropped]).notes)
    assert not any("other rows" in n for n in mnlogit.compare([dropped, zero]).notes)
    # other rows of weight 0 than those dropped, or a row's weight changed: other samples
    w2 = w.copy()
    w2.loc[w2.index[0], "w"] = 0.0 if w2["w"].iloc[0] else 1.0
    other = _fit(f, w2, weights="w")
    assert any("other rows" in n for n in mnlogit.compare([other, dropped]).notes)
    # probability weights of 0 keep their rows (the design's degrees of freedom count them)
    prob = _fit(f, w.assign(w=w["w"] * 2.0), weights="w", weight_type="probability")
    dropped_prob = _fit(f, w[w["w"] > 0].assign(w=2.0), weights="w", weight_type="probability")
    assert any("other rows" in n for n in mnlogit.compare([prob, dropped_prob]).notes)


def test_columns_named_by_position_are_compared_row_by_row(travel):
    # the same rows shuffled, or beside rows of frequency weight 0, are the same sample, but
    # their columns 0, 1, ... were compared position by position: the one model fitted
    # twice was refused as "column '0' ... holds other values on the same rows"
    df = travel.dropna(subset=["income"])
    X = df[["income", "parking"]].set_axis([0, 1], axis=1)
    y = df["mode"]
    a = mnlogit.MNLogit(y, X, ref="car").fit()
    order = np.random.default_rng(2).permutation(len(df))
    shuffled = mnlogit.MNLogit(y.iloc[order], X.iloc[order], ref="car").fit()
    table = mnlogit.compare([a, shuffled])
    assert not any("other rows" in note or "by position" in note for note in table.notes)
    frame = table.to_frame()
    np.testing.assert_allclose(frame.loc["(1)", "estimate"], frame.loc["(2)", "estimate"])
    extra = pd.concat([X, X.iloc[:5].set_axis(range(-5, 0))])
    w = np.r_[np.ones(len(X)), np.zeros(5)]
    weighted = mnlogit.MNLogit(
        pd.concat([y, y.iloc[:5].set_axis(range(-5, 0))]), extra, ref="car", weights=w
    ).fit()
    mnlogit.compare([a, weighted])  # was refused too
    # a column that does hold other values on the rows, in any order, is still refused
    swapped = X[[1, 0]].set_axis([0, 1], axis=1).iloc[order]
    other = mnlogit.MNLogit(y.iloc[order], swapped, ref="car").fit()
    with pytest.raises(ModelComparisonError, match=r"column '0' of model 2 .* positions"):
        mnlogit.compare([a, other])


def test_a_slope_named_intercept_is_not_lined_up_with_an_intercept(travel):
    # arrays may call a slope 'Intercept' (the fit takes only a column of ones for the
    # intercept): its coefficients shared the row 'Intercept' with another fit's intercepts
    df = travel.dropna(subset=["income"])
    y = df["mode"]
    named = df[["income", "parking"]].set_axis(["Intercept", "parking"], axis=1)
    slope = mnlogit.MNLogit(y, named, ref="car").fit()
    assert slope.null_model == "zero"  # the premise: no intercept
    formula = _fit("mode ~ parking", df)
    arrays = mnlogit.MNLogit(y, df[["parking"]].assign(Intercept=1.0), ref="car").fit()
    cases = (([slope, formula], 1, 2), ([formula, slope], 2, 1), ([arrays, slope], 2, 1))
    for fits, i, j in cases:
        with pytest.raises(ModelComparisonError, match=rf"'Intercept' of model {i} .* model {j}"):
            mnlogit.compare(fits)
    # a column of ones called Intercept is the intercept, and two slopes so named one column
    table = mnlogit.compare([formula, arrays])
    frame = table.to_frame()
    np.testing.assert_allclose(
        frame.loc[("(1)", slice(None), "Intercept"), "estimate"],
        frame.loc[("(2)", slice(None), "Intercept"), "estimate"],
        rtol=1e-9,
    )
    mnlogit.compare([slope, slope])


def test_other_outcomes_on_the_same_rows_are_named_as_such(travel):
    """The outcome's column changed between two fits of the same rows and weights: the note
    said "fitted on other rows (or weights) ... (N = 3052 in each)", which the counts seemed
    to deny; it names the outcomes, and fits of other rows keep their note."""
    changed = travel.copy()
    first = changed.index[:40]
    changed.loc[first, "mode"] = np.where(changed.loc[first, "mode"] == "car", "bus", "car")
    text = " ".join(
        mnlogit.compare([_fit("mode ~ region", travel), _fit("mode ~ region", changed)]).notes
    )
    assert "with other outcomes in some of them" in text
    assert "other rows (or weights)" not in text
    fewer = mnlogit.compare([_fit("mode ~ region", travel), _fit("mode ~ region", travel[:-5])])
    fewer_text = " ".join(fewer.notes)
    assert "other rows (or weights)" in fewer_text
    assert "with other outcomes" not in fewer_text
