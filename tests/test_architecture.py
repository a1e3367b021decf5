"""The package's import structure, read from the source with ``ast`` (nothing is imported).

Every module of ``mnlogit/`` belongs to one layer; a module may import from its own layer or
from layers below it, never from a layer above, and the imports between modules form no
circle. Imports inside functions are for optional dependencies only. ARCHITECTURE.md explains
the layers; a new module is added to LAYERS below, in the layer where it belongs.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mnlogit"

# Top to bottom: a module may import from its own layer and the layers after it.
LAYERS: dict[str, tuple[str, ...]] = {
    "entry": (
        "__init__",
        "api",
        "__main__",
        "_cli_errors",
        "_cli_advice",
        "_cli_parser",
        "_cli_start",
        "_cli_files",
        "_cli_numbers",
        "_cli_archives",
        "_cli_header",
        "_cli_names",
        "_cli_text",
        "_cli_encodings",
        "_cli_labels",
        "_cli_outputs",
        "_cli_roles",
        "_cli_datasets",
        "_cli_show",
        "sklearn",
        "_sklearn_columns",
        "_sklearn_arrays",
        "_sklearn_fitted",
        "_sklearn_inputs",
        "_sklearn_formula",
        "_sklearn_advice",
        "_sklearn_tables",
        "_sklearn_labels",
        "_sklearn_options",
        "_sklearn_weights",
        "_sklearn_rows",
        "_sklearn_keywords",
        "_sklearn_records",
        "_sklearn_rhs",
        "_sklearn_outcome",
    ),
    "builders": (
        "model",
        "_model_survey",
        "_inputs",
        "_subpop_columns",
        "_dask",
        "_dask_data",
        "_dask_compute",
        "_dask_checks",
        "_dask_parts",
        "_dask_meat",
        "_dask_sample",
        "_dask_nonfinite",
        "_dask_refusals",
        "_dask_units",
        "_dask_survey",
    ),
    "results": (
        "results",
        "_results_base",
        "_results_estimates",
        "_results_statistics",
        "_results_rendering",
        "_results_reference",
        "_results_analyses",
    ),
    "analysis": (
        "inference",
        "_anova",
        "_refits",
        "_lr_gain",
        "_rao_scott",
        "_test_result",
        "_comparable",
        "_same_design",
        "_marginality",
        "_wald",
        "_penalised_notes",
        "_unsupported",
        "iia",
        "_iia_methods",
        "_iia_small_hsiao",
        "_iia_variances",
        "_iia_basis",
        "_iia_rank",
        "margins",
        "margins.*",
        "covariance",
        "_covariance_names",
        "report.*",
    ),
    "core": (
        # the exact check, cleared by a maximum-likelihood fit's probabilities where they
        # prove the data not separated (it runs fits)
        "_separation_proof",
        # the refusal of a sandwich of Firth's estimates of separated data (it runs the check)
        "_firth_sandwich",
        "_separation_advice",
        "_methods",
        "_rare_levels",
        "_separated_finish",
        # the exact check that tells a finite maximum far out from separation: maximum
        # likelihood goes on when it finds none (it reads only the data's arrays)
        "separation",
        # the screen of the sums a model keeps, which sends a fit to the exact check, and
        # what a dask fit reports from it
        "_screen",
        # its indicators of factor levels and cells under any coding
        "_screen_cells",
        "_recession",
        "_row_generation",
        "_lp_design",
        "_firth",
        "_firth_starts",
        "_firth_newton",
        "_solvers",
        "_deferred_information",
        "_step_rules",
        "_quasi_newton",
        "_penalty",
        "_blocksolve",
        "_memory",
        "_sums",
        "_products",
        "_grouped",
        "_fisher",
        "_pairs",
        "_near_certain",
        "_null",
        "_scores",
        "_in_memory_data",
        "_data",
        "_evaluator",
        "_levels",
        "_level_identity",
        "_new_levels",
        "_clusters",
        "_alike",
        "_checks",
        "_size_checks",
        "_shown_numbers",
        "_rank",
        "_factor_rank",
        "_other_options",
        "_misplaced_newdata",
        "_weight_words",
        "_once",
        "_parallel",
        "_immutable",
        "_progress",
        "_stop_messages",
        "_linalg",
        "_restrictions",
        "_coefficient_spellings",
        "_restriction_arrays",
        "_restriction_text",
        "_stata_restrictions",
        "_other_prediction_options",
        "_other_test_options",
        "_statsmodels_options",
        "_other_attributes",
        "_call_arity",
        "formula",
        "_design",
        "_plain_design",
        "_new_data_design",
        "_period_reading",
        "_encoding_errors",
        "_design_fill",
        "_kept_columns",
        "_columns",
        "_column_hints",
        "_frame_snapshot",
        "_nonfinite",
        "_unpredictable",
        "_value_kinds",
        "_arrow_kernels",
        "_dtypes",
        "_array_booleans",
        "_decimals",
        "_tables",
        "_polars",
        "_terms",
        "_integer_reads",
        "_python_reads",
        "_outcome_kept",
        "_date_text",
        "_subpop_levels",
        "_subpop_refusals",
        "_rowwise",
        "_r_coding",
        "_r_nesting",
        "_transform_scales",
        "_transform_arguments",
        "_ordered",
        "_learned_rows",
        "_formula_text",
        "_r_spellings",
        "_r_between_terms",
        "_self_crossed",
        "_stata_spellings",
        "_python_spellings",
        "_backticks",
        "survey",
        "_survey_inputs",
        "_survey_spellings",
        "_survey_hints",
        "_survey_fpc",
        "_owned",
        "_conditions",
        "_distributions",
        "exceptions",
        "_version",
        "datasets",
    ),
}
RANK = {layer: k for k, layer in enumerate(LAYERS)}

# Third-party packages that are optional extras: imported only where they are used.
OPTIONAL = frozenset({"matplotlib", "dask", "distributed", "sklearn", "pyarrow", "polars"})
# Imports deferred to their first use in one module of the package: scipy.stats is a quarter
# of the package's import time, and fits that test nothing never use it.
DEFERRED = frozenset({("_distributions", "scipy")})


@dataclass(frozen=True)
class Import:
    """One import statement's target, as seen from the module that contains it."""

    source: str  # importing module, e.g. "report.plotting"
    target: str  # a module of the package ("report.summary") or a top-level third-party name
    internal: bool
    line: int
    in_function: bool
    type_only: bool  # under ``if TYPE_CHECKING:``: read by type checkers, never run


# --- reading the source ------------------------------------------------------------------
def module_name(path: Path, root: Path = PACKAGE) -> str:
    """``report/plotting.py`` -> ``report.plotting``; ``report/__init__.py`` -> ``report``."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _package_of(module: str, is_package: bool) -> list[str]:
    """The package a module's relative imports start from, as a list of name parts."""
    if module == "__init__":
        return []
    parts = module.split(".")
    return parts if is_package else parts[:-1]


def parse_imports(module: str, source: str, modules: set[str], is_package: bool = False):
    """Every import in ``source`` (the text of ``module``), resolved against ``modules``."""
    found: list[Import] = []

    def internal_target(parts: list[str]) -> str:
        # the longest prefix that is a module; the package itself is "__init__"
        for k in range(len(parts), 0, -1):
            name = ".".join(parts[:k])
            if name in modules:
                return name
        return "__init__"

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, True, type_only)
                continue
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(ast.Module(body=[stmt], type_ignores=[]), in_function, True)
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]), in_function, type_only)
                continue
            targets: list[tuple[str, bool]] = []
            if isinstance(child, ast.Import):
                for alias in child.names:
                    parts = alias.name.split(".")
                    if parts[0] == "mnlogit":
                        targets.append((internal_target(parts[1:]), True))
                    else:
                        targets.append((parts[0], False))
            elif isinstance(child, ast.ImportFrom):
                if child.level == 0:
                    parts = (child.module or "").split(".")
                    if parts[0] != "mnlogit":
                        targets.append((parts[0], False))
                        parts = None
                    else:
                        parts = parts[1:]
                else:
                    base = _package_of(module, is_package)
                    base = base[: len(base) - (child.level - 1)] if child.level > 1 else base
                    parts = base + (child.module.split(".") if child.module else [])
                if parts is not None:
                    for alias in child.names:  # "from . import x" may name a submodule
                        sub = ".".join([*parts, alias.name])
                        targets.append((sub if sub in modules else internal_target(parts), True))
            for target, internal in dict.fromkeys(targets):
                found.append(Import(module, target, internal, child.lineno, in_function, type_only))
            visit(child, in_function, type_only)

    visit(ast.parse(source), False, False)
    return found


def package_imports(root: Path = PACKAGE) -> dict[str, list[Import]]:
    """Every module of the package with its imports."""
    paths = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    modules = set(paths)
    return {
        name: parse_imports(name, path.read_text(), modules, path.name == "__init__.py")
        for name, path in paths.items()
    }


# --- the rules ---------------------------------------------------------------------------
def layer_of(module: str) -> str | None:
    for layer, members in LAYERS.items():
        for m in members:
            if module == m or (m.endswith(".*") and module.split(".")[0] == m[:-2]):
                return layer
    return None


def unmapped(modules) -> list[str]:
    return sorted(m for m in modules if layer_of(m) is None)


def upward(edges) -> list[str]:
    """Edges (importer, imported) that point from a lower layer to a higher one."""
    out = []
    for a, b in edges:
        la, lb = layer_of(a), layer_of(b)
        if la is not None and lb is not None and RANK[lb] < RANK[la]:
            out.append(f"{a} ({la}) imports {b} ({lb})")
    return sorted(set(out))


def circles(edges) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module, and
    modules that import themselves (Tarjan's algorithm)."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(found)


def wraps_optional(imports: dict[str, list[Import]]) -> set[str]:
    """Modules of the package that import an optional dependency when they are imported."""
    return {
        m
        for m, imps in imports.items()
        if any(not i.internal and not i.in_function and i.target in OPTIONAL for i in imps)
    }


def imports_in_functions(imports: dict[str, list[Import]]) -> list[str]:
    """Imports inside functions of anything but an optional dependency (or a module of the
    package that wraps one, such as ``_dask``)."""
    allowed = OPTIONAL | wraps_optional(imports)
    return sorted(
        f"{i.source}:{i.line} imports {i.target} inside a function"
        for imps in imports.values()
        for i in imps
        if i.in_function
        and not i.type_only
        and i.target not in allowed
        and (i.source, i.target) not in DEFERRED
    )


def runtime_edges(imports: dict[str, list[Import]]) -> list[tuple[str, str]]:
    """Edges between modules of the package that run (type-only imports left out)."""
    return sorted(
        {
            (i.source, i.target)
            for imps in imports.values()
            for i in imps
            if i.internal and not i.type_only and i.target != i.source
        }
    )


@pytest.fixture(scope="module")
def imports():
    return package_imports()


# --- the package follows them --------------------------------------------------------------
def test_every_module_has_a_layer(imports):
    assert len(imports) > 20
    assert unmapped(imports) == []


def test_imports_point_down_the_layers(imports):
    assert upward(runtime_edges(imports)) == []


def test_analysis_never_imports_results_model_or_the_entry_points(imports):
    upper = {m for m in imports if RANK[layer_of(m)] <= RANK["results"]}
    analysis = [m for m in imports if layer_of(m) in ("analysis", "core")]
    assert [(a, b) for a, b in runtime_edges(imports) if a in analysis and b in upper] == []


def test_no_import_circles(imports):
    assert circles(runtime_edges(imports)) == []


def test_imports_inside_functions_are_optional_dependencies_only(imports):
    assert imports_in_functions(imports) == []
    assert "_dask" in wraps_optional(imports)  # api imports it when a dask DataFrame is given


def test_only_formula_imports_formulaic(imports):
    users = {i.source for imps in imports.values() for i in imps if i.target == "formulaic"}
    assert users == {"formula"}


def test_relative_imports_resolve_to_modules(imports):
    # what the rules above read: spot checks of the resolution
    def targets(module):
        return {i.target for i in imports[module] if i.internal}

    parts = ("results", "_results_estimates", "_results_rendering", "_results_analyses")
    assert {"report.summary", "report.plotting", "iia", "inference", "margins"} <= set().union(
        *(targets(m) for m in parts)
    )
    assert {"_checks", "exceptions", "margins"} <= targets("report.plotting")
    assert {"__init__", "datasets", "api"} <= targets("__main__")  # from . import __version__
    assert "report.summary" in targets("report")


# --- the rules can fail ------------------------------------------------------------------
def test_the_checks_report_an_upward_import_and_a_circle():
    edges = [
        ("inference", "results"),  # analysis -> results: upward
        ("results", "iia"),
        ("iia", "inference"),  # results -> iia -> inference -> results: a circle
        ("_fisher", "_linalg"),
        ("_linalg", "_fisher"),  # a same-layer circle
        ("model", "_solvers"),  # downward: fine
    ]
    assert upward(edges) == ["inference (analysis) imports results (results)"]
    assert circles(edges) == [["_fisher", "_linalg"], ["iia", "inference", "results"]]
    assert circles([("model", "model")]) == [["model"]]
    assert upward([("model", "_solvers"), ("api", "model")]) == []


def test_the_checks_report_function_imports_and_unmapped_modules():
    modules = {"results", "report.summary", "report", "iia", "_fisher"}
    source = (
        "import numpy as np\n"
        "from typing import TYPE_CHECKING\n"
        "from .report import summary\n"
        "if TYPE_CHECKING:\n"
        "    from .results import MNLogitResults\n"
        "def f():\n"
        "    import matplotlib.pyplot as plt\n"
        "    from .iia import iia_test\n"
        "    from scipy import stats\n"
    )
    imps = {"_fisher": parse_imports("_fisher", source, modules)}
    assert imports_in_functions(imps) == [
        "_fisher:8 imports iia inside a function",
        "_fisher:9 imports scipy inside a function",
    ]
    assert {(i.target, i.type_only) for i in imps["_fisher"] if i.internal} == {
        ("report.summary", False),
        ("results", True),
        ("iia", False),
    }
    assert runtime_edges(imps) == [("_fisher", "iia"), ("_fisher", "report.summary")]
    assert upward(runtime_edges(imps)) == [
        "_fisher (core) imports iia (analysis)",
        "_fisher (core) imports report.summary (analysis)",
    ]
    assert unmapped(["api", "report.html", "_new_module"]) == ["_new_module"]


def test_every_module_has_a_row_in_the_architecture_table():
    # report/_compare_checks.py had none: the table is where a reader looks for a module
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text()
    rows = " ".join(line.split("|")[1] for line in text.splitlines() if line.startswith("| `"))
    named = set()
    for cell in re.findall(r"`([^`]+\.py)`", rows):
        prefix = cell.split("*")[0]  # `_results_*.py` stands for every _results_ module
        named.add(prefix if "*" in cell else cell)
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.endswith("__init__.py") and rel != "__init__.py":
            continue  # a subpackage's __init__ re-exports its modules' names
        if rel not in named and not any(rel.startswith(p) for p in named if not p.endswith(".py")):
            missing.append(rel)
    assert missing == [], f"ARCHITECTURE.md's module table has no row for {missing}"


def test_the_architectures_layer_diagram_puts_every_module_where_layers_does():
    # eleven modules (_rao_scott, _null, _same_design, ...) were in LAYERS and in the
    # table but not in the diagram a reader checks an import against
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text()
    found = re.search(r"## Which module may import which\n\n```\n(.*?)```", text, re.S)
    assert found, "ARCHITECTURE.md no longer draws the layers"
    drawn: dict[str, set[str]] = {}
    layer = ""
    for line in found.group(1).splitlines():
        words = line.split()
        if not line.startswith(" "):
            layer, words = words[0], words[1:]
        drawn.setdefault(layer, set()).update(w.replace("/", ".") for w in words)
    wanted = {
        name: {m for m in members if m not in ("margins", "report")}
        for name, members in LAYERS.items()
    }
    misplaced = {
        name: (
            sorted(wanted[name] - drawn.get(name, set())),
            sorted(drawn.get(name, set()) - wanted[name]),
        )
        for name in wanted
        if drawn.get(name) != wanted[name]
    }
    assert misplaced == {}, f"layer: (missing from the diagram, drawn but not there) {misplaced}"
    assert drawn.keys() == wanted.keys()


def test_the_architecture_names_what_a_new_covariance_type_must_implement():
    # it listed matrix() but not block(), abstract too: a covariance written from it could
    # not be made (TypeError: can't instantiate abstract class)
    import re

    from mnlogit.covariance import Covariance

    text = " ".join((PACKAGE.parent / "ARCHITECTURE.md").read_text().split())
    item = re.search(r"\*\*A covariance type\*\*:(.*?)- \*\*", text)
    assert item, "ARCHITECTURE.md no longer says where a covariance type goes"
    for name in sorted(Covariance.__abstractmethods__):
        assert f"`{name}(" in item.group(1), name


def test_the_names_the_architecture_table_gives_are_the_packages():
    # _sklearn_tables.py's row named `arrow_integers`, renamed arrow_exact_numbers when
    # decimal columns joined it: a reader looking for it found nothing
    import re

    sources = {p: p.read_text() for p in PACKAGE.rglob("*.py")}
    words = set(re.findall(r"\w+", "\n".join(sources.values())))
    text = (PACKAGE.parent / "ARCHITECTURE.md").read_text()
    rows = "\n".join(line for line in text.splitlines() if line.startswith("| `"))
    unknown = []
    for name in sorted(set(re.findall(r"`([A-Za-z_]\w*)`", rows))):
        if "_" not in name and not re.search(r"[a-z][A-Z]", name):
            continue  # a plain word (`verbose`, `Categorical`), not the package's own name
        # `_estimates` of the row of `_results_*.py` stands for _results_estimates.py
        if name not in words and not any(path.stem.endswith(name) for path in sources):
            unknown.append(name)
    assert unknown == [], f"ARCHITECTURE.md names {unknown}, which no module defines"
