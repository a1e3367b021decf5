"""Another package's name for a result's attribute (statsmodels' ``tvalues``, ``prsquared``,
``fittedvalues``; R's ``coef``, ``vcov``, ``confint``) is answered with this package's: the
AttributeError named only the attribute."""

import pickle
import re

import pytest

import mnlogit
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


def test_other_names_fail_as_usual_and_results_still_pickle(res):
    with pytest.raises(AttributeError, match=r"no attribute 'zvalue'$") as err:
        res.zvalue  # noqa: B018
    assert err.value.name == "zvalue" and err.value.obj is res  # Python's "Did you mean"
    again = pickle.loads(pickle.dumps(res))
    assert again.params.equals(res.params)
