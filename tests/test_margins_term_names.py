"""A term of the formula named where margins take a raw variable (at={"C(region)": ...},
over='np.log(Q("dist.km"))', variables=, contrast()): refused with the list of variables
and nothing of which of them the term reads; the refusal now names them."""

from __future__ import annotations

import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel").rename(columns={"distance": "dist.km"})
    return mnlogit.fit('mode ~ np.log(Q("dist.km")) + C(region) + age', df, ref="car")


@pytest.mark.parametrize(
    ("kwargs", "reads"),
    [
        ({"at": {'Q("dist.km")': 3}}, "'dist.km'"),
        ({"at": {'np.log(Q("dist.km"))': 1}}, "'dist.km'"),
        ({"at": {"`dist.km`": 3}}, "'dist.km'"),
        ({"over": "C(region)"}, "'region'"),
        ({"kind": "effect", "variables": "C(region)"}, "'region'"),
        ({"at": {"age:region": 30}}, "'region', 'age'"),
    ],
)
def test_a_term_is_refused_naming_the_variables_it_reads(res, kwargs, reads):
    with pytest.raises(ColumnNotFoundError, match="is a term of the formula") as caught:
        res.margins(**kwargs)
    assert str(caught.value).endswith(f"name the variables it reads, {reads}")


def test_contrast_names_them_too(res):
    with pytest.raises(ColumnNotFoundError, match="name the variables it reads, 'region'"):
        res.margins(over="region").contrast("C(region)")


def test_a_name_inside_another_word_is_no_hint(res):
    with pytest.raises(ColumnNotFoundError) as caught:
        res.margins(at={"average": 3})
    assert "term of the formula" not in str(caught.value)
