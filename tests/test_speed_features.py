"""What makes lstmlint fast, tested for correctness (never for time: speed is
measured in benchmarks/): the pre-filter, lazy imports, parallel checking and
the result cache."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from lstmlint.api import lint_paths
from lstmlint.run.cache import CACHE_DIR_NAME
from lstmlint.cli import main
from lstmlint.config.settings import Settings
from lstmlint.parse.source import decode

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SETTINGS = Settings(keras_version=3)


def outcome(result):
    return [d.to_json() for d in result.diagnostics], result.files_checked, result.crashed


# --- the pre-filter ----------------------------------------------------------

MENTIONS = [
    "import keras", "from tensorflow import keras", "import tensorflow as tf", "import tf_keras as keras",
    "from keras.layers import LSTM", "m = __import__('tensorflow')", "# uses keras", "'''tensorflow'''",
    "importlib.import_module('keras.layers')", "from tensorflow.python.keras import layers",
]


@pytest.mark.parametrize("mention", MENTIONS)
@pytest.mark.parametrize("wrap", ["{}\n", "\ufeff{}\r\n", "# -*- coding: latin-1 -*-\n# caf\xe9\n{}\n", "x = 1\n\n\t{}\n"], ids=["plain", "bom-crlf", "cookie", "late"])
def test_prefilter_keeps_every_file_that_mentions_keras(mention, wrap):
    text = wrap.format(mention)
    data = text.encode("latin-1" if "latin-1" in text else "utf-8")
    assert decode(data, "t.py").may_use_keras


@given(st.text(), st.sampled_from(["keras", "tensorflow", "tf_keras"]), st.text())
def test_prefilter_keeps_any_text_around_a_mention(before, word, after):
    data = (before + word + after).encode("utf-8", "surrogatepass")
    decoded = decode(data, "t.py")
    assert not hasattr(decoded, "may_use_keras") or decoded.may_use_keras


def test_prefilter_changes_no_result_on_the_examples():
    assert outcome(lint_paths([str(EXAMPLES)], SETTINGS)) == outcome(lint_paths([str(EXAMPLES)], SETTINGS, prefilter=False))


def test_prefilter_skips_files_without_keras():
    assert not decode(b"import numpy as np\nx = np.zeros((3, 4))\n", "t.py").may_use_keras


# --- start-up: no heavy imports ----------------------------------------------

HEAVY = ("libcst", "rich", "yaml", "concurrent", "multiprocessing", "lstmlint.run.engine", "lstmlint.infer")


def imported_by(*args: str) -> set:
    script = (
        "import sys\nfrom lstmlint.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        f"print('\\n' + ' '.join(m for m in sys.modules if m.startswith({HEAVY!r})))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return {next((heavy for heavy in HEAVY if name == heavy or name.startswith(heavy + ".")), name.split(".")[0]) for name in out.stdout.splitlines()[-1].split()}


def test_version_imports_nothing_heavy():
    assert imported_by("--version") == set()


def test_one_clean_file_imports_no_output_or_parallel_machinery(tmp_path):
    clean = tmp_path / "clean.py"
    clean.write_text((EXAMPLES / "input_shape_fixed.py").read_text())
    assert imported_by("--isolated", "--no-cache", str(clean)) == {"libcst", "lstmlint.run.engine", "lstmlint.infer"}


def test_one_file_without_keras_does_not_even_load_the_parser(tmp_path):
    plain = tmp_path / "plain.py"
    plain.write_text("print('hello')\n")
    assert imported_by("--isolated", "--no-cache", str(plain)) == set()


# --- parallel checking -------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for example in sorted(EXAMPLES.glob("*.py")):
        (tmp_path / example.name).write_bytes(example.read_bytes())
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "broken.py").write_text("import keras\ndef f(:\n")
    (tmp_path / "pkg" / "plain.py").write_text("x = 1\n")
    (tmp_path / "pkg" / "binary.py").write_bytes(b"keras\0\1")
    return tmp_path


def test_parallel_output_is_identical_to_serial(tree):
    serial = outcome(lint_paths([str(tree)], SETTINGS, jobs=1))
    assert outcome(lint_paths([str(tree)], SETTINGS, jobs=3)) == serial
    assert len(serial[0]) > 10 and serial[1] == len(list(tree.rglob("*.py")))


def test_cli_jobs_output_is_identical(tree):
    outputs = {CliRunner().invoke(main, ["--isolated", "--no-cache", "--jobs", jobs, str(tree)]).stdout for jobs in ("1", "2", "4")}  # stderr: a note when 4 > CPUs
    assert len(outputs) == 1


def test_jobs_must_be_positive(tree):
    assert CliRunner().invoke(main, ["--jobs", "0", str(tree)]).exit_code == 2


# --- the result cache ----------------------------------------------------------


def test_warm_cache_gives_the_same_diagnostics_without_checking_again(tree, tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.mktemp("cache")
    cold = outcome(lint_paths([str(tree)], SETTINGS, cache_dir=cache))
    assert list(cache.glob("*/*.json"))

    def no_checking(*args, **kwargs):
        raise AssertionError("a warm run must not check an unchanged file")

    monkeypatch.setattr("lstmlint.api.lint_source", no_checking)
    monkeypatch.setattr("lstmlint.api._check_pending", no_checking)
    assert outcome(lint_paths([str(tree)], SETTINGS, cache_dir=cache)) == cold


def test_changed_content_is_checked_again(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    target = tree / "input_shape_fixed.py"
    lint_paths([str(tree)], SETTINGS, cache_dir=cache)
    target.write_text((EXAMPLES / "input_shape_includes_samples.py").read_text())
    warm = outcome(lint_paths([str(tree)], SETTINGS, cache_dir=cache))
    assert warm == outcome(lint_paths([str(tree)], SETTINGS))
    assert any(d["filename"] == str(target) for d in warm[0])


def test_changed_settings_are_not_served_from_the_cache(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    lint_paths([str(tree)], SETTINGS, cache_dir=cache)
    for changed in (Settings(keras_version=2), Settings(keras_version=3, ignore=("LS2",)), Settings(keras_version=3, select=("LS101",))):
        assert outcome(lint_paths([str(tree)], changed, cache_dir=cache)) == outcome(lint_paths([str(tree)], changed))


def test_a_new_lstmlint_build_does_not_read_the_old_cache(tree, tmp_path_factory, monkeypatch):
    cache = tmp_path_factory.mktemp("cache")
    lint_paths([str(tree)], SETTINGS, cache_dir=cache)
    monkeypatch.setattr("lstmlint.run.cache._build_fingerprint", lambda: "another build")
    assert len(list(cache.glob("*/*.json"))) == 1
    lint_paths([str(tree)], SETTINGS, cache_dir=cache)
    assert len(list(cache.glob("*/*.json"))) == 2


def test_corrupt_cache_is_a_cold_start(tree, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    expected = outcome(lint_paths([str(tree)], SETTINGS, cache_dir=cache))
    for file in cache.glob("*/*.json"):
        file.write_text('{"not": "what lstmlint wrote"')
    assert outcome(lint_paths([str(tree)], SETTINGS, cache_dir=cache)) == expected
    for file in cache.glob("*/*.json"):
        file.write_text(json.dumps({str(tree / "stacked_lstm_fixed.py"): ["x", []]}))
    assert outcome(lint_paths([str(tree)], SETTINGS, cache_dir=cache)) == expected


def test_cli_writes_the_cache_in_the_project_root_unless_no_cache(tree, monkeypatch):
    monkeypatch.chdir(tree)
    first = CliRunner().invoke(main, ["--isolated", "--no-cache", "."])
    assert not (tree / CACHE_DIR_NAME).exists()
    assert CliRunner().invoke(main, ["--isolated", "."]).output == first.output
    assert (tree / CACHE_DIR_NAME / ".gitignore").read_text().endswith("*\n")
    assert CliRunner().invoke(main, ["--isolated", "."]).output == first.output


def test_the_cache_knows_every_diagnostic_field():
    import dataclasses

    from lstmlint.run.cache import _DIAGNOSTIC_FIELDS, _RELATED_FIELDS
    from lstmlint.diagnostics import Diagnostic, Related

    assert set(_DIAGNOSTIC_FIELDS) == {f.name for f in dataclasses.fields(Diagnostic)}  # else every entry is a miss
    assert set(_RELATED_FIELDS) == {f.name for f in dataclasses.fields(Related)}
