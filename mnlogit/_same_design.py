"""Whether two survey fits of the same rows and weights share a design.

A likelihood-ratio test of survey fits (Rao and Scott's working test) refers the statistic to
the design effects of one design: the pseudo-log-likelihoods depend on the weights alone, so
fits of the same weights under other strata, PSUs, fpc or lonely-PSU rules compared without a
word, and the test took the larger fit's design whichever one the user meant. Two fits share
a design when their variances would be computed alike: the same strata and PSUs of the rows
used, the same PSUs per stratum and the same per-stratum factor (fpc, lonely-PSU rule).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._data import ModelData
from .exceptions import ModelComparisonError

__all__ = ["check_same_design", "subpop_refusal", "survey_missing_advice"]


def _same_partition(a: np.ndarray | None, b: np.ndarray | None, n: int) -> bool:
    """Whether two codings of the rows group them alike (None: each row alone or, for
    strata, all rows together, as ``none`` says)."""
    a = np.zeros(n, np.intp) if a is None else np.asarray(a)
    b = np.zeros(n, np.intp) if b is None else np.asarray(b)
    pairs = np.unique(np.column_stack([a, b]), axis=0)
    return len(pairs) == len(np.unique(a)) == len(np.unique(b))


def _said(info: Any) -> str:
    """A design as its roles were given."""
    parts = []
    for role in ("strata", "psu", "fpc"):
        name = info.columns.get(role)
        if name is not None:
            parts.append(f"{role}={name!r}" if name else f"{role}=<values>")
    if info.lonely_psu != "fail":
        parts.append(f"lonely_psu={info.lonely_psu!r}")
    return ", ".join(parts) or "weights alone"


def subpop_refusal(r: ModelData, f: ModelData) -> str:
    """Why two survey fits are of other rows, when it is their subpopulations ("" when it is
    not): saying to fit both to the same data frame missed what differed."""
    a, b = r.design, f.design
    if a is None or b is None:
        return ""
    one_only = (a.subpop is None) != (b.subpop is None)
    both = a.subpop is not None and b.subpop is not None and r.n_dropped == f.n_dropped
    if not (one_only or (both and not np.isclose(a.subpop_size, b.subpop_size, rtol=1e-12))):
        return ""
    shown = [
        "none"
        if d.subpop is None
        # a mask is said as "given as values", a condition as its text
        else (f"a subpop= {d.subpop}" if d.subpop == "given as values" else f"subpop={d.subpop!r}")
        + f" (its rows' weights sum to {d.subpop_size:g})"
        for d in (a, b)
    ]
    return (
        f"the models were fitted to different subpopulations ({shown[0]} vs {shown[1]}); "
        "give both the same subpop= (a likelihood-ratio test compares two models of one domain)"
    )


def check_same_design(r: ModelData, f: ModelData) -> None:
    """Refuse two survey fits of the same rows and weights under other designs."""
    a, b = r.design, f.design
    if a is None or b is None:
        return  # the weights' check has said what differs
    same = (
        np.array_equal(a.n_psu, b.n_psu)
        and np.allclose(a.scale(), b.scale(), rtol=1e-12, atol=0.0)
        and a.n_rows == b.n_rows
        and a.clustered == b.clustered
    )
    if same and r.in_memory and f.in_memory:
        n = r.n_rows
        # rows in memory carry their stratum and PSU codes (None: no strata; each row a PSU)
        psu_a, psu_b = (getattr(d, "psu", None) for d in (r, f))
        psu_a = np.arange(n) if psu_a is None else psu_a
        psu_b = np.arange(n) if psu_b is None else psu_b
        strata_a, strata_b = (getattr(d, "strata", None) for d in (r, f))
        same = _same_partition(strata_a, strata_b, n) and _same_partition(psu_a, psu_b, n)
    if same:
        return
    designs = f"{_said(a)} vs {_said(b)}; {a.describe()} vs {b.describe()}"
    raise ModelComparisonError(
        f"the models were fitted with different survey designs ({designs}): the working "
        "likelihood-ratio test refers the difference of their pseudo-log-likelihoods to the "
        "design effects of one design; fit both with the same design= (and lonely_psu=)"
    )


def survey_missing_advice(r: ModelData, f: ModelData) -> str:
    """What to do when one survey fit dropped rows with missing values that the other kept
    ("" for other fits): dropping them from the data before both fits, the advice for other
    fits, leaves the design the PSUs and strata only those rows hold, so the design effects
    and design df are of another design; ``subpop=`` keeps them, as R's svyglm keeps a
    design's rows with missing values."""
    if r.design is None or f.design is None or r.n_dropped == f.n_dropped:
        return ""
    kept, dropped = (r, f) if r.n_dropped < f.n_dropped else (f, r)
    names: list[str] = []
    # the formulas' raw columns (a dask fit's rows, and so its frame, stay in the partitions)
    if kept.raw_dtypes is not None and dropped.raw_dtypes is not None:
        names = [str(c) for c in dropped.raw_dtypes.index if c not in kept.raw_dtypes.index]
    shown = " and ".join(f"{c}.notna()" if c.isidentifier() else f"`{c}`.notna()" for c in names)
    given = kept.design.subpop
    if given is not None and given != "given as values":
        shown = f"({given}) and {shown}" if shown else ""  # the domain it has, narrowed
    elif given is not None:
        shown = ""  # a mask: the rows to add to it are the user's to find
    example = f" (subpop={shown!r})" if '"' in shown else f' (subpop="{shown}")'
    example = example if shown else ""
    return (
        f"give the model that kept them subpop= the rows of the other{example}, so that both "
        "are fits of one domain of the whole design (dropping the rows from the data frame "
        "would leave out of the design the PSUs and strata only they hold)"
    )
