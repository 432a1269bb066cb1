"""--fix changes only the bytes of the fix, atomically, or nothing (issue 13,
items 3, 4 and 6): a full disk, a concurrent edit, a read-only or vanished
file, bytes libcst's round trip loses, code nested too deeply to rewrite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import STACKED, run
from lstmlint.fix import fix_files
from lstmlint.fix import writer
from lstmlint.config.settings import Settings

FIXED = STACKED.replace("input_shape=(5, 3)),", "input_shape=(5, 3), return_sequences=True),")
SETTINGS = Settings(keras_version=3)


def test_a_full_disk_leaves_the_file_whole(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(STACKED)
    limit = len(STACKED) + 5  # the fixed file is longer: its write fails part-way (EFBIG, as ENOSPC would)
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from lstmlint.cli import main\n"
        "sys.argv = ['lstmlint', '--no-cache', '--fix', sys.argv[1]]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120)
    assert path.read_text() == STACKED
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "not fixed: cannot write the file: File too large" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.py"]  # no temporary file left behind


def test_fix_keeps_the_file_mode(tmp_path):
    path = tmp_path / "m.py"
    path.write_text(STACKED)
    path.chmod(0o751)
    assert run("--no-cache", "--fix", str(path)).exit_code == 0
    assert path.read_text() == FIXED and path.stat().st_mode & 0o7777 == 0o751


def test_fix_through_a_symbolic_link_fixes_the_target(tmp_path):
    real = tmp_path / "real.py"
    real.write_text(STACKED)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    fix_files([str(link)], SETTINGS, write=True)
    assert link.is_symlink() and real.read_text() == FIXED


def test_an_edit_made_while_fixing_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "m.py"
    path.write_text(STACKED)
    real_fix = writer.fix_text

    def editor_saves_meanwhile(text, filename, settings, codes=None):
        result = real_fix(text, filename, settings, codes)
        path.write_text(STACKED + "# saved by the editor\n")
        return result

    monkeypatch.setattr(writer, "fix_text", editor_saves_meanwhile)
    result = run("--no-cache", "--fix", str(path))
    assert path.read_text() == STACKED + "# saved by the editor\n"
    assert result.exit_code == 2 and "not fixed: the file changed while lstmlint was fixing it" in result.output


def test_a_read_only_or_vanished_file_does_not_stop_the_others(tmp_path):
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(STACKED)
    (tmp_path / "a.py").chmod(0o444)
    (tmp_path / "c.py").unlink()
    fixes = fix_files([str(tmp_path / n) for n in ("a.py", "b.py", "c.py")], SETTINGS, write=True)
    assert [(Path(f.filename).name, f.refused) for f in fixes] == [
        ("a.py", "not fixed: the file is read-only"),
        ("b.py", None),
        ("c.py", "not fixed: cannot read the file: No such file or directory"),
    ]
    assert (tmp_path / "a.py").read_text() == STACKED and (tmp_path / "b.py").read_text() == FIXED


def test_cli_fix_on_a_read_only_file_is_a_message_and_exit_2(tmp_path):
    (tmp_path / "a.py").write_text(STACKED)
    (tmp_path / "b.py").write_text(STACKED)
    (tmp_path / "a.py").chmod(0o444)
    result = run("--no-cache", "--fix", str(tmp_path))
    assert result.exit_code == 2 and "a.py: not fixed: the file is read-only" in result.output
    assert (tmp_path / "b.py").read_text() == FIXED and "Traceback" not in result.output


@pytest.mark.parametrize(
    "original",
    [STACKED.replace("model = ", "\fmodel = "), STACKED.replace("\n", "\r")],
    ids=["form-feed-at-line-start", "lone-cr-final"],
)
def test_bytes_libcst_loses_refuse_the_fix(tmp_path, original):
    path = tmp_path / "m.py"
    path.write_bytes(original.encode())
    result = run("--no-cache", "--fix", str(path))
    assert path.read_bytes() == original.encode()  # not one byte changed
    assert result.exit_code == 2 and "not fixed: the fix would also change line" in result.output


def test_a_form_feed_inside_nothing_the_fix_touches_elsewhere_is_kept_by_a_clean_fix(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("\f\n" + STACKED)  # a form feed libcst does keep: the fix goes ahead
    assert run("--no-cache", "--fix", str(path)).exit_code == 0
    assert path.read_text() == "\f\n" + FIXED


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_on_deeply_nested_code_is_a_message_not_a_recursion_error(tmp_path, option):
    path = tmp_path / "m.py"
    deep = "x = " + " + ".join(["1"] * 900) + "\n"  # Python accepts it; libcst's visitors recurse on it
    path.write_text(STACKED + deep)
    result = run("--no-cache", option, str(path))
    assert "Traceback" not in result.output and not isinstance(result.exception, RecursionError), result.output
    assert result.exit_code in (0, 1) and path.read_text() == (FIXED + deep if option == "--fix" else STACKED + deep)
