"""scikit-learn's names on a fit's results (``res.predict_proba``, ``res.classes_``), which
the classifier has, are answered with the fit's own: they were a bare AttributeError."""

import numpy as np
import pytest

import mnlogit


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ age", mnlogit.datasets.load("travel"), ref="car")


@pytest.mark.parametrize(
    ("name", "answer"),
    [
        ("predict_proba", "res.predict(newdata)"),
        ("predict_log_proba", "np.log(res.predict(newdata))"),
        ("decision_function", "kind='link'"),
        ("classes_", "res.outcomes"),
        ("levels", "res.outcomes"),
    ],
)
def test_scikit_learn_names_are_answered(res, name, answer):
    with pytest.raises(AttributeError, match=f"no attribute '{name}'; .*") as err:
        getattr(res, name)
    assert answer in str(err.value)
    # the attribute is still absent: hasattr and duck typing keep working
    assert not hasattr(res, name)


def test_the_answers_name_what_exists(res):
    assert list(res.outcomes) and res.ref == "car"
    probs = res.predict()
    np.testing.assert_allclose(np.log(probs), np.log(res.predict()))
    assert res.predict(kind="link").shape[1] == len(res.outcomes) - 1


@pytest.mark.parametrize(("name", "answer"), [("summary", "summary()"), ("bse", "bse")])
def test_the_fits_names_on_the_classifier_are_answered_with_results_(name, answer):
    # clf.summary() and clf.bse were a bare AttributeError: the classifier keeps its fit's
    # results in results_, which has them
    from mnlogit.sklearn import MNLogitClassifier

    df = mnlogit.datasets.load("travel")
    clf = MNLogitClassifier(formula="age").fit(df, df["mode"])
    with pytest.raises(AttributeError, match=f"no attribute '{name}'; .*results_") as err:
        getattr(clf, name)
    assert f"clf.results_.{answer}" in str(err.value)
    assert getattr(clf.results_, name) is not None
    # scikit-learn's probes of attributes stay plain and false
    assert not hasattr(clf, name) and not hasattr(MNLogitClassifier(), "classes_")
    with pytest.raises(AttributeError, match=r"no attribute 'no_such_thing'$"):
        clf.no_such_thing  # noqa: B018
