"""Covariance estimators of the coefficients: one class each, picked by name from
:data:`COVARIANCES`.

Each class carries its name (the ``cov_type=`` value), the label the summary and the tests
print, whether it needs cluster identifiers, whether it is the efficient (model-based)
covariance, and whether likelihood-ratio tests are valid beside it. A new covariance type is
one class here and one entry in the table.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np

from ._checks import lookup_option
from ._data import ModelData
from .exceptions import DataError, OptionError

__all__ = ["COVARIANCES", "Cluster", "Covariance", "ModelBased", "Robust", "lookup_covariance"]


class Covariance(ABC):
    """A covariance estimator: A^-1 (model-based) or a sandwich A^-1 M A^-1."""

    name: ClassVar[str]
    label: ClassVar[str]  # "model-based", "robust (HC0)", ...
    needs_groups: ClassVar[bool] = False
    efficient: ClassVar[bool] = False  # the inverse information (what Hausman tests need)
    lr_valid: ClassVar[bool] = False  # likelihood-ratio tests are valid beside it

    @abstractmethod
    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        """The (pq, pq) covariance at ``B``, given the inverse information ``bread``."""

    def describe(self, data: ModelData) -> str:
        """The label with what the data add to it (the number of clusters)."""
        return self.label

    def check_groups(self, groups: Any) -> None:
        """Refuse cluster identifiers where they are not used, and their absence where they
        are."""
        if groups is not None and not self.needs_groups:
            raise OptionError(
                f"groups= is only used with cov_type='cluster'; got cov_type={self.name!r}"
            )
        if groups is None and self.needs_groups:
            raise DataError(
                f"cov_type={self.name!r} needs groups= (a column name or one value per row)"
            )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} covariance: {self.label}>"


class ModelBased(Covariance):
    """The inverse Fisher information, efficient when the model is right."""

    name = "nonrobust"
    label = "model-based"
    efficient = True
    lr_valid = True

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        return bread


class Robust(Covariance):
    """HC0 sandwich A^-1 M A^-1 from per-row scores, no small-sample factor."""

    name = "robust"
    label = "robust (HC0)"

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        return _sandwich(bread, data.score_meat(B, cluster=False))


class Cluster(Covariance):
    """Cluster-robust sandwich with the G/(G-1) factor, as Stata's ``vce(cluster)``."""

    name = "cluster"
    label = "cluster-robust"
    needs_groups = True

    def matrix(self, data: ModelData, B: np.ndarray, bread: np.ndarray) -> np.ndarray:
        G = data.n_clusters
        return _sandwich(bread, data.score_meat(B, cluster=True), G / (G - 1))

    def describe(self, data: ModelData) -> str:
        return f"cluster-robust ({data.n_clusters} clusters)"


def _sandwich(bread: np.ndarray, meat: np.ndarray, factor: float = 1.0) -> np.ndarray:
    V = bread @ meat @ bread
    if factor != 1.0:
        V *= factor
    return (V + V.T) / 2


COVARIANCES: dict[str, Covariance] = {c.name: c for c in (ModelBased(), Robust(), Cluster())}


def lookup_covariance(cov_type: str) -> Covariance:
    """The covariance estimator named ``cov_type``, or an :class:`OptionError` listing them.

    Examples
    --------
    >>> lookup_covariance("robust").label
    'robust (HC0)'
    """
    return lookup_option("cov_type", cov_type, COVARIANCES)
