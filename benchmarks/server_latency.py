"""Latency of ``lstmlint server``: ``python benchmarks/server_latency.py``.

Starts the server over stdio with pygls' client (as an editor would), opens a
generated 200-line Keras training script, then edits one line 50 times and
times each edit from ``textDocument/didChange`` to the diagnostics it brings
back (debounce set to 0 so only the re-check is measured), then a hover and
the inlay hints after an edit (one more inference pass, for the new version).
The re-check is also timed in process as CPU time, steadier on a shared
machine. For contrast: the one-shot ``lstmlint check`` of the same file.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from run import BLOCKS, FOOTER, HEADER, best_of  # benchmarks/run.py: the same generated scripts

EDITS = 50
LINES = 200


def script() -> str:
    parts = [HEADER.format(title="latency", samples=32, steps=10, features=3, classes=4)]
    i = 0
    while sum(p.count("\n") for p in parts) + FOOTER.count("\n") < LINES:
        parts.append(BLOCKS[i % len(BLOCKS)].format(i=i, units=16, filters=8))
        i += 1
    return "".join(parts) + FOOTER


async def measure(path: Path, text: str) -> dict:
    client = LanguageClient("latency", "1")
    published: asyncio.Queue = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait((time.perf_counter(), params))

    await client.start_io(sys.executable, "-m", "lstmlint", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), initialization_options={"debounce": 0}))
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "python", 1, text)))
    await published.get()
    lines = text.splitlines()
    line = lines.index("N_SAMPLES, N_STEPS, N_FEATURES, N_CLASSES = 32, 10, 3, 4")
    data_line = next(i for i, l in enumerate(lines) if l.startswith("    X = rng.random"))
    column, current = len("N_SAMPLES, N_STEPS, N_FEATURES, N_CLASSES = "), "32"
    checks, hovers, hints = [], [], []
    for version in range(2, EDITS + 2):
        samples = str(32 + version)  # a real change: the data's sample count
        where = types.Range(types.Position(line, column), types.Position(line, column + len(current)))
        change, current = types.TextDocumentContentChangePartial(where, samples), samples
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version, uri), [change]))
        arrived, params = await published.get()
        assert params.version == version, (params.version, version)
        checks.append(arrived - sent)
        if version % 5 == 0:  # a hover and the hints on a fresh version: one inference pass
            start = time.perf_counter()
            await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(data_line, 4)))
            hovers.append(time.perf_counter() - start)
            start = time.perf_counter()
            await client.text_document_inlay_hint_async(types.InlayHintParams(types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(LINES, 0))))
            hints.append(time.perf_counter() - start)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {"checks": checks, "hovers": hovers, "hints": hints}


def in_process(text: str) -> float:
    """The server's re-check alone, in this process: CPU time (steady on a busy
    machine), statements reused as in the server."""
    from lstmlint.parse import incremental
    from lstmlint.api import lint_source
    from lstmlint.config.settings import Settings

    incremental.enable()
    settings = Settings(keras_version=3)
    lint_source(text.encode(), "train_latency.py", settings)
    times = []
    for n in range(EDITS):
        edited = text.replace("= 32, 10, 3, 4", f"= {33 + n}, 10, 3, 4").encode()
        start = time.process_time()
        lint_source(edited, "train_latency.py", settings)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    text = script()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "train_latency.py"
        path.write_text(text)
        times = asyncio.run(measure(path, text))
        cli = best_of(5, lambda: subprocess.run([sys.executable, "-m", "lstmlint", "check", "--no-cache", str(path)], capture_output=True))
    checks = sorted(times["checks"])
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"  # noqa: E731
    print(f"{text.count(chr(10))}-line file, {EDITS} edits")
    print("| what | median | 90th percentile |")
    print("|---|---|---|")
    print(f"| edit → diagnostics (server, debounce 0) | {ms(statistics.median(checks))} | {ms(checks[int(len(checks) * 0.9)])} |")
    print(f"| the re-check alone, in process (CPU time) | {ms(in_process(text))} | |")
    print(f"| hover after an edit (first request: analysis pass) | {ms(statistics.median(times['hovers']))} | |")
    print(f"| inlay hints after it (analysis reused) | {ms(statistics.median(times['hints']))} | |")
    print(f"| `lstmlint check --no-cache` of the same file (process start-up included) | {ms(cli)} | |")


if __name__ == "__main__":
    main()
