"""Issue 13 (never die, never lose a byte) and issue 9's "a syntax error that is
not one": hostile inputs, a dying worker, poisoned caches, options that did
something else. Each test failed before its fix."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_helpers import BUGGY, STACKED  # LS203 on line 8; LS101, fixable
from lstmlint.api import lint_paths, lint_source
from lstmlint.cli import main
from lstmlint.config.settings import Settings

SETTINGS = Settings(keras_version=3)


def codes(data: bytes, name: str = "t.py"):
    return [(d.code, d.severity.value, d.message) for d in lint_source(data, name, SETTINGS)]


def lint_in_subprocess(source: str):
    """Lint in a child process: a segfault there must not take pytest down."""
    script = (
        "import sys, json; from lstmlint.api import lint_source; from lstmlint.config.settings import Settings\n"
        "found = lint_source(sys.stdin.buffer.read(), 't.py', Settings(keras_version=3))\n"
        "print(json.dumps([[d.code, d.message] for d in found]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=source.encode(), capture_output=True, timeout=120)
    assert done.returncode == 0, f"lstmlint died (status {done.returncode}): {done.stderr.decode()[-500:]}"
    return [tuple(pair) for pair in json.loads(done.stdout)]


# --- item 1 and issue 9: libcst's limits are not syntax errors, and never a segfault


@pytest.mark.parametrize("word", ["and", "or"])
def test_a_long_boolean_chain_python_accepts_is_not_analysed_rather_than_a_segfault(word):
    chain = f" {word} ".join(["x"] * 8000)  # libcst's native parser overflows the C stack near 7,500
    found = lint_in_subprocess(f"import keras\nok = {chain}\n")
    assert [code for code, _ in found] == ["LS905"]
    assert "chain of 8,000 operands" in found[0][1]


def test_a_boolean_chain_below_the_limit_is_checked():
    chain = " and ".join(["x"] * 1500)
    assert [c for c, _, _ in codes(f"ok = {chain}\n{BUGGY}".encode())] == ["LS203"]


def test_3000_adjacent_string_literals_are_not_a_syntax_error():
    literals = " ".join(["'a'"] * 4000)
    found = codes(f"import keras\ntext = ({literals})\n".encode())
    assert [(c, s) for c, s, _ in found] == [("LS905", "warning")]
    assert "adjacent string literals" in found[0][2]


def test_tab_and_space_indentation_cpython_accepts_is_not_a_syntax_error():
    # CPython compares indentation both with tabs as 8 columns and as 1: " \t" < "\t    " either way.
    source = "import keras\nif keras:\n \tif keras:\n\t    pass\n"
    compile(source, "t.py", "exec")  # Python accepts it
    found = codes(source.encode())
    assert [(c, s) for c, s, _ in found] == [("LS905", "warning")]
    assert "mixes tabs and spaces" in found[0][2]


def test_real_syntax_errors_use_cpythons_message_and_position():
    found = lint_source(b"import keras\nprint 'hello'\n", "t.py", SETTINGS)
    assert [(d.code, d.line, d.column) for d in found] == [("LS900", 2, 1)]
    assert "Missing parentheses in call to 'print'" in found[0].message


# --- item 2: one dead worker neither poisons the run nor the cache

from lstmlint import api  # noqa: E402

_REAL_CHECK = api._check_pending
CLEAN = "import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"


def _killed_on_one_file(item, settings):
    if item[1].endswith("killer.py"):
        os.kill(os.getpid(), 9)  # as the OOM killer or a segfault would
    return _REAL_CHECK(item, settings)


def _tree(tmp_path: Path) -> Path:
    tmp_path.mkdir()
    for i in range(8):
        (tmp_path / f"{i}_buggy.py").write_text(BUGGY)
        (tmp_path / f"{i}_clean.py").write_text(CLEAN)
    (tmp_path / "3_killer.py").write_text(BUGGY)
    return tmp_path


def test_crash_injection_a_killed_worker_costs_only_its_own_file(tmp_path, monkeypatch):
    tree = _tree(tmp_path / "tree")
    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(api, "_check_pending", _killed_on_one_file)
    result = lint_paths([str(tree)], SETTINGS, jobs=2, cache_dir=cache_dir)
    found = [(Path(d.filename).name, d.code) for d in result.diagnostics]
    expected = sorted([(f"{i}_buggy.py", "LS203") for i in range(8)] + [("3_killer.py", "LS902")])
    assert sorted(found) == expected
    assert result.crashed and "worker process died" in next(d.message for d in result.diagnostics if d.code == "LS902")
    entries = json.loads(next(cache_dir.rglob("*.json")).read_text())
    assert not any(Path(name).name == "3_killer.py" for name in entries)  # the crash is not cached
    assert sorted(Path(n).name for n in entries) == sorted([f"{i}_buggy.py" for i in range(8)] + [f"{i}_clean.py" for i in range(8)])
    assert all([r["code"] for r in records] == (["LS203"] if "buggy" in name else []) for name, (_, records) in entries.items())
    monkeypatch.setattr(api, "_check_pending", _REAL_CHECK)  # the next run: the culprit is checked again
    again = lint_paths([str(tree)], SETTINGS, jobs=2, cache_dir=cache_dir)
    assert sorted((Path(d.filename).name, d.code) for d in again.diagnostics) == sorted([(f"{i}_buggy.py", "LS203") for i in range(8)] + [("3_killer.py", "LS203")])
    assert not again.crashed


def test_an_internal_error_is_not_cached(tmp_path, monkeypatch):
    from lstmlint.run import engine
    (tmp_path / "t.py").write_text(BUGGY)
    real = engine.check_module
    monkeypatch.setattr(engine, "check_module", lambda *args: 1 / 0)
    first = lint_paths([str(tmp_path)], SETTINGS, cache_dir=tmp_path / "cache")
    assert [d.code for d in first.diagnostics] == ["LS902"]
    monkeypatch.setattr(engine, "check_module", real)
    assert [d.code for d in lint_paths([str(tmp_path)], SETTINGS, cache_dir=tmp_path / "cache").diagnostics] == ["LS203"]


BAD_RECORD_FIELDS = [{"line": "seven"}, {"related": [5]}, {"severity": "fatal"}, {"fixable": 1}, {"line": True}, {"extra": 1}]


@pytest.mark.parametrize(
    "entry",
    [3, "x", {"a": 1}, [], ["DIGEST"], ["DIGEST", 3], ["DIGEST", [3]], ["DIGEST", [{"code": 1}]]] + [["DIGEST", f] for f in BAD_RECORD_FIELDS],
)
def test_a_cache_entry_of_the_wrong_shape_is_a_miss_not_a_crash(tmp_path, monkeypatch, entry):
    (tmp_path / "t.py").write_text(BUGGY)
    monkeypatch.chdir(tmp_path)
    run = lambda: CliRunner().invoke(main, ["--format", "json", "."], catch_exceptions=False)  # noqa: E731
    assert [r["code"] for r in json.loads(run().output)] == ["LS203"]
    cache_file = next((tmp_path / ".lstmlint_cache").rglob("*.json"))
    ((name, (digest, records)),) = json.loads(cache_file.read_text()).items()
    if isinstance(entry, list) and entry:
        entry[0] = digest
        if len(entry) == 2 and isinstance(entry[1], dict):  # one field of a real record changed
            entry[1] = [{key: value for key, value in {**records[0], **entry[1]}.items()}]
    cache_file.write_text(json.dumps({name: entry}))
    assert [r["code"] for r in json.loads(run().output)] == ["LS203"]


# --- item 8: options that silently did something else; item 7: --jobs



def cli(*args, **kwargs):
    return CliRunner().invoke(main, ["--no-cache", *args], **kwargs)


def test_diff_reports_what_it_does_not_fix_and_a_crash_exits_2(tmp_path, monkeypatch):
    from lstmlint.run import engine
    (tmp_path / "a_fixable.py").write_text(STACKED)
    (tmp_path / "b_buggy.py").write_text(BUGGY)
    (tmp_path / "c_crash.py").write_text(BUGGY)
    real = engine.check_module
    monkeypatch.setattr(engine, "check_module", lambda m, f, *a: (_ for _ in ()).throw(ValueError("boom")) if f.endswith("c_crash.py") else real(m, f, *a))
    result = cli("--jobs", "1", "--diff", str(tmp_path))
    assert result.exit_code == 2
    assert "+    layers.LSTM(8, input_shape=(5, 3), return_sequences=True),\n" in result.stdout
    assert "b_buggy.py:8:11: LS203" in result.stderr and "c_crash.py:1:1: LS902" in result.stderr


def test_diff_with_only_clean_files_exits_0(tmp_path):
    (tmp_path / "clean.py").write_text(CLEAN)
    result = cli("--diff", str(tmp_path))
    assert result.exit_code == 0 and result.stdout == ""


def test_stdin_fix_diff_shows_the_diff_instead_of_applying(tmp_path):
    result = cli("--fix", "--diff", "-", input=STACKED)
    assert result.stdout.startswith("--- a/-\n+++ b/-\n")
    assert "+    layers.LSTM(8, input_shape=(5, 3), return_sequences=True),\n" in result.stdout
    assert result.exit_code == 1


def test_select_empty_is_a_usage_error_not_every_rule(tmp_path):
    (tmp_path / "t.py").write_text(BUGGY)
    result = cli("--select", "", str(tmp_path))
    assert result.exit_code == 2 and "names no codes" in result.output


def test_ctrl_c_exits_130(tmp_path, monkeypatch):
    from lstmlint.run import check as check_run
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(check_run, "lint_paths", interrupted)
    (tmp_path / "t.py").write_text(BUGGY)
    result = cli(str(tmp_path))
    assert result.exit_code == 130 and "interrupted" in result.stderr


def test_ctrl_c_on_a_real_parallel_run_exits_130(tmp_path):
    import signal
    import time

    for i in range(40):
        (tmp_path / f"m{i}.py").write_text(BUGGY + "".join(f"x{j} = keras.layers.Dense({j + 1})\n" for j in range(300)))
    child = subprocess.Popen([sys.executable, "-m", "lstmlint", "--no-cache", "--jobs", "2", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    deadline = time.monotonic() + 60
    while children.exists() and not children.read_text().split() and time.monotonic() < deadline:  # until the workers are checking
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "interrupted" in err


def test_output_file_equal_to_a_checked_file_is_refused(tmp_path):
    target = tmp_path / "t.py"
    target.write_text(BUGGY)
    for where in (str(target), str(tmp_path)):
        result = cli("--output-file", str(target), where)
        assert result.exit_code == 2 and "is one of the files being checked" in result.output
        assert target.read_text() == BUGGY


def test_output_file_in_a_missing_folder_fails_before_the_work(tmp_path, monkeypatch):
    from lstmlint.run import check as check_run
    monkeypatch.setattr(check_run, "lint_paths", lambda *a, **k: pytest.fail("linted before checking --output-file"))
    (tmp_path / "t.py").write_text(BUGGY)
    result = cli("--output-file", str(tmp_path / "missing" / "report.txt"), str(tmp_path))
    assert result.exit_code == 2 and "does not exist" in result.output


@pytest.mark.parametrize("output_format, to_file", [("text", False), ("sarif", False), ("junit", False), ("json", True), ("text", True)])
def test_non_utf8_file_names_are_reported_not_a_crash(tmp_path, output_format, to_file):
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.py", "w") as handle:
        handle.write(BUGGY)
    report = tmp_path / "report.out"
    args = ["--no-cache", "--format", output_format] + (["--output-file", str(report)] if to_file else []) + [str(tmp_path)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8:strict")
    done = subprocess.run([sys.executable, "-m", "lstmlint", *args], capture_output=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr.decode()[-1500:]
    written = report.read_bytes() if to_file else done.stdout
    text = written.decode("utf-8")  # valid UTF-8, the odd byte shown as an escape
    shown = {"json": "caf\\\\xe9.py", "sarif": "caf%5Cxe9.py"}.get(output_format, "caf\\xe9.py")
    assert shown in text


def test_jobs_beyond_the_cpu_count_are_capped_with_a_note(tmp_path, monkeypatch):
    from lstmlint.run import parallel
    started = []
    real = parallel._run_pool
    monkeypatch.setattr(parallel, "_run_pool", lambda work, items, indices, jobs, finished: started.append(jobs) or real(work, items, indices, jobs, finished))
    for i in range(6):
        (tmp_path / f"m{i}.py").write_text(BUGGY)
    result = cli("--jobs", "1000", str(tmp_path))
    assert result.exit_code == 1 and f"--jobs 1000 capped at {os.cpu_count()}" in result.stderr
    assert started in ([], [os.cpu_count()]) and all(jobs <= os.cpu_count() for jobs in started)


# --- item 5: FIFOs; item 6: config files and notebooks that used to be tracebacks


def test_a_fifo_named_py_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "t.py").write_text(BUGGY)
    script = "import sys; from lstmlint.cli import main; sys.argv = ['lstmlint', '--no-cache', '--format', 'json'] + sys.argv[1:]; main()"
    for args in ([str(tmp_path)], [str(tmp_path / "pipe.py"), str(tmp_path / "t.py")]):  # found in a walk, or named
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=20)
        found = [(Path(r["filename"]).name, r["code"], r["message"]) for r in json.loads(done.stdout)]
        assert found[0][:2] == ("pipe.py", "LS901") and "not a regular file" in found[0][2]
        assert found[1][:2] == ("t.py", "LS203") and done.returncode == 1


def test_config_pointing_at_a_fifo_is_a_config_error(tmp_path):
    os.mkfifo(tmp_path / "lstmlint.toml")
    (tmp_path / "t.py").write_text(BUGGY)
    script = "import sys; from lstmlint.cli import main; sys.argv = ['lstmlint', '--no-cache'] + sys.argv[1:]; main()"
    done = subprocess.run([sys.executable, "-c", script, "--config", str(tmp_path / "lstmlint.toml"), str(tmp_path)], capture_output=True, text=True, timeout=20)
    assert done.returncode == 2 and "not a regular file" in done.stderr


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("pyproject.toml", b"tool = 3\n", "`tool` must be a table"),
        ("pyproject.toml", b'tool = "x"\n', "`tool` must be a table"),
        ("pyproject.toml", "[tool.lstmlint]\nselect = ['LS2']\n".encode("utf-16"), "not valid UTF-8"),
        ("pyproject.toml", b"[tool.lstmlint]\n# caf\xe9\nselect = ['LS2']\n", "not valid UTF-8"),
        ("pyproject.toml", b"[tool.lstmlint]\nselect = " + b"[" * 5000 + b"]" * 5000 + b"\n", "cannot read TOML"),
        (".lstmlint.yaml", b"select: " + b"[" * 5000 + b"]" * 5000 + b"\n", "cannot read YAML"),
        (".lstmlint.yaml", b"select: [LS2]\n# caf\xe9\n", "cannot read YAML"),
    ],
    ids=["tool-int", "tool-str", "utf16", "bad-utf8", "deep-toml", "deep-yaml", "yaml-bad-utf8"],
)
def test_broken_config_files_are_a_clear_error(tmp_path, monkeypatch, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "t.py").write_text(BUGGY)
    monkeypatch.chdir(tmp_path)
    result = cli(".")
    assert result.exit_code == 2 and message in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)



@pytest.mark.parametrize(
    "notebook, message",
    [
        ({"cells": [{"cell_type": "code", "source": [1, 2]}]}, "cell 1's source is not text"),
        ({"cells": [{"cell_type": "code", "source": {"a": 1}}]}, "cell 1's source is not text"),
        ({"cells": [{"cell_type": "code", "source": None}]}, "cell 1's source is not text"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
    ids=["list-of-ints", "dict", "null", "deep-json"],
)
def test_malformed_notebooks_are_ls901_and_the_run_goes_on(tmp_path, notebook, message):
    (tmp_path / "a.ipynb").write_text(notebook if isinstance(notebook, str) else json.dumps(notebook))
    (tmp_path / "b.py").write_text(BUGGY)
    result = lint_paths([str(tmp_path)], SETTINGS)
    assert [(Path(d.filename).name, d.code) for d in result.diagnostics] == [("a.ipynb", "LS901"), ("b.py", "LS203")]
    assert message in result.diagnostics[0].message


# --- item 7: resource bounds; item 9: messages


def test_a_token_dense_file_under_1_mb_is_refused_by_the_token_cap():
    numbers = ", ".join(["0"] * 150_000)  # 450 KB, 300,000 tokens: ~14 s and 600 MB of libcst
    found = codes(f"import keras\nX = [{numbers}]\n".encode())
    assert [c for c, _, _ in found] == ["LS901"]
    assert "tokens, more than lstmlint parses in bounded time and memory (200,000)" in found[0][2]


def test_100k_short_lines_are_refused_by_the_token_cap():
    found = codes(("import keras\n" + "x = 1\n" * 100_000).encode())
    assert [c for c, _, _ in found] == ["LS901"]


def test_sizes_beyond_sane_bounds_become_unknown():
    from lstmlint.infer.shapes import Shape, dim_arith, is_known

    size = 3
    for _ in range(15_000):  # np.concatenate([X, X]) 15,000 times
        size = dim_arith("+", size, size)
    assert not is_known(size)
    assert str(Shape((size, 5))) == "(None, 5)"


@pytest.mark.slow
def test_concatenating_14500_times_is_not_a_crash():
    lines = "X = np.concatenate([X, X])\n" * 14_500  # 2**14500 samples: past int-to-string's 4,300 digits
    source = "import numpy as np\nfrom tensorflow import keras\nX = np.zeros((2, 5, 3))\n" + lines + BUGGY.split("\n", 4)[4]
    assert "LS902" not in [c for c, _, _ in codes(source.encode())]


def test_a_4096_d_shape_is_abbreviated_in_messages():
    dims = ", ".join(["10", "5", "3"] + ["1"] * 4093)
    source = BUGGY.replace("X = np.random.rand(10, 5, 3)\n", f"X = np.random.rand(10, 5, 3).reshape({dims})\n")
    found = codes(source.encode())
    assert [c for c, _, _ in found] == ["LS201"]
    assert "(10, 5, 3, ..., 1; 4096 axes)" in found[0][2] and len(found[0][2]) < 300


def test_negative_sizes_are_not_reported_as_feature_counts():
    found = codes(BUGGY.replace("input_shape=(5, 1)", "input_shape=(5, -3)").replace("X = np.random.rand(10, 5, 3)", "X = np.random.rand(10, 5, 2)").encode())
    assert not any("-3" in message for _, _, message in found)


def test_utf16_with_a_bom_is_named_not_called_binary():
    found = codes(BUGGY.encode("utf-16"))
    assert [c for c, _, _ in found] == ["LS901"]
    assert "UTF-16" in found[0][2] and "binary" not in found[0][2]


def test_a_notebook_over_the_source_cap_is_read_and_one_over_its_own_cap_says_so(tmp_path):
    cell = {"cell_type": "code", "source": BUGGY, "outputs": [{"data": {"image/png": "A" * 2_000_000}}]}
    (tmp_path / "plots.ipynb").write_text(json.dumps({"cells": [cell]}))  # 2 MB of plot output, 8 lines of code
    result = lint_paths([str(tmp_path / "plots.ipynb")], SETTINGS)
    assert [d.code for d in result.diagnostics] == ["LS203"]
    from lstmlint.files.notebooks import MAX_NOTEBOOK_BYTES, read_notebook

    assert read_notebook(b" " * (MAX_NOTEBOOK_BYTES + 1)) == "notebook is larger than 16 MB; not checked"


# --- item 10: `python -m lstmlint` in an untrusted checkout


def test_python_m_lstmlint_does_not_import_modules_from_the_current_folder(tmp_path):
    marker = tmp_path / "ran"
    for name in ("click", "libcst", "rich", "yaml"):
        (tmp_path / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write({name!r})\n")
    (tmp_path / "t.py").write_text(BUGGY)
    done = subprocess.run([sys.executable, "-m", "lstmlint", "--no-cache", "t.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert not marker.exists(), marker.read_text()
    assert done.returncode == 1 and "LS203" in done.stdout
