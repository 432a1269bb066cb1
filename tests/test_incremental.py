"""Statement reuse (the language server's re-parse) gives the same module text
and the same diagnostics as a whole-file parse, edit after edit."""

import random
from pathlib import Path

import libcst as cst
import pytest

from lstmlint.parse import incremental
from lstmlint.api import lint_source
from lstmlint.config.settings import Settings
from lstmlint.parse.source import parse

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("examples/*.py")) + sorted(ROOT.glob("tests/data/**/*.py"))
SETTINGS = Settings(keras_version=3)


@pytest.fixture
def reuse():
    """Statement reuse on for one test, with a cache of its own."""
    saved = incremental._cache
    incremental.enable()
    yield incremental._cache
    incremental._cache = saved


def whole(text: str, name: str) -> list:
    saved, incremental._cache = incremental._cache, None
    try:
        return [d.to_json() for d in lint_source(text.encode(), name, SETTINGS, prefilter=False)]
    finally:
        incremental._cache = saved


def reused(text: str, name: str) -> list:
    module = parse(text, name)
    if isinstance(module, cst.Module):
        assert module.code == text
    return [d.to_json() for d in lint_source(text.encode(), name, SETTINGS, prefilter=False)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_twice_and_edited(path, reuse):
    text = path.read_text()
    expected = whole(text, path.name)
    assert reused(text, path.name) == expected
    assert reused(text, path.name) == expected  # now from reused statements
    lines = text.splitlines(keepends=True)
    rng = random.Random(path.name)
    for _ in range(2):
        i = rng.randrange(len(lines))
        edited = "".join(lines[:i] + lines[i + 1:])  # a line deleted: often a syntax error
        assert reused(edited, path.name) == whole(edited, path.name)


def test_statements_are_reused_and_each_node_is_used_once(reuse):
    text = "import keras\n\n# build\nm = keras.Sequential()\nm = keras.Sequential()\n\n\ndef f():\n    return 1\n"
    first, second = parse(text, "a.py"), parse(text.replace("return 1", "return 2"), "a.py")
    assert first.body[0] is second.body[0]  # untouched statement: the same node
    assert first.body[3] is not second.body[3]  # the edited function: parsed again
    assert second.body[1] is not second.body[2]  # equal text twice in one file: two nodes


@pytest.mark.parametrize(
    "text",
    [
        "import keras\nif a:\n\tx = 1\ndef f():\n    return 1\n",  # tabs in one block, spaces in another
        "import keras\r\nx = 1\nif a:\r\n    y = 2\r\n",  # mixed newlines
        "import keras\nx = 1; y = 2\nz = 3  # tail\n# trailing comment\n",
        "import keras\ndef f():\n    x = 1\n    # indented comment after the block\n\n# module comment\ny = 2\n",
        "import keras\n@dec\n\ndef f():\n    pass\nx = [\n  1,\n]\n",
        "import keras\nx = 1 \\\n  + 2\ny = 3\x0c\nz = 4\n",
    ],
)
def test_layouts_print_back_exactly(text, reuse):
    for _ in range(2):
        module = parse(text, "a.py")
        assert isinstance(module, cst.Module) and module.code == text
        assert reused(text, "a.py") == whole(text, "a.py")


def test_reused_positions_are_libcsts(reuse):
    """Statements placed again after lines are added above them keep libcst's
    positions (shifted), node for node."""
    from lstmlint.parse.positions import ReusedPositions, every_position

    placed = ReusedPositions()
    text = (ROOT / "examples" / "seed_example_3.py").read_text()
    for version in (text, "# a new first line\n\n" + text, text.replace("\n\n", "\n\n\n", 2)):
        module = parse(version, "a.py")
        expected, got = every_position(module), placed.of(module)
        assert got and all(got[node] == expected[node] for node in got)
        names = [node for node in expected if isinstance(node, cst.Name)]
        assert names and all(node in got for node in names)
