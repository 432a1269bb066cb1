"""Fixtures shared by the end-to-end CLI tests."""

from pathlib import Path

import pytest

from cli_helpers import BUGGY, STACKED


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    """A working directory with BUGGY (LS203) and STACKED (LS101, fixable)."""
    (tmp_path / "buggy.py").write_text(BUGGY)
    (tmp_path / "stacked.py").write_text(STACKED)
    monkeypatch.chdir(tmp_path)
    return tmp_path
