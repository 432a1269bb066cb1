import io

from lstmlint.api import lint_paths
from lstmlint.run.progress import wanted
from lstmlint.config.settings import Settings


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_an_interactive_human_run():
    terminal, pipe = _Terminal(), io.StringIO()
    assert wanted("text", False, terminal, {})
    assert wanted("concise", False, terminal, {})
    assert not wanted("text", False, pipe, {})  # piped or redirected
    assert not wanted("text", False, terminal, {"CI": "true"})  # CI logs
    assert not wanted("json", False, terminal, {})  # machine formats
    assert not wanted("sarif", False, terminal, {})
    assert not wanted("text", True, terminal, {})  # --quiet


def test_lint_paths_reports_progress_per_parsed_file(tmp_path):
    for i in range(3):
        (tmp_path / f"m{i}.py").write_text("import keras\n")
    (tmp_path / "plain.py").write_text("print(1)\n")  # pre-filtered: never parsed
    seen = []
    lint_paths([str(tmp_path)], Settings(keras_version=3), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
