"""mnlogit: multinomial logistic regression with the inference statisticians expect."""

# first: the imports below are the command line's start too (a Ctrl-C there is one line)
from . import _cli_start  # noqa: F401  # isort: skip
from . import datasets
from ._test_result import TestResult
from .api import check_separation, fit
from .exceptions import (
    CollinearityWarning,
    ConvergenceWarning,
    IIATestWarning,
    InferenceWarning,
    MNLogitError,
    MNLogitWarning,
    RareLevelWarning,
    SeparationWarning,
)
from .iia import IIATestResult
from .inference import lr_test
from .margins import Margins
from .model import MNLogit
from .report.compare import ComparisonTable, compare
from .results import MNLogitResults
from .survey import SurveyDesign

__all__ = [
    "CollinearityWarning",
    "ComparisonTable",
    "ConvergenceWarning",
    "IIATestResult",
    "IIATestWarning",
    "InferenceWarning",
    "MNLogit",
    "MNLogitError",
    "MNLogitResults",
    "MNLogitWarning",
    "Margins",
    "RareLevelWarning",
    "SeparationWarning",
    "SurveyDesign",
    "TestResult",
    "check_separation",
    "compare",
    "datasets",
    "fit",
    "lr_test",
]
__version__ = "0.1.0"
