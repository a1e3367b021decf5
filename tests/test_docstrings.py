"""Every public name has a numpydoc docstring: a one-line summary, Parameters naming every
argument, Returns for what returns a value, and Examples (which the doctest run executes)."""

import inspect
import io
import re

import numpy as np
import pytest

import mnlogit
import mnlogit.report
import mnlogit.report.cli
import mnlogit.report.plotting
from mnlogit.iia import IIATestResult
from mnlogit.inference import TestResult
from mnlogit.model import MNLogit
from mnlogit.report.summary import Summary
from mnlogit.results import MNLogitResults
from mnlogit.separation import Separation

# classes whose public methods and properties are part of the API: those mnlogit exports
# (errors and warnings aside) and those its results hand out
CLASSES_WITH_MEMBERS = tuple(
    dict.fromkeys(
        [
            *(
                obj
                for obj in (getattr(mnlogit, name) for name in mnlogit.__all__)
                if inspect.isclass(obj) and not issubclass(obj, (Exception, Warning))
            ),
            MNLogitResults,
            MNLogit,
            TestResult,
            IIATestResult,
            Separation,
            Summary,
        ]
    )
)
MODULES = (mnlogit, mnlogit.datasets, mnlogit.report, mnlogit.report.plotting, mnlogit.report.cli)
try:  # the scikit-learn estimator, with the sklearn extra
    import mnlogit.sklearn

    MODULES = (*MODULES, mnlogit.sklearn)
    CLASSES_WITH_MEMBERS = (*CLASSES_WITH_MEMBERS, mnlogit.sklearn.MNLogitClassifier)
except ImportError:
    pass


def _public_names() -> dict[str, object]:
    """Qualified name -> object, each object once (under the first name it is found by)."""
    found: dict[str, object] = {}
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.ismodule(obj):
                continue  # mnlogit.datasets: its functions are listed through MODULES
            if all(obj is not seen for seen in found.values()):
                found[f"{module.__name__}.{name}"] = obj
    for cls in CLASSES_WITH_MEMBERS:
        for klass in cls.__mro__:
            if not klass.__module__.startswith("mnlogit"):
                continue  # object, Exception, ...: not documented here
            for name, member in vars(klass).items():
                if name.startswith("_") or f"{cls.__module__}.{cls.__name__}.{name}" in found:
                    continue
                if isinstance(member, (property, staticmethod, classmethod)) or callable(member):
                    found[f"{cls.__module__}.{cls.__name__}.{name}"] = getattr(cls, name, member)
                elif hasattr(member, "func"):  # functools.cached_property
                    found[f"{cls.__module__}.{cls.__name__}.{name}"] = member
                elif type(member).__module__.startswith("mnlogit") and callable(
                    getattr(cls, name, None)
                ):  # the package's descriptor handing out a method (res.summary)
                    found[f"{cls.__module__}.{cls.__name__}.{name}"] = getattr(cls, name)
    return found


PUBLIC = _public_names()


def _doc(obj: object) -> str:
    if isinstance(obj, property) and obj.fget is not None:
        return inspect.getdoc(obj.fget) or ""
    if hasattr(obj, "func") and not callable(obj):  # cached_property
        return inspect.getdoc(obj.func) or ""  # type: ignore[attr-defined]
    return inspect.getdoc(obj) or ""


def _sections(doc: str) -> dict[str, str]:
    """numpydoc sections: a title line underlined with dashes, up to the next title."""
    parts = re.split(r"^(\w[\w ]*)\n-{3,}\s*$", doc, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _documented_parameters(section: str) -> set[str]:
    names: set[str] = set()
    for line in section.splitlines():
        if line and not line[0].isspace():
            head = line.split(" : ")[0]
            names |= {n.strip() for n in head.split(",")}
    return names


def _parameters(obj: object) -> list[str]:
    target = obj.__init__ if inspect.isclass(obj) else obj
    try:
        sig = inspect.signature(target)
    except (TypeError, ValueError):
        return []
    names = []
    for p in sig.parameters.values():
        if p.name in ("self", "cls"):
            continue
        prefix = {p.VAR_POSITIONAL: "*", p.VAR_KEYWORD: "**"}.get(p.kind, "")
        names.append(prefix + p.name)
    return names


def _is_warning_or_error(obj: object) -> bool:
    return inspect.isclass(obj) and issubclass(obj, (Exception, Warning))


def test_the_walk_finds_the_api():
    assert "mnlogit.fit" in PUBLIC and "mnlogit.results.MNLogitResults.iia_test" in PUBLIC
    assert "mnlogit.results.MNLogitResults.params" in PUBLIC  # a cached property
    assert "mnlogit.results.MNLogitResults.llf" in PUBLIC  # a property
    assert "mnlogit.report.summary.Summary.as_latex" in PUBLIC
    assert "mnlogit.results.MNLogitResults.summary" in PUBLIC  # res.summary, a descriptor
    assert "mnlogit.datasets.load" in PUBLIC and "mnlogit.MNLogitError" in PUBLIC
    assert len(PUBLIC) > 70


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_name_has_a_numpydoc_docstring(name):
    obj = PUBLIC[name]
    doc = _doc(obj)
    assert doc, f"{name} has no docstring"
    lines = doc.splitlines()
    assert lines[0].strip() and (len(lines) == 1 or not lines[1].strip()), (
        f"{name}: the docstring must open with a one-line summary and a blank line"
    )
    sections = _sections(doc)
    assert "Examples" in sections, f"{name}: no Examples section"
    assert ">>>" in sections["Examples"], f"{name}: the Examples section has no example"
    if _is_warning_or_error(obj):
        return  # constructed with a message only
    if inspect.isclass(obj):
        assert "Parameters" in sections or "Attributes" in sections, (
            f"{name}: a class documents its Parameters or its Attributes"
        )
    if isinstance(obj, property) or not callable(obj):
        return  # properties: summary and example
    params = _parameters(obj)
    if params and not (inspect.isclass(obj) and "Parameters" not in sections):
        assert "Parameters" in sections, f"{name}: no Parameters section for {params}"
        missing = [p for p in params if p not in _documented_parameters(sections["Parameters"])]
        assert not missing, f"{name}: parameters not documented: {missing}"
    if not inspect.isclass(obj):
        returns = inspect.signature(obj).return_annotation
        if returns not in ("None", None, inspect.Signature.empty):
            assert "Returns" in sections or "Yields" in sections, f"{name}: no Returns section"


def _with_alpha() -> dict[str, object]:
    import mnlogit.margins

    found = {k: v for k, v in PUBLIC.items() if "alpha" in _parameters(v)}
    for name in mnlogit.margins.__all__:
        obj = getattr(mnlogit.margins, name)
        if "alpha" in _parameters(obj):
            found.setdefault(f"mnlogit.margins.{name}", obj)
    return found


def test_every_alpha_is_documented_as_the_error_rate_it_is_checked_as():
    # marginal_effects said "between 0 and 1" and compare "level of the intervals", which
    # reads as 0.95, while every alpha is checked as an error rate in (0, 0.5]
    found = _with_alpha()
    assert "mnlogit.compare" in found and "mnlogit.margins.marginal_effects" in found
    for name, obj in found.items():
        sections = _sections(_doc(obj))
        documented = sections.get("Parameters", "") + sections.get("Attributes", "")
        entry = re.search(r"^alpha : [^\n]*\n((?:[ \t]+[^\n]*\n?)+)", documented, re.M)
        assert entry, f"{name}: alpha not documented"
        text = " ".join(entry.group(1).split())
        assert "(0, 0.5]" in text and "between 0 and 1" not in text, f"{name}: {text!r}"


@pytest.fixture(scope="module")
def travel_fit():
    import warnings

    import mnlogit.datasets

    df = mnlogit.datasets.load("travel")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return mnlogit.fit("mode ~ parking + region", df, ref="car")


def _option_calls(res):
    """Public callables whose docstrings list an option's values as {...}, and how to call
    each with one option set (beside test_readme's check of fit's)."""
    margins = res.margins(at={"parking": [1.0, 2.0]})
    return {
        "predict": (MNLogitResults.predict, lambda **o: res.predict(**o)),
        "marginal_effects": (
            MNLogitResults.marginal_effects,
            lambda **o: res.marginal_effects(**o),
        ),
        "margins": (MNLogitResults.margins, lambda **o: res.margins(over="region", **o)),
        "anova": (MNLogitResults.anova, lambda **o: res.anova(**o)),
        "iia_test": (MNLogitResults.iia_test, lambda **o: res.iia_test("walk", **o)),
        "compare": (mnlogit.compare, lambda **o: mnlogit.compare([res], **o)),
        "SurveyDesign": (mnlogit.SurveyDesign, lambda **o: mnlogit.SurveyDesign(**o)),
        "contrast": (type(margins).contrast, lambda **o: margins.contrast("parking", **o)),
    }


def _refused_listing(call, option: str) -> set:
    """The values the refusal of ``option="bogus"`` lists as allowed."""
    import ast

    with pytest.raises(mnlogit.MNLogitError, match="expected one of") as refused:
        call(**{option: "bogus"})
    allowed = re.search(r"expected one of (\(.*?\))", str(refused.value))
    assert allowed, f"{option}=...: {refused.value}"
    accepted = ast.literal_eval(allowed.group(1))  # a one-value list reads as a string
    return {accepted} if isinstance(accepted, str) else set(accepted)


def test_the_option_values_docstrings_list_are_the_ones_taken(travel_fit):
    # help() is where a user reads an option's values: each {...} must be what the option
    # takes, the value outside them refused with the values allowed
    import ast

    checked = 0
    for name, (documented_on, call) in _option_calls(travel_fit).items():
        listed = dict(re.findall(r"^(\w+) : \{([^}]*)\}", _doc(documented_on), flags=re.M))
        assert listed, f"{name}: no option listed as {{...}}"
        for option, values in listed.items():
            documented = set(ast.literal_eval(f"({values},)"))
            accepted = _refused_listing(call, option)
            assert accepted == documented, (name, option, accepted, documented)
            checked += 1
    assert checked >= 11


def test_the_covariances_cov_params_and_bse_name_are_the_fits_cov_types():
    # they named the model-based, robust and cluster-robust covariances only: a survey fit's
    # is design-based, and an L2-penalised fit's cov_params() is NaN, which was not said
    import warnings

    travel = mnlogit.datasets.load("travel")
    for member in (MNLogitResults.cov_params, MNLogitResults.bse):
        doc = " ".join((inspect.getdoc(member) or "").split())
        assert re.search(r"cluster-robust or design-based (covariance )?as the fit's", doc)
    svy = mnlogit.fit(
        "mode ~ parking", travel, ref="car", weights=travel["age"] / 10, weight_type="probability"
    )
    assert svy.cov_type == "design" and np.isfinite(svy.cov_params().to_numpy()).all()
    doc = " ".join((inspect.getdoc(MNLogitResults.cov_params) or "").split())
    assert "for an L2-penalised fit (with an ``InferenceWarning``" in doc
    ridge = mnlogit.fit("mode ~ parking", travel, ref="car", penalty="l2")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert ridge.cov_params().isna().all().all()
    assert [w.category for w in caught] == [mnlogit.InferenceWarning]


def test_what_the_csv_exports_help_says_gets_a_quote_is_what_gets_one():
    # help(res.to_csv), Summary.as_csv and ComparisonTable.as_csv named only labels read as
    # formulas (and those beginning with '): the levels 00, 1-2 and NA got a ' unannounced
    import pandas as pd

    from mnlogit.report.compare import ComparisonTable

    for member in (MNLogitResults.to_csv, Summary.as_csv, ComparisonTable.as_csv):
        doc = " ".join((inspect.getdoc(member) or "").split())
        assert "(``00``, ``1-2``)" in doc and "missing (``NA``)" in doc, member
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=400), "y": rng.choice(["ok", "00", "1-2", "NA"], 400)})
    res = mnlogit.fit("y ~ x", df, ref="ok")
    out = io.StringIO()
    res.to_csv(out)
    written = {line.split(",")[0] for line in out.getvalue().splitlines()[1:]}
    assert written == {"'00", "'1-2", "'NA"}
    summary = {line.split(",")[0] for line in res.summary().as_csv().splitlines()[1:]}
    assert summary == written
    both = [res, mnlogit.fit("y ~ 1", df, ref="ok")]
    table = mnlogit.compare(both, names=["00", "NA"]).as_csv()
    assert table.splitlines()[0] == "outcome,term,statistic,'00,'NA"


def test_every_docstring_example_runs_and_checks_what_it_prints():
    # plot_margins' only example was marked +SKIP: the doctest run never drew a figure, and
    # an example that prints nothing asserts nothing of what it documents
    import doctest
    import importlib
    import pkgutil

    finder = doctest.DocTestFinder()
    unchecked = []
    for info in pkgutil.walk_packages(mnlogit.__path__, "mnlogit."):
        for test in finder.find(importlib.import_module(info.name)):
            if not test.examples:
                continue
            skipped = any(ex.options.get(doctest.SKIP) for ex in test.examples)
            if skipped or not any(ex.want.strip() for ex in test.examples):
                unchecked.append(test.name)
    assert not unchecked, unchecked


def test_test_results_document_every_field_and_an_f_tests_p_value():
    # TestResult's pvalue was "upper-tail chi-squared probability", where a survey fit's
    # adjusted Wald test gives F's (chi2's was 1e-12 beside F's 3e-34 on the travel design);
    # IIATestResult's Attributes left out df_denom
    import dataclasses

    from scipy import stats

    for cls in (TestResult, IIATestResult):
        documented = _documented_parameters(_sections(_doc(cls))["Attributes"])
        missing = {f.name for f in dataclasses.fields(cls)} - documented
        assert not missing, (cls.__name__, missing)
    entry = re.search(r"^pvalue : [^\n]*\n((?:[ \t]+[^\n]*\n?)+)", _doc(TestResult), re.M)
    assert entry and "F on ``df`` and ``df_denom``" in " ".join(entry.group(1).split())
    svy = mnlogit.datasets.load("travel")
    svy["pw"] = svy["region"].map({"urban": 40.0, "suburban": 25.0, "rural": 10.0})
    design = mnlogit.SurveyDesign(weights="pw", strata="region", psu="household")
    res = mnlogit.fit("mode ~ np.log(distance) + income + parking", svy, ref="car", design=design)
    test = res.wald_test("parking")
    assert test.df_denom == 1195.0
    f_tail = stats.f.sf(test.statistic, test.df, test.df_denom)
    assert test.pvalue == pytest.approx(f_tail, rel=1e-12)
    assert test.pvalue < 1e-6 * stats.chi2.sf(test.statistic, test.df)


def _builder_calls():
    """The model class, check_separation, the classifier and the figures: each documented
    object and a call with one option set (fit's are test_readme's)."""
    import mnlogit.report.plotting as plotting
    from mnlogit.sklearn import MNLogitClassifier

    travel = mnlogit.datasets.load("travel")
    model = MNLogit.from_formula("mode ~ parking", travel, ref="car")
    x = np.column_stack([np.ones(60), np.arange(60.0) % 7])
    y = np.arange(60) % 3
    res = mnlogit.fit("mode ~ distance + parking", travel, ref="car")
    return {
        "MNLogit.fit": (MNLogit.fit, lambda **o: model.fit(**o)),
        "MNLogit.from_formula": (
            MNLogit.from_formula,
            lambda **o: MNLogit.from_formula("mode ~ parking", travel, weights="age", **o),
        ),
        "MNLogit": (MNLogit, lambda **o: MNLogit(y, x, weights=np.ones(60), **o)),
        "check_separation": (
            mnlogit.check_separation,
            lambda **o: mnlogit.check_separation("mode ~ parking", travel, weights="age", **o),
        ),
        "MNLogitClassifier": (
            MNLogitClassifier,
            lambda **o: MNLogitClassifier(**o).fit(x[:, 1:], y),
        ),
        "plot_probabilities": (
            plotting.plot_probabilities,
            lambda **o: plotting.plot_probabilities(res, "parking", **o),
        ),
        "plot_decision_regions": (
            plotting.plot_decision_regions,
            lambda **o: plotting.plot_decision_regions(res, "distance", "parking", **o),
        ),
    }


_LISTED = re.compile(r"^(\w+(?:, \w+)*) : \{([^}]*)\}", flags=re.M)


def test_the_option_values_the_model_classifier_and_figures_list_are_the_ones_taken():
    # beside the results' methods, compare and SurveyDesign (above and in
    # test_method_options_documented.py) and fit (test_readme), every public callable whose
    # help lists an option's values as {...} is held to them
    import ast

    import matplotlib

    matplotlib.use("Agg")
    checked = 0
    for name, (documented_on, call) in _builder_calls().items():
        listed = _LISTED.findall(_doc(documented_on))
        assert listed, f"{name}: no option listed as {{...}}"
        for options, values in listed:
            documented = set(ast.literal_eval(f"({values},)"))
            for option in options.split(", "):
                accepted = _refused_listing(call, option)
                # "design", the covariance of survey data, is refused without them
                assert accepted <= documented and documented - accepted <= {"design"}, (
                    name,
                    option,
                    accepted,
                    documented,
                )
                checked += 1
    assert checked >= 15


def test_every_public_callable_listing_option_values_is_held_to_them():
    from mnlogit.report.compare import ComparisonTable

    held = (
        {f"mnlogit.{name}" for name in ("fit", "compare", "SurveyDesign", "check_separation")}
        | {
            "mnlogit.ComparisonTable",  # compare's
            "mnlogit.MNLogit",
            "mnlogit.model.MNLogit.fit",
            "mnlogit.model.MNLogit.from_formula",
            "mnlogit.sklearn.MNLogitClassifier",
            "mnlogit.report.plotting.plot_probabilities",
            "mnlogit.report.plotting.plot_decision_regions",
            "mnlogit.margins.result.Margins.contrast",
            # built by the package, not called with options: their lists describe attributes
            "mnlogit.MNLogitResults",
            "mnlogit.Margins",
        }
        | {
            f"mnlogit.results.MNLogitResults.{m}"
            for m in ("predict", "marginal_effects", "margins", "anova", "iia_test", "iia_table")
        }
    )
    assert PUBLIC["mnlogit.ComparisonTable"] is ComparisonTable
    listing = {name for name, obj in PUBLIC.items() if _LISTED.search(_doc(obj))}
    assert listing <= held, listing - held
    assert {"mnlogit.sklearn.MNLogitClassifier", "mnlogit.model.MNLogit.fit"} <= listing
