"""mnlogit: multinomial logistic regression with the inference statisticians expect."""

from . import datasets
from .exceptions import (
    ConvergenceWarning,
    IIATestWarning,
    MNLogitError,
    MNLogitWarning,
    SeparationWarning,
)
from .iia import IIATestResult
from .inference import TestResult, lr_test
from .model import MNLogit, fit
from .results import MNLogitResults
from .separation import check_separation

__all__ = [
    "ConvergenceWarning",
    "IIATestResult",
    "IIATestWarning",
    "MNLogit",
    "MNLogitError",
    "MNLogitResults",
    "MNLogitWarning",
    "SeparationWarning",
    "TestResult",
    "check_separation",
    "datasets",
    "fit",
    "lr_test",
]
__version__ = "0.1.0"
