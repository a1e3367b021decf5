"""The passes a dask fit's verbose output counts: every pass over the partitions it made."""

import re

import numpy as np
import pytest
from test_parallel import _data

import mnlogit

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
callbacks = pytest.importorskip("dask.callbacks")

SUMMARY = re.compile(
    r"; (\d+) passes over the data \([^)]*\)(?: \+ (\d+) over a sample of rows)?"
    r", after (\d+) learning the encoding and checking the rows$",
    re.MULTILINE,
)


class _Computations(callbacks.Callback):
    """Counts dask computations, each of which reads every partition."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def _start(self, dsk) -> None:
        self.count += 1


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"weights": "w"},
        {"design": mnlogit.SurveyDesign(weights="w", psu="cl"), "subpop": "z > -1"},
    ],
    ids=["plain", "weights", "survey"],
)
def test_the_summary_counts_the_passes_that_learn_the_encoding(options, capsys):
    # "5 passes over the data" where the fit had read the partitions 8 times: the scan of
    # the levels, the tally and the checks' passes were neither printed nor counted
    df = _data(n=400).assign(w=np.arange(400) % 3 + 1, cl=np.arange(400) % 20)
    ddf = dd.from_pandas(df, npartitions=4)
    with dask.config.set(scheduler="synchronous"), _Computations() as computations:
        res = mnlogit.fit("y ~ x + z + g", ddf, verbose=True, **options)
    out = capsys.readouterr().out
    found = SUMMARY.search(out)
    assert found is not None, out
    passes, sample, before = int(found[1]), int(found[2] or 0), int(found[3])
    assert before >= 2 and passes + sample + before == computations.count
    assert f"{before} passes over the data to learn the encoding and check the rows" in out
    want = mnlogit.fit("y ~ x + z + g", df, **options)
    np.testing.assert_allclose(res.params, want.params, rtol=1e-10, atol=1e-12)
