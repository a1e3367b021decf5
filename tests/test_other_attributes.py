"""Another package's name for a result's attribute (statsmodels' ``tvalues``, ``prsquared``,
``fittedvalues``; R's ``coef``, ``vcov``, ``confint``), or for a function at the package's top
level (R's ``multinom``, ``lrtest``, ``emmeans``; Stata's ``mlogit``, ``svyset``;
scikit-learn's ``LogisticRegression``), is answered with this package's: the AttributeError
named only the attribute."""

import importlib
import pickle
import re

import pytest

import mnlogit
from mnlogit._other_attributes import OTHER_FUNCTIONS
from mnlogit._other_options import OTHER_ATTRIBUTES


@pytest.fixture(scope="module")
def res():
    return mnlogit.fit("mode ~ parking + region", mnlogit.datasets.load("travel"), ref="car")


@pytest.mark.parametrize("name", sorted(OTHER_ATTRIBUTES))
def test_another_packages_name_is_answered_with_the_one_to_write(res, name):
    assert not hasattr(res, name)  # hasattr() still works: it is an AttributeError
    with pytest.raises(AttributeError, match=re.escape(OTHER_ATTRIBUTES[name])):
        getattr(res, name)
    # the hint names attributes the results have, so it cannot go stale
    named = re.findall(r"\bres\.(\w+)", OTHER_ATTRIBUTES[name])
    assert named and all(hasattr(res, n) for n in named), (name, named)


def test_the_common_ones():
    assert "res.zvalues" in OTHER_ATTRIBUTES["tvalues"]
    assert "pseudo_r2['mcfadden']" in OTHER_ATTRIBUTES["prsquared"]
    assert "res.predict()" in OTHER_ATTRIBUTES["fittedvalues"]


def test_other_packages_tests_between_fits_and_of_terms_are_answered(res):
    # statsmodels' res.compare_lr_test(restricted) and wald_test_terms(), R's drop1 and
    # car's linearHypothesis named only the attribute
    answers = {
        "compare_lr_test": r"res\.lr_test\(restricted\), the fits in either order",
        "compare_lm_test": r"not offered: .* res\.lr_test\(restricted\)",
        "wald_test_terms": r"res\.anova\(\): per term, Wald tests with a robust",
        "drop1": r"res\.anova\('III'\)",
        "linearHypothesis": r"res\.wald_test\('bus:x = train:x'\)",
    }
    for name, says in answers.items():
        with pytest.raises(AttributeError, match=says):
            getattr(res, name)


def test_other_names_fail_as_usual_and_results_still_pickle(res):
    with pytest.raises(AttributeError, match=r"no attribute 'zvalue'$") as err:
        res.zvalue  # noqa: B018
    assert err.value.name == "zvalue" and err.value.obj is res  # Python's "Did you mean"
    again = pickle.loads(pickle.dumps(res))
    assert again.params.equals(res.params)


@pytest.mark.parametrize("name", sorted(OTHER_FUNCTIONS))
def test_another_packages_function_is_answered_with_the_one_to_write(res, name):
    assert not hasattr(mnlogit, name)  # hasattr() still works: it is an AttributeError
    with pytest.raises(AttributeError, match=re.escape(OTHER_FUNCTIONS[name])) as err:
        getattr(mnlogit, name)
    assert err.value.name == name
    # the hint names what the package and a fit have, so it cannot go stale
    hint = OTHER_FUNCTIONS[name]
    for path in re.findall(r"\bmnlogit((?:\.\w+)+)", hint):
        found = mnlogit
        for part in path.strip(".").split("."):
            if not hasattr(found, part):
                found = importlib.import_module(f"{found.__name__}.{part}")
            else:
                found = getattr(found, part)
    # any text after "res." (a placeholder res.<name> sent mnlogit.coef's user to res.coef)
    for method in re.findall(r"\bres\.([^\s(),]+)", hint):
        assert hasattr(res, method), (name, method)


def test_no_hint_shadows_what_the_package_has():
    public = set(dir(mnlogit)) | {"margins", "report", "sklearn", "datasets"}
    assert not public & set(OTHER_FUNCTIONS)


def test_the_common_functions_and_the_rest_fail_as_usual():
    with pytest.raises(AttributeError, match=r"mnlogit\.lr_test\(smaller, larger\)"):
        mnlogit.lrtest  # noqa: B018
    with pytest.raises(AttributeError, match=r"mnlogit\.fit\("):
        mnlogit.multinom  # noqa: B018
    with pytest.raises(AttributeError, match=r"^module 'mnlogit' has no attribute 'fitt'$"):
        mnlogit.fitt  # noqa: B018
    with pytest.raises(ImportError):
        from mnlogit import multinom  # noqa: F401
