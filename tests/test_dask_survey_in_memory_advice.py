"""What a dask survey fit cannot do on its partitions (margins, marginal effects, predict()
of the rows used) is refused with the whole sample in memory as the way, not a sample of its
rows: that is a second phase of sampling the design does not describe."""

import pytest

import mnlogit
from mnlogit.exceptions import NotInMemoryError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dd = pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def travel():
    d = mnlogit.datasets.load("travel")
    return dd.from_pandas(d.assign(w=1 + d["age"] / 20), npartitions=2)


@pytest.fixture(scope="module")
def survey_fit(travel):
    design = mnlogit.SurveyDesign(weights="w", strata="region", psu="household")
    return mnlogit.fit("mode ~ np.log(distance) + purpose", travel, design=design)


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.margins(over="purpose"),
        lambda r: r.marginal_effects(),
        lambda r: r.predict(),
    ],
    ids=["margins", "marginal_effects", "predict"],
)
def test_a_survey_fit_is_advised_its_whole_sample(survey_fit, call):
    with pytest.raises(NotInMemoryError) as info:
        call(survey_fit)
    message = str(info.value)
    assert "ddf.compute()" in message
    assert "ddf.sample(...).compute()" not in message
    assert "second phase of sampling" in message


def test_probability_weights_without_a_design_are_a_survey_too(travel):
    res = mnlogit.fit("mode ~ np.log(distance)", travel, weights="w", weight_type="probability")
    with pytest.raises(NotInMemoryError, match=r"ddf\.compute\(\)"):
        res.margins()


def test_a_fit_without_a_design_keeps_the_sample_advice(travel):
    res = mnlogit.fit("mode ~ np.log(distance)", travel)
    with pytest.raises(NotInMemoryError, match=r"ddf\.sample\(\.\.\.\)\.compute\(\)"):
        res.margins()
