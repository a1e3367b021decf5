"""mnlogit: multinomial logistic regression with the inference statisticians expect.

Start with :func:`fit`, a formula and a DataFrame, and name the reference outcome (``ref=``;
without it, the first level). The result's ``summary()`` is the table R's ``nnet``/``car``
and Stata's ``mlogit`` users expect; ``help(mnlogit.MNLogitResults)`` lists the rest (tests,
margins, IIA, predictions, exports). :class:`MNLogit` fits arrays without a formula,
``mnlogit.sklearn.MNLogitClassifier`` is a scikit-learn classifier, and every mistake raises an
:class:`MNLogitError` that says what is allowed. ``mnlogit.datasets`` holds example data, and
``python -m mnlogit --help`` describes the command line.

Examples
--------
>>> import mnlogit
>>> df = mnlogit.datasets.load("travel")
>>> res = mnlogit.fit("mode ~ np.log(distance) + income + region", df, ref="car")
>>> print(res.summary())  # doctest: +ELLIPSIS
Multinomial logit regression
...
Reference  car
...
>>> res.lr_test().pvalue < 0.001
True
"""

# first: the imports below are the command line's start too (a Ctrl-C there is one line)
from . import _cli_start  # noqa: F401  # isort: skip
from . import datasets
from ._other_attributes import OTHER_FUNCTIONS
from ._test_result import TestResult
from ._version import __version__ as __version__
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


def __getattr__(name: str) -> object:
    # only names the package lacks reach here: another package's name gets this one's
    hint = OTHER_FUNCTIONS.get(name)
    message = f"module 'mnlogit' has no attribute {name!r}"
    raise AttributeError(f"{message}; {hint}" if hint else message, name=name)
