"""A survey design written as an R user first writes it: svydesign()'s formulas
(``weights = ~pw``, ``ids = ~1``, ``ids = ~dnum + snum``), and column names off by letter case
or a letter. Each is answered with what to write here, not only with the name not found."""

from pathlib import Path

import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError

API = Path(__file__).resolve().parent / "reference" / "apistrat.csv"


@pytest.fixture(scope="module")
def apistrat():
    return pd.read_csv(API)


def fit(data, **design):
    return mnlogit.fit("perf ~ meals", data, ref="low", design=mnlogit.SurveyDesign(**design))


@pytest.mark.parametrize(
    ("design", "said"),
    [
        # was: "column '~pw' not found in the data; columns are ..." with no word on the tilde
        ({"weights": "~pw"}, "not R's formula: weights='pw'"),
        ({"weights": " ~ pw ", "strata": "stype"}, "weights='pw'"),
        ({"weights": "pw", "psu": "~1"}, "each row its own PSU, which is what leaving psu unset"),
        ({"weights": "pw", "psu": "1"}, "leaving psu unset"),
        ({"weights": "pw", "psu": "~dnum + snum"}, "one stage of sampling units: give the first"),
        ({"weights": "pw", "strata": "~stype+cname"}, r"df\['stype'\].astype\(str\) \+ '/'"),
        # the case and spelling hints that a formula's and fit(weights=)'s columns had
        ({"weights": "PW"}, "the column 'pw' differs from it only by letter case"),
        ({"weights": "pw", "strata": "stipe"}, "did you mean 'stype'"),
    ],
)
def test_a_design_column_not_in_the_data_says_what_was_meant(apistrat, design, said):
    with pytest.raises(ColumnNotFoundError, match=said) as err:
        fit(apistrat, **design)
    assert "(columns: stype, dnum, cname" in str(err.value)


def test_a_name_like_no_column_still_lists_the_columns(apistrat):
    with pytest.raises(ColumnNotFoundError, match=r"strata: column 'zzz' is not in the data \("):
        fit(apistrat, weights="pw", strata="zzz")
