"""What users edit after a fit: the values the package hands out are theirs to change, and
changing them never changes the fit's numbers (or, where the package reads them back, is
refused saying so)."""

from __future__ import annotations

import copy
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import EstimationError

sklearn = pytest.importorskip("sklearn")

from mnlogit.sklearn import MNLogitClassifier  # noqa: E402


def _classification(K: int, seed: int = 0, n: int = 240) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"x1": rng.standard_normal(n), "x2": rng.standard_normal(n)})
    eta = np.column_stack([np.zeros(n)] + [X["x1"] * (k - 1) - 0.5 * X["x2"] for k in range(1, K)])
    y = np.array(list("abcd"))[np.argmax(eta + rng.gumbel(size=(n, K)), axis=1)]
    return X, y


def _fitted(K: int, formula: bool) -> tuple[MNLogitClassifier, pd.DataFrame, np.ndarray]:
    X, y = _classification(K)
    clf = MNLogitClassifier(formula="x1 + x2" if formula else None).fit(X, y)
    return clf, X, y


# --- the classifier's fitted attributes ------------------------------------------------------
@pytest.mark.parametrize("K", [2, 3, 4])
@pytest.mark.parametrize("formula", [False, True])
@pytest.mark.parametrize("name", ["coef_", "intercept_", "classes_"])
def test_the_classifiers_fitted_attributes_cannot_be_edited_in_place(K, formula, name):
    # predict_proba read intercept_ (and not coef_) of an array fit with three classes or
    # more, so zeroing intercept_ moved the probabilities while results_ kept the fit's
    clf, X, _ = _fitted(K, formula)
    before = clf.predict_proba(X)
    values = getattr(clf, name)
    with pytest.raises(ValueError, match="read-only"):
        values[0] = values[-1] if name == "classes_" else 0.0
    np.testing.assert_array_equal(clf.predict_proba(X), before)


@settings(max_examples=25, deadline=None)
@given(
    K=st.sampled_from([2, 3, 4]),
    formula=st.booleans(),
    name=st.sampled_from(["coef_", "intercept_", "classes_"]),
    how=st.sampled_from(["pickle", "deepcopy", "rebind"]),
    method=st.sampled_from(["predict", "predict_proba", "predict_log_proba", "decision_function"]),
    data=st.data(),
)
def test_predicting_after_a_fitted_attribute_was_changed_is_refused(
    K, formula, name, how, method, data
):
    # the copies pickle and deepcopy give are writable, and an attribute can be replaced:
    # predictions kept coming from the fitted model (or, for intercept_, from the edit),
    # silently other than the coefficients the classifier showed
    clf, X, y = _fitted(K, formula)
    if how != "rebind":
        clf = pickle.loads(pickle.dumps(clf)) if how == "pickle" else copy.deepcopy(clf)
    values = np.array(getattr(clf, name))
    at = data.draw(st.integers(0, values.size - 1), label="entry")
    if name == "classes_":
        values.flat[at] = values.flat[(at + 1) % values.size]
    else:
        values.flat[at] = values.flat[at] + data.draw(
            st.sampled_from([1.0, -0.5, 1e-9]), label="change"
        )
    if how == "rebind":
        setattr(clf, name, values)
    else:
        getattr(clf, name).setflags(write=True)
        getattr(clf, name).flat[at] = values.flat[at]
    with pytest.raises(EstimationError, match=rf"{name}.*changed after fit.*results_"):
        getattr(clf, method)(X)
    with pytest.raises(EstimationError, match=name):
        clf.score(X, y)


def test_attributes_set_back_to_the_fitted_values_predict_again():
    clf, X, _ = _fitted(3, False)
    before = clf.predict_proba(X)
    clf.coef_ = np.array(clf.coef_)  # an equal copy, writable: still the fit's coefficients
    clf.coef_[0, 0] += 1.0
    with pytest.raises(EstimationError, match=r"coef_\[0, 0\]"):
        clf.predict_proba(X)
    clf.coef_[0, 0] -= 1.0
    np.testing.assert_array_equal(clf.predict_proba(X), before)


# --- a survey fit's design facts -------------------------------------------------------------
@pytest.fixture(scope="module")
def survey_fit():
    df = mnlogit.datasets.load("travel")
    df["pw"] = df["household"] % 5 + 0.5
    design = mnlogit.SurveyDesign(weights="pw", strata="region", psu="household")
    return lambda: mnlogit.fit("mode ~ distance + income + C(purpose)", df, design=design)


@pytest.mark.parametrize("name", ["n_psu", "domain_psus", "fraction"])
@pytest.mark.parametrize("how", ["as fitted", "pickle", "deepcopy"])
def test_a_survey_fits_design_facts_cannot_be_edited(survey_fit, name, how):
    # res.design handed out the arrays the design-based covariance reads: with the standard
    # errors computed at first use, n = res.design.n_psu; n -= 1 (or fraction[:] = 0.9)
    # changed bse, p-values and the design df of the fit, with nothing said
    res, expected = survey_fit(), survey_fit()
    if how != "as fitted":
        res = pickle.loads(pickle.dumps(res)) if how == "pickle" else copy.deepcopy(res)
    values = getattr(res.design, name)
    with pytest.raises(ValueError, match="read-only"):
        values -= 1
    assert res.df_design == expected.df_design
    pd.testing.assert_frame_equal(res.bse, expected.bse)
    pd.testing.assert_frame_equal(res.pvalues, expected.pvalues)


# --- margins ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def margins_of():
    res = mnlogit.fit("mode ~ distance + income + C(purpose)", mnlogit.datasets.load("travel"))
    return lambda: res.margins(at={"distance": [2.0, 10.0]})


def _edit_keys(m):
    k = m.keys
    k["distance"] = k["distance"].astype(str) + " km"  # labels for a plot


def _edit_jacobian(m):
    J = m.jacobian
    J /= 2  # a step of a hand-made contrast


def _edit_notes(m):
    m.notes.append("seen")


EDITS = {"keys": _edit_keys, "jacobian": _edit_jacobian, "notes": _edit_notes}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("how", ["as made", "pickle", "deepcopy"])
def test_what_margins_hand_out_is_a_copy(margins_of, edit, how):
    # keys, jacobian and notes were the margins' own: halving the Jacobian halved every
    # contrast's standard error, relabelling keys relabelled to_frame() and the contrasts
    m, expected = margins_of(), margins_of()
    if how != "as made":
        m = pickle.loads(pickle.dumps(m)) if how == "pickle" else copy.deepcopy(m)
    EDITS[edit](m)
    pd.testing.assert_frame_equal(m.to_frame(), expected.to_frame())
    pd.testing.assert_frame_equal(
        m.contrast("distance").to_frame(), expected.contrast("distance").to_frame()
    )
    assert str(m) == str(expected)
    np.testing.assert_array_equal(m.jacobian, expected.jacobian)


@pytest.mark.parametrize("name", ["alpha", "keys", "jacobian", "notes", "df", "kind", "title"])
@pytest.mark.parametrize("how", ["as made", "pickle"])
def test_margins_are_immutable(margins_of, name, how):
    # m.alpha = 0.1 left to_frame()'s intervals at 95% and gave contrasts at 90%
    m = margins_of()
    if how == "pickle":
        m = pickle.loads(pickle.dumps(m))
    with pytest.raises(AttributeError, match=f"Margins is immutable; cannot set {name!r}"):
        setattr(m, name, getattr(m, name))
    with pytest.raises(AttributeError, match="immutable"):
        delattr(m, name)


# --- comparison tables -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_fits():
    df = mnlogit.datasets.load("travel")
    return [mnlogit.fit(f, df, ref="car") for f in ("mode ~ distance", "mode ~ distance + region")]


def _round_statistics(t):
    s = t.statistics
    s.loc["N"] = 0  # the user's table, to print their own way


TABLE_EDITS = {
    "statistics": _round_statistics,
    "notes": lambda t: t.notes.append("my note"),
    "names": lambda t: t.names.__setitem__(0, "zzz") if isinstance(t.names, list) else None,
}


@pytest.mark.parametrize("edit", list(TABLE_EDITS))
def test_what_a_comparison_table_hands_out_is_a_copy(two_fits, edit):
    # statistics and notes were the table's cached objects: editing them before rendering
    # changed the table's text, LaTeX and CSV
    table, expected = mnlogit.compare(two_fits), mnlogit.compare(two_fits)
    TABLE_EDITS[edit](table)
    assert str(table) == str(expected)
    assert table.as_latex() == expected.as_latex()
    pd.testing.assert_frame_equal(table.statistics, expected.statistics)
    pd.testing.assert_frame_equal(table.to_frame(), expected.to_frame())
    assert table.notes == expected.notes


@pytest.mark.parametrize("name", ["results", "names", "alpha", "stars", "statistics"])
def test_a_comparison_table_is_immutable(two_fits, name):
    # table.results.append(res) then str(table) ended in zip()'s ValueError
    table = pickle.loads(pickle.dumps(mnlogit.compare(two_fits)))
    with pytest.raises(AttributeError, match="ComparisonTable is immutable"):
        setattr(table, name, getattr(table, name))
    assert isinstance(table.results, tuple) and isinstance(table.names, tuple)
    assert "(2)" in str(table)


# --- summaries -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["alpha", "odds_ratios", "frame"])
@pytest.mark.parametrize("how", ["as made", "pickle"])
def test_a_summary_is_immutable(two_fits, name, how):
    # s.alpha = 0.1 before printing headed the 95% intervals [0.05 0.95]
    s = two_fits[0].summary()
    if how == "pickle":
        s = pickle.loads(pickle.dumps(s))
    with pytest.raises(AttributeError, match="Summary is immutable"):
        setattr(s, name, getattr(s, name))
    assert str(s) == str(two_fits[0].summary())


def test_what_a_summary_hands_out_is_a_copy(two_fits):
    s = two_fits[0].summary()
    frame = s.frame
    frame["estimate"] = 0.0
    assert str(s) == str(two_fits[0].summary())
    assert s.as_csv() == two_fits[0].summary().as_csv()


# --- a refit that fails ----------------------------------------------------------------------
def _one_class(X, y):
    return X, np.full(len(y), y[0])


def _missing_label(X, y):
    return X, np.array([*y[:-1], None], dtype=object)


def _negative_weight(X, y):
    return X, y, -np.ones(len(y))


FAILING = {"one class": _one_class, "missing label": _missing_label, "weights": _negative_weight}


@pytest.mark.parametrize("failure", list(FAILING))
@pytest.mark.parametrize("formula", [False, True])
def test_a_failed_refit_leaves_the_classifier_as_it_was(failure, formula):
    # scikit-learn's input check had already taken the new X's column names (and number)
    # when the fit failed: the classifier then refused X in its fitted column order and
    # took X with the columns swapped, predicting from the old coefficients by position
    clf, X, y = _fitted(3, formula)
    before, state = clf.predict_proba(X), dict(vars(clf))
    swapped = X[["x2", "x1"]]
    with pytest.raises(mnlogit.MNLogitError):
        clf.fit(*FAILING[failure](swapped, y))
    assert vars(clf).keys() == state.keys()
    assert all(vars(clf)[k] is v for k, v in state.items())
    np.testing.assert_array_equal(clf.predict_proba(X), before)
    if not formula:
        with pytest.raises(mnlogit.MNLogitError, match="order"):
            clf.predict_proba(swapped)


def test_a_failed_first_fit_leaves_the_classifier_unfitted():
    # it left n_features_in_ set, so predict() passed scikit-learn's fitted check and
    # ended in AttributeError: 'MNLogitClassifier' object has no attribute 'results_'
    from sklearn.exceptions import NotFittedError

    X, y = _classification(3)
    clf = MNLogitClassifier()
    with pytest.raises(mnlogit.MNLogitError):
        clf.fit(*_one_class(X, y))
    assert not any(k.endswith("_") for k in vars(clf))
    with pytest.raises(NotFittedError):
        clf.predict(X)


def test_the_fitted_column_names_cannot_be_changed_either():
    # scikit-learn checks X's column names against feature_names_in_; with the names
    # swapped there, X with its columns swapped passed and was predicted by position
    clf, X, _ = _fitted(3, False)
    with pytest.raises(ValueError, match="read-only"):
        clf.feature_names_in_[0] = "x2"
    clf.feature_names_in_ = np.array(["x2", "x1"], dtype=object)
    with pytest.raises(EstimationError, match=r"feature_names_in_\[0\] is 'x2', fitted 'x1'"):
        clf.predict_proba(X[["x2", "x1"]])


# --- the data a model was fitted on ----------------------------------------------------------
def _wide_frame(n: int = 1600, p: int = 12, K: int = 4) -> pd.DataFrame:
    """Enough parameters (p x (K - 1) = 36, n (pq)^2 past 2e6) for the fit to finish in its
    L-BFGS phase, its standard errors computed when first asked for."""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((n, p))
    y = np.argmax(X @ (rng.standard_normal((p, K)) * 0.3) + rng.gumbel(size=(n, K)), axis=1)
    return pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(
        y=y, g=rng.integers(0, 3, n).astype(str), w=rng.integers(1, 3, n).astype(float)
    )


def _fit_given(kind: str, df: pd.DataFrame, cov_type: str):
    """A fit of ``df`` in one of the ways data are given, and what was given, by column."""
    cols = [c for c in df.columns if c.startswith("x")]
    if kind == "formula":
        formula = "y ~ " + " + ".join(cols) + " + C(g)"
        return mnlogit.fit(formula, df, weights="w", cov_type=cov_type), None
    if kind == "DataFrame":  # one dtype: read through a view of its values
        res = mnlogit.MNLogit(df["y"], df[cols], weights=df["w"]).fit(cov_type=cov_type)
        return res, None
    # C-ordered float64 arrays, which the model could have used as they are
    given = {"X": np.ascontiguousarray(df[cols].to_numpy()), "y": df["y"].to_numpy().copy()}
    given["w"] = df["w"].to_numpy().copy()
    res = mnlogit.MNLogit(given["y"], given["X"], weights=given["w"]).fit(cov_type=cov_type)
    return res, given


def _after_fit(res) -> list:
    return [res.predict(), res.bse, res.marginal_effects(variables=["x0"])]


@settings(max_examples=20, deadline=None)
@given(
    kind=st.sampled_from(["formula", "DataFrame", "array"]),
    cov_type=st.sampled_from(["nonrobust", "robust"]),
    column=st.sampled_from(["x0", "x5", "y", "w", "g"]),
    rows=st.slices(1600),
)
def test_editing_the_data_after_the_fit_changes_none_of_its_numbers(kind, cov_type, column, rows):
    # a guard: the design, outcome and weights a fit reads after returning (lazy standard
    # errors, the sandwich's scores, predictions, marginal effects) are the model's own copies
    expected = _after_fit(_fit_given(kind, _wide_frame(), cov_type)[0])
    df = _wide_frame()
    res, given = _fit_given(kind, df, cov_type)
    assert res._core.pending
    values = df[column].to_numpy()
    edited = values[::-1] if column in ("y", "g") else values * 3 + 1
    if given is None:
        df.iloc[rows, df.columns.get_loc(column)] = edited[rows]
    elif column.startswith("x"):
        given["X"][rows, int(column[1:])] = edited[rows]
    elif column in given:
        given[column][rows] = edited[rows]
    for got, want in zip(_after_fit(res), expected, strict=True):
        pd.testing.assert_frame_equal(got, want)


def test_a_survey_fits_design_columns_cannot_be_edited(survey_fit):
    # the covariance label and the summary read them: columns["fpc"] = "f" made a design
    # without a finite-population correction say it had one
    res, expected = survey_fit(), survey_fit()
    for design in (res.design, pickle.loads(pickle.dumps(res)).design, copy.deepcopy(res.design)):
        with pytest.raises(TypeError, match="read-only"):
            design.columns["fpc"] = "f"
        with pytest.raises(TypeError, match="read-only"):
            design.columns.update(fpc="f")
        assert design.columns == expected.design.columns
    assert str(res.summary()) == str(expected.summary())


# --- the results' tables ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["params", "bse", "pvalues", "diverging"])
@pytest.mark.parametrize("edit", ["index name", "columns name", "rename"])
def test_renaming_a_tables_labels_leaves_the_others_labels(name, edit):
    """The tables of coefficients, standard errors, p-values and divergence share their labels
    inside the results; what a user renames is their own copy's."""
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    table = getattr(res, name)
    if edit == "index name":
        table.index.name = "edited"
    elif edit == "columns name":
        table.columns.name = "edited"
    else:
        table.index = table.index.rename("edited")
    for other in ("params", "bse", "pvalues", "diverging"):
        fresh = getattr(res, other)
        assert (fresh.index.name, fresh.columns.name) == ("term", "outcome"), other
    assert "edited" not in res.to_frame().to_string()


@pytest.mark.parametrize("kind", ["prob", "class", "link", "intervals"])
def test_renaming_the_rows_of_a_prediction_leaves_the_fitted_rows(kind):
    """The fitted rows' labels are the fit's: a caller naming the index of what predict() or
    prediction_intervals() gave renamed the fit's rows, in its later predictions too."""
    travel = mnlogit.datasets.load("travel").dropna()
    travel.index.name = "trip"
    res = mnlogit.fit("mode ~ parking", travel, ref="car")
    made = res.prediction_intervals() if kind == "intervals" else res.predict(kind=kind)
    made.index.names = ["edited", *made.index.names[1:]]  # in place, as index.name = ... is
    for again in (res.predict(), res.predict(kind="class"), res.with_ref("bus").predict()):
        assert again.index.name == "trip"
    assert res.prediction_intervals().index.names[0] == "trip"
    assert travel.index.name == "trip"


@pytest.mark.parametrize("name", ["conf_int", "odds_ratios", "to_frame", "cov_params"])
@pytest.mark.parametrize("axis", ["index", "columns"])
def test_renaming_the_levels_of_a_long_table_leaves_the_others(name, axis):
    """conf_int(), odds_ratios(), to_frame() and cov_params() are labelled (outcome, term):
    renaming one table's levels in place renamed them in every later table, the covariance's
    rows and columns, and the CSV export's header."""
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    table = getattr(res, name)()
    labels = getattr(table, axis)
    if not isinstance(labels, pd.MultiIndex):
        return  # a table's plain columns are made for it
    labels.names = ["edited", "edited too"]
    for other in ("conf_int", "odds_ratios", "to_frame", "cov_params"):
        fresh = getattr(res, other)()
        assert list(fresh.index.names) == ["outcome", "term"], other
    assert list(res.cov_params().columns.names) == ["outcome", "term"]
    assert "edited" not in res.to_frame().to_csv()
