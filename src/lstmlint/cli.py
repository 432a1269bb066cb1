"""The command line: a thin layer over :mod:`lstmlint.api`.

Heavy imports (libcst, rich) happen only inside the commands that need them,
so ``lstmlint --version`` starts instantly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional, Tuple

import click

from . import __version__
from .report import FORMATS
from .config.settings import KERAS_VERSION_CHOICES

class _DefaultCheck(click.Group):
    """``lstmlint PATH`` means ``lstmlint check PATH``."""

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultCheck, context_settings={"help_option_names": ["-h", "--help"]},
             subcommand_metavar="[check] [PATH]... | COMMAND [ARGS]...")
@click.version_option(__version__, prog_name="lstmlint")
def main() -> None:
    """Find Keras tensor-shape and dtype bugs before anything runs.

    lstmlint reads your code (it never imports or runs it) and reports what
    real Keras would raise at build or fit time.

    `lstmlint PATH...` is short for `lstmlint check PATH...`; see
    `lstmlint check --help` for its options.
    """


def _codes(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Tuple[str, ...]:
    if value is None:
        return ()
    from .rules.registry_view import is_code_prefix

    codes = tuple(part.strip().upper() for part in value.split(",") if part.strip())
    if not codes and param.name == "select":  # not "every rule", which is what an empty selection used to mean
        raise click.BadParameter("names no codes; give at least one (e.g. LS2), or leave the option out for every rule")
    for code in codes:
        if not is_code_prefix(code):
            raise click.BadParameter(f"unknown rule code or prefix {code!r} (see `lstmlint rules`)")
    return codes


class ConfigFailure(click.ClickException):
    """A config file that cannot be used: exit 2, like any usage error."""

    exit_code = 2


def _globs(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True))
@click.option("--format", "--output-format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: code frames and help; concise: one line each; json / json-lines: records for tools; "
                   "sarif: code scanning; github: GitHub Actions annotations; junit: CI test reports; gitlab: GitLab code quality report.")
@click.option("--keras-version", type=click.Choice(KERAS_VERSION_CHOICES),
              help="Keras whose behaviour decides the verdicts. auto (default): what the project's requirements*.txt, "
                   "pyproject.toml, setup.cfg or environment.yml ask for, else 2 for TF_USE_LEGACY_KERAS=1 or "
                   "tf_keras imports, else the installed Keras, else 3 (see --show-settings).")
@click.option("--select", callback=_codes, help="Only these codes (comma-separated; prefixes like LS2 allowed). Replaces the config's.")
@click.option("--extend-select", callback=_codes, help="Codes to add to `select`.")
@click.option("--ignore", callback=_codes, help="Skip these codes (comma-separated; prefixes allowed). Adds to the config's.")
@click.option("--exclude", callback=_globs, help="Globs of files to skip (comma-separated). Replaces the config's.")
@click.option("--extend-exclude", callback=_globs, help="Globs to skip on top of `exclude`.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too (for pre-commit).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Use this config file (pyproject.toml, .lstmlint.yaml or a TOML file) instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--stdin-filename", help="With PATH `-`: the name of the file read from stdin (for messages, excludes and per-file ignores).")
@click.option("--fix", is_flag=True, help="Apply the fixes that are certain, then report what is left.")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff instead of writing them; exit 1 if there are any.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix / --diff: also the fixes that may change what the code means.")
@click.option("--show-fixes", is_flag=True, help="With --fix: list what was fixed, per file and code.")
@click.option("--report-unused-noqa", is_flag=True, help="Report suppression comments that no longer suppress anything (LS904).")
@click.option("--statistics", is_flag=True, help="Print how often each code was reported instead of the diagnostics.")
@click.option("--output-file", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file instead of stdout.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("-q", "--quiet", is_flag=True, help="Only the diagnostic lines: no code frames or summary.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Check files in up to N processes (default: the number of CPUs).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache (.lstmlint_cache/ in the project root).")
@click.option("--show-settings", is_flag=True, help="Print the settings for the first PATH (which Keras, and why; config file; rules) and exit.")
def check(paths, output_format, config_file, isolated, stdin_filename, fix, diff, statistics, output_file, exit_zero, quiet, jobs, no_cache, show_settings, **cli) -> None:
    """Check PATHS (files or directories; default: the current directory; `-`: stdin).

    Settings come from `[tool.lstmlint]` in pyproject.toml or .lstmlint.yaml,
    found by walking up from PATHS; the options here override them.
    Exit status: 0 clean, 1 problems found, 2 usage/config error or internal error.
    """
    from .run.cache import CACHE_DIR_NAME
    from .run.check import run_check
    from .config.loading import ConfigError, build_settings
    from .run.parallel import capped_jobs

    if config_file and isolated:
        raise click.UsageError("--config and --isolated contradict each other; use one")
    if "-" in paths and len(paths) > 1:
        raise click.BadParameter("`-` (stdin) cannot be combined with other paths", param_hint="PATHS")
    if stdin_filename and paths != ("-",) and paths:
        raise click.BadParameter("--stdin-filename needs `-` as the only path", param_hint="--stdin-filename")
    if statistics and output_format not in ("text", "concise", "json"):
        raise click.BadParameter(f"--statistics prints text or JSON; not {output_format!r}", param_hint="--format")
    paths = (paths or ("-",)) if stdin_filename else (paths or (".",))
    where = [stdin_filename] if paths == ("-",) and stdin_filename else [p for p in paths if p != "-"]
    try:
        settings, config_path = build_settings(where, config_file, isolated, cli)
    except ConfigError as exc:
        raise ConfigFailure(str(exc)) from None
    if show_settings:
        from .config.show import describe

        click.echo(describe(settings, config_path, (where or ["."])[0], bool(cli.get("keras_version"))), nl=False)
        return
    try:
        status = run_check(
            paths, settings, output_format,
            stdin_filename=stdin_filename, fix=fix, diff=diff, statistics=statistics,
            output_file=output_file, quiet=quiet, show_fixes=cli.pop("show_fixes"),
            jobs=capped_jobs(jobs), cache_dir=None if no_cache else Path(settings.root) / CACHE_DIR_NAME,
        )
    except KeyboardInterrupt:  # 130 = 128 + SIGINT, as shells and other linters report it (1 means "problems found")
        click.echo("lstmlint: interrupted", err=True)
        sys.exit(130)
    sys.exit(0 if status == 1 and exit_zero else status)


@main.command("rules")
@click.option("--family", help="Only the codes starting so (e.g. LS6, the removed-API rules), each with what it covers and the replacement.")
def rules_command(family: Optional[str]) -> None:
    """List every rule: code, name, severity, summary."""
    from .rules.registry_view import catalogue_lines, rule_rows

    import textwrap

    family = (family or "").upper()
    rows = [row for row in rule_rows() if row[0].startswith(family)]
    name_width = max(len(name) for _, name, _, _ in rows) if rows else 0
    severity_width = 24  # longer labels ("Keras 2: not reported, Keras 3: error") wrap within the column
    for code, name, severity, summary in rows:
        wrapped = textwrap.wrap(severity, severity_width) or [""]
        click.echo(f"{code}  {name:<{name_width}}  {wrapped[0]:<{severity_width}}  {summary}")
        for more in wrapped[1:]:
            click.echo(f"{'':<{len(code)}}  {'':<{name_width}}  {more}")
        if family:
            for line in catalogue_lines(code):
                click.echo(f"      {line}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show the documentation of one rule (by code or name)."""
    from .rules.registry_view import explain_text

    text = explain_text(code)
    if text is None:
        raise click.BadParameter(f"no rule {code!r} (see `lstmlint rules`)", param_hint="CODE")
    click.echo(text)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("--format", "output_format", type=click.Choice(("text", "json", "mermaid", "dot")), default="text", show_default=True,
              help="text: a table like model.summary(); json: the same as records; mermaid / dot: the model graph with shapes on the edges.")
@click.option("--keras-version", type=click.Choice(KERAS_VERSION_CHOICES),
              help="Keras whose behaviour decides shapes and diagnostics (as for `check`).")
def shapes(paths, output_format, keras_version) -> None:
    """Print each model's layers, output shapes and parameter counts (no TensorFlow needed).

    For every Sequential, Functional or subclassed model in PATHS (files,
    notebooks, directories, or `-` for stdin): a table like Keras's model.summary(), with sizes read from
    data shown by name and the layers where a diagnostic fires marked.
    Exit status: 0, or 2 for bad arguments, missing files or config errors.
    """
    from .config.loading import ConfigError, build_settings
    from .report.shapes import WRITERS, summarize_paths

    if "-" in paths and len(paths) > 1:
        raise click.BadParameter("`-` (stdin) cannot be combined with other paths", param_hint="PATHS")
    try:
        settings, _ = build_settings(list(paths), None, False, {"keras_version": keras_version})
    except ConfigError as exc:
        raise ConfigFailure(str(exc)) from None
    WRITERS[output_format](summarize_paths(paths, settings), sys.stdout)


@main.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over stdin/stdout (the default; accepted for clients that pass it).")
def server(stdio: bool) -> None:
    """Run the language server for editors: diagnostics, shape hovers, inlay hints, quick fixes.

    Needs the `server` extra: pip install "lstmlint[server]". See docs/editors.md.
    """
    try:
        from .server.features import serve
    except ImportError as exc:
        raise ConfigFailure(f"the language server needs pygls ({exc.name} is missing): pip install \"lstmlint[server]\"") from None
    serve()
