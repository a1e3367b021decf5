"""Building a formula's design (a fit, a prediction, margins) while other threads of the program
run: the process's warning filters are the program's, and a build leaves them as they are.

Each build here is paused inside formulaic's encoding, in a thread of its own, while the test's
thread looks at the filters and warns as any other part of the program would.
"""

import threading
import warnings
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pytest
from formulaic.errors import DataMismatchWarning
from formulaic.materializers import PandasMaterializer

import mnlogit
from mnlogit.exceptions import LevelError


def _data(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(list("uvw"), n),
            "y": rng.choice(list("abc"), n),
        }
    )


@contextmanager
def _paused_in_a_build(monkeypatch, build):
    """Meanwhile, ``build`` runs in another thread, paused where formulaic encodes its first
    categorical factor (inside the package's formula build)."""
    inside, release = threading.Event(), threading.Event()
    encode = PandasMaterializer._encode_categorical
    failed = []

    def paused(self, *args, **kwargs):
        if threading.current_thread() is builder and not inside.is_set():
            inside.set()
            release.wait(60)
        return encode(self, *args, **kwargs)

    def run():
        try:
            build()
        except BaseException as exc:  # re-raised in the test's thread
            failed.append(exc)

    monkeypatch.setattr(PandasMaterializer, "_encode_categorical", paused)
    builder = threading.Thread(target=run)
    builder.start()
    try:
        assert inside.wait(60), failed
        yield
    finally:
        release.set()
        builder.join(60)
    assert not builder.is_alive()
    if failed:
        raise failed[0]


def _builds():
    df = _data()
    fitted = mnlogit.fit("y ~ x + g", df)
    return {
        "fit": lambda: mnlogit.fit("y ~ x + g", df),
        "predict": lambda: fitted.predict(df.head(20)),
        "margins": lambda: fitted.margins(at={"g": ["u", "w"]}),
    }


BUILDS = ["fit", "predict", "margins"]


@pytest.mark.parametrize("build", BUILDS)
def test_a_design_being_built_leaves_the_process_warning_filters_as_they_are(monkeypatch, build):
    # the build put ("ignore", FutureWarning) and ("error", DataMismatchWarning) in front of
    # the filters, which every thread of the program reads
    job = _builds()[build]
    before = list(warnings.filters)
    with _paused_in_a_build(monkeypatch, job):
        during = list(warnings.filters)
    assert during == before
    assert list(warnings.filters) == before


@pytest.mark.parametrize("build", BUILDS)
def test_other_threads_warnings_stay_warnings_while_a_design_is_built(monkeypatch, recwarn, build):
    # recwarn shows every warning ("always") from before the build starts until after it
    # ends; a filter the build put in front of it decided instead: another thread's
    # FutureWarning vanished and its DataMismatchWarning was raised as an exception
    job = _builds()[build]
    with _paused_in_a_build(monkeypatch, job):
        warnings.warn("from the program", FutureWarning, stacklevel=1)
        warnings.warn("from the program", DataMismatchWarning, stacklevel=1)
    mine = [w.category for w in recwarn if str(w.message) == "from the program"]
    assert mine == [FutureWarning, DataMismatchWarning]


# --- values not among the levels, refused without the filters ------------------------------------
def _refusals():
    d = _data()
    computed = mnlogit.fit(
        "y ~ C(np.round(x))", d.assign(x=d["g"].map({"u": 0.0, "v": 1.0, "w": 2.0}))
    )
    return {
        "fit-named-levels": (
            lambda: mnlogit.fit("y ~ C(g, levels=['u', 'v'])", d),
            r"formula \"y ~ C\(g, levels=\['u', 'v'\]\)\": Data has categories outside of the "
            r"nominated levels \(or that were not seen in original dataset\): \{'w'\}; only "
            r"the formula's levels can be encoded: list each level the rows hold in "
            r"levels=\[\.\.\.\], or drop those rows first$",
        ),
        "predict-computed-factor": (
            lambda: computed.predict(pd.DataFrame({"x": [0.0, 4.0]})),
            r"^newdata: Data has categories outside of the nominated levels \(or that were not "
            r"seen in original dataset\): \{4\.0\}; only the levels seen in fitting "
            r"\(C\(np\.round\(x\)\): 0\.0, 1\.0, 2\.0\) can be encoded$",
        ),
    }


@pytest.mark.parametrize("case", ["fit-named-levels", "predict-computed-factor"])
def test_values_outside_the_levels_are_refused_before_formulaic_encodes_them(recwarn, case):
    # formulaic encodes them as no level (silently the baseline) with a DataMismatchWarning,
    # which only a process-wide filter made an error: the values are now checked first
    call, message = _refusals()[case]
    with pytest.raises(LevelError, match=message):
        call()
    assert [w for w in recwarn if issubclass(w.category, DataMismatchWarning)] == []
