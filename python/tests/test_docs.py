"""The examples of docs/python.md run, with the outputs it shows (Python's doctest), from
the repository's root so that its ../shared paths resolve."""

import doctest
import os

from conftest import ROOT


def test_docs_python_md(shared, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "python.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.attempted > 40, result
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of docs/python.md failed (output above)"
