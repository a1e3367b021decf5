"""A header of tens of thousands of names (a genotype or gene-expression table): the check of
names written twice counted each name through the whole header, so reading 50,000 columns
took a minute before the fit began."""

import time

import numpy as np
import pandas as pd

from mnlogit.__main__ import main
from mnlogit._cli_header import _refuse_repeated_names


def test_the_check_of_repeated_names_is_not_quadratic():
    names = [f"v{k}" for k in range(40_000)]
    start = time.process_time()
    _refuse_repeated_names(lambda: None, {}, "'d.csv'", [*names, None], ["y", "v1"])
    # counted name by name through the header, this took some twenty seconds
    assert time.process_time() - start < 2


def test_a_wide_file_with_a_repeat_is_still_refused(tmp_path, capsys):
    rng = np.random.default_rng(2)
    wide = pd.DataFrame(rng.integers(0, 3, (30, 3000)), columns=[f"v{k}" for k in range(3000)])
    wide.insert(0, "y", rng.choice(["a", "b"], 30))
    text = wide.to_csv(index=False).replace(",v2999\n", ",v1\n", 1)
    (tmp_path / "d.csv").write_text(text)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ v1"]) == 2
    err = capsys.readouterr().err
    assert "names column(s) 'v1' more than once (columns 3 and 3001" in err
