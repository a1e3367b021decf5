"""Other packages' names for the options of the results' tests (``mnlogit.lr_test``,
``res.lr_test``, ``res.anova``, ``res.wald_test``), by entry point: the part of
:data:`mnlogit._other_options.OTHER_OPTIONS` that those tests answer from.

Without them the options were answered by their spelling alone: ``unrestricted=`` as
"did you mean restricted=?" and ``null=`` as "did you mean full=?" (each the other model of
the pair), and ``anova(cov_type=...)`` as "did you mean type=?"."""

from __future__ import annotations

from ._statsmodels_options import WALD_TEST

__all__ = ["ANOVA", "LR_TEST", "RES_LR_TEST", "TEST_OPTIONS"]

ANOVA = "AnalysesMixin.anova"  # res.anova(type=...)
LR_TEST = "lr_test"  # mnlogit.lr_test(restricted, full)
RES_LR_TEST = "AnalysesMixin.lr_test"  # res.lr_test(other)

# the two models of a likelihood-ratio test as other programs and textbooks call them
_SMALLER = ("null", "reduced", "small", "smaller", "constrained", "nested", "h0")
_LARGER = ("unrestricted", "unconstrained", "larger", "large", "big", "bigger", "alternative", "h1")
_EITHER = "either order is taken, the fit with fewer columns being the restricted one"
_AGAINST_NULL = (
    "the test of a fit against its intercept-only model is res.lr_test() with no argument"
)
_OTHER = (
    "res.lr_test(other) takes the other fit by position, whether it is nested in res or "
    "nests it (mnlogit.lr_test(restricted, full) takes the two by name)"
)

# a covariance given to a test: car's linearHypothesis(vcov.=, white.adjust=) and
# Anova(vcov.=), statsmodels' wald_test(cov_p=) and fit(cov_type=, cov_kwds=)
_COVARIANCE_WORDS = (
    "vcov",
    "vcov_",
    "cov",
    "cov_p",
    "cov_type",
    "covariance",
    "cov_kwds",
    "robust",
    "cluster",
    "groups",
    "white_adjust",
)
_OWN_COVARIANCE = (
    "a test uses the fit's own covariance (res.cov_type): for one with a sandwich, refit "
    "with mnlogit.fit(..., cov_type='robust'), or cov_type='cluster' and its clusters"
)

# car's linearHypothesis(hypothesis.matrix=, rhs=), statsmodels' wald_test(r_matrix=,
# q_matrix=, use_f=)
_ONE_ARGUMENT = (
    "the restrictions are its one argument, constraints: a term name, a restriction string "
    "('bus:x = train:x'), a list of them, or a pair (R, q)"
)
# car's linearHypothesis(test = "F") and statsmodels' wald_test(use_f=True)
_CHI2 = (
    "the test is chi2, as car's and Stata's tests of a multinomial logit are, and a survey "
    "fit's the adjusted Wald F on its design df: leave {0} out"
)
_RIGHT_HAND = "q goes beside R as one pair, res.wald_test((R, q)), or after '=' in a restriction"

TEST_OPTIONS: dict[str, dict[str, str]] = {
    **{
        name: {
            LR_TEST: f"the model nested in the other is restricted, the first argument; {_EITHER}",
            RES_LR_TEST: _OTHER,
        }
        for name in _SMALLER
    },
    **{
        name: {
            LR_TEST: (
                f"the larger model, which nests the other, is full, the second argument; {_EITHER}"
            ),
            RES_LR_TEST: _OTHER,
        }
        for name in _LARGER
    },
    "restricted": {RES_LR_TEST: _OTHER},
    "full": {RES_LR_TEST: _OTHER},
    **{
        name: {
            WALD_TEST: _OWN_COVARIANCE,
            ANOVA: f"{_OWN_COVARIANCE}; anova() of such a fit gives Wald tests with it",
        }
        for name in _COVARIANCE_WORDS
    },
    **{
        name: {WALD_TEST: _ONE_ARGUMENT}
        for name in (
            "r_matrix",
            "R",
            "L",
            "hypothesis",
            "hypothesis_matrix",
            "restrictions",
            "restriction",
            "terms",
            "term",
        )
    },
    **{name: {WALD_TEST: _RIGHT_HAND} for name in ("q_matrix", "q", "rhs")},
    **{name: {WALD_TEST: _CHI2.format(name)} for name in ("use_f", "test")},
    **{
        name: {
            ANOVA: (
                "anova() tests every term of the fit; one term's test is res.wald_test(term), "
                "or mnlogit.lr_test of the fits without and with it"
            )
        }
        for name in ("terms", "term")
    },
}
for _name in ("null", "null_model"):
    TEST_OPTIONS.setdefault(_name, {}).update(
        {
            LR_TEST: f"{_AGAINST_NULL}; of two fits, the smaller is restricted, the first argument",
            RES_LR_TEST: _AGAINST_NULL,
        }
    )
