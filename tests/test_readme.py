"""The README's Python examples run as written, in order, in one namespace."""

import re
import warnings
from pathlib import Path

import mnlogit

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_blocks_run(tmp_path, monkeypatch):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert len(blocks) >= 4
    monkeypatch.chdir(tmp_path)  # the export examples write their files here
    namespace: dict = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        for block in blocks:
            exec(compile(block, str(README), "exec"), namespace)
    assert isinstance(namespace["res"], mnlogit.MNLogitResults)
    assert (tmp_path / "coef.csv").exists() and (tmp_path / "coef.tex").exists()
