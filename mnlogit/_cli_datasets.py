"""``mnlogit datasets NAME``: a bundled data set described as the command line uses it. The
library's description (:func:`mnlogit.datasets.describe`) is Python's: where the true
coefficients are (``mnlogit.datasets.info(...)``), ``cov_type='cluster'``, an example
``mnlogit.fit(...)``; a user of the command line has its options and no Python session."""

from __future__ import annotations

import os
import re
import textwrap

from tabulate import tabulate

from . import datasets
from ._cli_errors import UsageError, shell_word

__all__ = ["check_not_a_file", "describe"]

# the library's sentences that name Python, said with the command's options
_RULES = (
    (
        re.compile(r" \(in mnlogit\.datasets\.info\('[^']*'\)\['true_coefficients'\]\)"),
        " (listed below)",
    ),
    (re.compile(r"cov_type='(\w+)' with groups='([^']*)'"), r"--cov \1 --groups \2"),
)


def describe(name: str) -> str:
    """The data set ``name`` described for the command line: its title, what the data are,
    its columns, the coefficients simulated data were drawn from, and an example command.

    Examples
    --------
    >>> from mnlogit._cli_datasets import describe
    >>> print(describe("risk").splitlines()[-1])
      mnlogit fit --dataset risk "risk ~ age + income" --ref low
    """
    d = datasets.info(name)
    text = d["description"]
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    width = max(len(c) for c in d["columns"])
    lines = [f"{d['name']} ({d['rows']} rows): {d['title']}", "", *textwrap.wrap(text, 88)]
    lines += ["", "Columns:"]
    lines += [f"  {col:<{width}}  {meaning}" for col, meaning in d["columns"].items()]
    example = d["example"]
    if "true_coefficients" in d:
        true = d["true_coefficients"]
        outcomes = list(true)
        terms = list(dict.fromkeys(t for outcome in outcomes for t in true[outcome]))
        rows = [[t, *(true[o].get(t, "") for o in outcomes)] for t in terms]
        table = tabulate(rows, headers=["term", *outcomes], tablefmt="simple")
        lines += ["", f"True coefficients (each outcome against {example['ref']}):"]
        lines += ["  " + line for line in table.splitlines()]
    formula = '"' + example["formula"].replace('"', '\\"') + '"'
    lines += ["", f"Source: {d['source']}", "", "Example:"]
    lines.append(f"  mnlogit fit --dataset {name} {formula} --ref {example['ref']}")
    return "\n".join(lines)


# what names a data file rather than a bundled data set
_FILE_ENDINGS = re.compile(r"\.(csv|tsv|tab|txt|dat|gz|bz2|xz|zip|zst)$", re.IGNORECASE)


def check_not_a_file(name: str, command: str) -> None:
    """Refuse a data file given as ``--dataset``: R's ``data = d`` written ``--data d.csv``
    (which argparse takes for --dataset) was told "dataset 'd.csv' is not bundled"."""
    names = datasets.list_datasets()
    if name in names or not (os.path.exists(name) or _FILE_ENDINGS.search(name)):
        return
    raise UsageError(
        f"--dataset names a data set bundled with mnlogit ({', '.join(names)}), and "
        f"{name!r} is a data file: give it as the first argument after the command, with no "
        f"option before it, mnlogit {command} {shell_word(name)} FORMULA"
    )
