"""The option values help() lists for each method of a result ({"II", "III"}, ...) are the ones
the method takes: a bogus value is refused listing exactly those, as help(mnlogit.fit)'s are
held to fit (tests/test_readme.py)."""

import ast
import inspect
import re

import pytest

import mnlogit

CALLS = {
    # method: how to call it with one option set, the others as needed
    "anova": lambda res, kw: res.anova(**kw),
    "iia_table": lambda res, kw: res.iia_table(**kw),
    "iia_test": lambda res, kw: res.iia_test("walk", **kw),
    "marginal_effects": lambda res, kw: res.marginal_effects(**kw),
    "margins": lambda res, kw: res.margins(**kw),
    "predict": lambda res, kw: res.predict(**kw),
}


def _listed(obj) -> dict[str, set]:
    doc = inspect.getdoc(obj) or ""
    return {
        name: set(ast.literal_eval(f"({values},)"))
        for name, values in re.findall(r"^(\w+) : \{([^}]*)\}", doc, flags=re.M)
    }


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")


def _accepted(call) -> set:
    with pytest.raises(mnlogit.MNLogitError, match="expected one of") as refused:
        call()
    allowed = re.search(r"expected one of (\(.*?\))", str(refused.value))
    assert allowed, str(refused.value)
    accepted = ast.literal_eval(allowed.group(1))
    return {accepted} if isinstance(accepted, str) else set(accepted)


@pytest.mark.parametrize("method", sorted(CALLS))
def test_the_values_help_lists_are_those_the_method_takes(res, method):
    listed = _listed(getattr(mnlogit.MNLogitResults, method))
    assert listed, f"help(res.{method}) lists no option values"
    for option, values in listed.items():
        refused = _accepted(lambda option=option: CALLS[method](res, {option: "bogus"}))
        assert refused == values, option


def test_and_those_of_a_contrast_of_margins(res):
    m = res.margins(over="region")
    for option, values in _listed(mnlogit.Margins.contrast).items():
        assert option == "method"
        assert _accepted(lambda: m.contrast("region", "bogus")) == values


def test_every_listing_method_is_checked():
    listing = {
        name
        for name, f in inspect.getmembers(mnlogit.MNLogitResults)
        if not name.startswith("_") and _listed(f)
    }
    assert listing == set(CALLS)
