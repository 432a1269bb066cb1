"""The conformance suite: run every snippet under real Keras 3 and Keras 2.

    python -m lstmlint.oracle [--changed] [--only PREFIX ...] [--check]

Runs the rule table's examples and ``examples/*.py`` through
:mod:`lstmlint.oracle.runner` (one interpreter per Keras version, both in
parallel), saves the observations to ``docs/oracle-results.json``,
regenerates ``docs/rules.md`` and ``docs/conformance.md``, and exits non-zero
if lstmlint and Keras disagree anywhere (see :mod:`lstmlint.oracle.compare`).
Needs TensorFlow (``pip install -e ".[oracle]"``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional

from .compare import RESULTS_PATH, Report, dump_results, evaluate, load_results
from .snippets import KERAS_VERSIONS, Snippet, collect, repo_root

STARTUP_SECONDS = 300  # importing TensorFlow on a cold, busy machine
SLACK_SECONDS = 60  # beyond the runner's own per-snippet alarm


class OracleError(RuntimeError):
    pass


def _reader(stream, lines: "queue.Queue[Optional[str]]") -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)


def observe(version: int, snippets: List[Snippet], python: str, timeout: int, log: Path):
    """Run ``snippets`` under Keras ``version``; {id: observation}, and the runner's ready record.

    If the interpreter dies (or hangs past the alarm), the running snippet is
    recorded as crashed/timeout and a fresh interpreter takes the rest.
    """
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0", CUDA_VISIBLE_DEVICES="")
    if version == 2:
        env["TF_USE_LEGACY_KERAS"] = "1"
    else:
        env.pop("TF_USE_LEGACY_KERAS", None)
    results: Dict[str, dict] = {}
    seconds: Dict[str, Optional[float]] = {}
    ready: dict = {}
    remaining = list(snippets)
    with tempfile.TemporaryDirectory(prefix=f"lstmlint-oracle-k{version}-") as workdir, open(log, "a") as err:
        while remaining:
            proc = subprocess.Popen(
                [python, "-m", "lstmlint.oracle.runner", "--keras", str(version), "--timeout", str(timeout)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, cwd=workdir, env=env, text=True,
            )
            lines: "queue.Queue[Optional[str]]" = queue.Queue()
            threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
            proc.stdin.write(json.dumps([{"id": s.id, "code": s.source} for s in remaining]))
            proc.stdin.close()
            current: Optional[str] = None
            started = False
            outcome = None
            while True:
                try:
                    line = lines.get(timeout=(timeout + SLACK_SECONDS) if started else STARTUP_SECONDS)
                except queue.Empty:
                    outcome = "timeout"
                    break
                if line is None:
                    outcome = "crashed"
                    break
                record = json.loads(line)
                event = record.pop("event")
                if event == "ready":
                    started, ready = True, record
                elif event == "fatal":
                    proc.kill()
                    raise OracleError(f"Keras {version} runner: {record['message']}")
                elif event == "start":
                    current = record["id"]
                elif event == "result":
                    snippet_id = record.pop("id")
                    seconds[snippet_id] = record.pop("seconds", None)
                    results[snippet_id] = {k: v for k, v in record.items() if v is not None}
                    current = None
                elif event == "done":
                    break
            if outcome is not None:
                proc.kill()
            proc.wait()
            done = set(results)
            if outcome is not None:
                if current is None:
                    raise OracleError(
                        f"the Keras {version} runner {'hung' if outcome == 'timeout' else 'died'} outside any snippet "
                        f"(exit code {proc.returncode}); see {log}"
                    )
                results[current] = {"status": outcome, "message": f"interpreter {'killed' if outcome == 'timeout' else 'exited'} (code {proc.returncode})"}
                done.add(current)
            remaining = [s for s in remaining if s.id not in done]
        slowest = sorted(((t, i) for i, t in seconds.items() if t is not None), reverse=True)
        err.write(f"\n[oracle] Keras {version}: {sum(t for t, _ in slowest):.1f}s in snippets; slowest: "
                  + ", ".join(f"{i} {t:.1f}s" for t, i in slowest[:8]) + "\n")
    return results, ready


def run_oracle(snippets: List[Snippet], python: str, timeout: int = 60, log_dir: Optional[Path] = None):
    """Both Keras versions in parallel: ({version: {id: observation}}, environment)."""
    log_dir = Path(log_dir or tempfile.mkdtemp(prefix="lstmlint-oracle-logs-"))
    outputs: Dict[int, tuple] = {}
    errors: List[BaseException] = []

    def work(version: int) -> None:
        try:
            outputs[version] = observe(version, snippets, python, timeout, log_dir / f"keras{version}.log")
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(v,)) for v in KERAS_VERSIONS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    environment = {}
    for version, (_, ready) in outputs.items():
        if ready:
            environment["tensorflow"] = ready["tensorflow"]
            environment[f"keras{version}"] = f"{ready['keras_module'].split('.')[0]} {ready['keras']}"
    return {v: out[0] for v, out in outputs.items()}, environment


def merge(previous: dict, snippets: List[Snippet], observed: Dict[int, Dict[str, dict]], environment: dict) -> dict:
    """The results file: fresh observations, else the previous ones still current; nothing else."""
    old = previous.get("snippets", {})
    entries = {}
    for snippet in snippets:
        if snippet.id in observed[KERAS_VERSIONS[0]]:
            keras = {str(v): observed[v][snippet.id] for v in KERAS_VERSIONS}
        elif snippet.id in old and old[snippet.id].get("sha256") == snippet.sha:
            keras = old[snippet.id]["keras"]
        else:
            continue
        entries[snippet.id] = {
            "kind": snippet.kind,
            "rule": snippet.rule,
            "claims": list(snippet.claims),
            "sha256": snippet.sha,
            "keras": keras,
        }
    env = dict(previous.get("environment", {}))
    env.update(environment)
    return {
        "about": "Real Keras outcomes of every rule example and examples/ file; written by `python -m lstmlint.oracle`.",
        "environment": env,
        "snippets": entries,
    }


def summary(report: Report) -> str:
    agree, total = report.counts()
    lines = [f"agreement: {agree}/{total} claimed verdicts"]
    for version in sorted(KERAS_VERSIONS, reverse=True):
        a, t = report.counts(version=version)
        lines.append(f"  Keras {version}: {a}/{t}")
    failures = report.failures
    if failures:
        lines.append(f"{len(failures)} failure(s):")
        lines += [f"  - {failure}" for failure in failures]
    else:
        lines.append("no failures")
    return "\n".join(lines)


def run(root: Optional[Path] = None, python: Optional[str] = None, timeout: int = 60, only=None, changed: bool = False,
        write: bool = True, log_dir: Optional[Path] = None, echo=print):
    """Observe, merge, evaluate and (optionally) write. Returns (results data, report, rendered docs)."""
    from .docs import render_all

    root = root or repo_root()
    snippets = collect(root)
    previous = load_results(root)
    chosen = snippets
    if only:
        chosen = [s for s in chosen if any(s.id.startswith(prefix) for prefix in only)]
    if changed:
        old = previous.get("snippets", {})
        chosen = [s for s in chosen if s.id not in old or old[s.id].get("sha256") != s.sha]
    python = python or sys.executable
    if chosen and python == sys.executable and not all(importlib.util.find_spec(m) for m in ("tensorflow", "tf_keras")):
        raise OracleError("TensorFlow and tf-keras are not installed here: pip install -e '.[oracle]' (or pass --python)")
    started = time.monotonic()
    if chosen:
        echo(f"running {len(chosen)} snippet(s) under Keras 3 and Keras 2 ...")
        observed, environment = run_oracle(chosen, python, timeout, log_dir)
    else:
        observed, environment = {v: {} for v in KERAS_VERSIONS}, {}
    echo(f"oracle run: {time.monotonic() - started:.0f}s")
    data = merge(previous, snippets, observed, environment)
    if write:  # the observations first: they cost minutes
        (root / RESULTS_PATH).parent.mkdir(parents=True, exist_ok=True)
        (root / RESULTS_PATH).write_text(dump_results(data), encoding="utf-8")
    report = evaluate(data, snippets, root)
    docs = render_all(data, report)
    if write:
        for relative, text in docs.items():
            (root / relative).write_text(text, encoding="utf-8")
    return data, report, docs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lstmlint.oracle", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=None, help="repository root (default: this checkout)")
    parser.add_argument("--python", default=None, help="interpreter with TensorFlow + tf-keras (default: this one)")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per snippet (default 60)")
    parser.add_argument("--only", nargs="+", metavar="PREFIX", help="re-run only snippets whose id starts so (e.g. LS203 examples/)")
    parser.add_argument("--changed", action="store_true", help="re-run only snippets new or changed since the last run")
    parser.add_argument("--check", action="store_true", help="write nothing; just report")
    parser.add_argument("--logs", type=Path, default=None, help="directory for the runners' stderr")
    args = parser.parse_args(argv)
    try:
        _, report, _ = run(args.root, args.python, args.timeout, args.only, args.changed, not args.check, args.logs)
    except OracleError as exc:
        print(f"oracle error: {exc}", file=sys.stderr)
        return 2
    print(summary(report))
    if not args.check:
        print(f"wrote {RESULTS_PATH.as_posix()}, docs/rules.md, docs/conformance.md")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
