"""benchmarks/corpus.py rebuilds the corpus from a git mirror: only Keras .py/.ipynb files, small ones."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
corpus = importlib.util.module_from_spec(spec)
sys.modules["corpus"] = corpus  # dataclasses look their module up
spec.loader.exec_module(corpus)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd, capture_output=True, check=True, text=True,
    ).stdout.strip()


@pytest.fixture
def mirror(tmp_path):
    """A mirror root holding ``someone/course`` as a bare repository with two commits."""
    work = tmp_path / "work"
    (work / "ch1").mkdir(parents=True)
    (work / "ch1" / "lstm.py").write_text("from tensorflow import keras\n")
    (work / "ch1" / "nb.ipynb").write_text('{"cells": [{"source": ["import keras"]}]}')
    (work / "plain.py").write_text("print('no deep learning here')\n")
    (work / "notes.md").write_text("keras notes, not code\n")
    (work / "big.py").write_text("import keras\n" + "#" * (corpus.MAX_BYTES + 1))
    git(work, "init", "-q")
    git(work, "add", ".")
    git(work, "commit", "-qm", "first")
    first = git(work, "rev-parse", "HEAD")
    (work / "later.py").write_text("import tensorflow as tf\n")
    git(work, "add", ".")
    git(work, "commit", "-qm", "second")
    root = tmp_path / "mirror"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(root / "someone+course" / "repo")], check=True)
    return root, first


def files_under(folder: Path):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_build_extracts_the_keras_files_of_the_recorded_commit(mirror, tmp_path):
    root, first = mirror
    out = tmp_path / "corpus"
    counts = corpus.build([corpus.Source("someone/course", first)], root, out)
    assert [n for _, n in counts] == [2]
    folder = out / "someone__course"
    # later.py is not in the recorded commit; plain.py, notes.md and the >1 MB file are left out
    assert files_under(folder) == ["ch1/lstm.py", "ch1/nb.ipynb"]
    assert (folder / "ch1" / "lstm.py").read_text() == "from tensorflow import keras\n"


def test_add_records_head_and_table_counts(mirror, tmp_path):
    root, _ = mirror
    out, tsv = tmp_path / "corpus", tmp_path / "corpus.tsv"
    args = ["--mirror", str(root), "--out", str(out), "--tsv", str(tsv)]
    assert corpus.main(["add", "someone/course", "nobody/empty-course", *args]) == 0
    head = git(root / "someone+course" / "repo", "rev-parse", "HEAD")
    # a repository without a mirror (or without a Keras file) is not recorded as a source
    assert corpus.read_tsv(tsv) == [corpus.Source("someone/course", head)]
    assert "later.py" in files_under(out / "someone__course")
    rebuilt = tmp_path / "rebuilt"
    assert corpus.main(["build", "--mirror", str(root), "--out", str(rebuilt), "--tsv", str(tsv)]) == 0
    assert files_under(rebuilt) == files_under(out)


def test_cap_per_repository_keeps_a_stable_subset(mirror, tmp_path):
    root, first = mirror
    source = corpus.Source("someone/course", first)
    a = corpus.build([source], root, tmp_path / "a", max_files=1)
    b = corpus.build([source], root, tmp_path / "b", max_files=1)
    assert [n for _, n in a] == [1]
    assert files_under(tmp_path / "a") == files_under(tmp_path / "b")
