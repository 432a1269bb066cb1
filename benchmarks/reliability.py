"""The adversarial run behind docs/reliability.md: ``python benchmarks/reliability.py``.

Builds a tree of hostile files from examples/ (line-ending, encoding and
byte mutations, truncations, random byte flips, the constructs libcst cannot
take, FIFOs, broken notebooks, undecodable names), then

1. checks it with ``lstmlint --jobs 2`` (one run per folder), and counts crashes:
   a traceback, an exit status other than 0/1/2, an LS902, a run past the time limit;
2. runs ``lstmlint --fix`` on a copy (once per folder) and counts the bytes lost: every change
   between a file before and after must be one of the fixes' own edits
   (``return_sequences=True`` added or set, ``input_length=...`` dropped);
   anything else a fix deleted or replaced is a lost byte. The check is
   independent of lstmlint's own (``fix/verify.py``): a character diff.

Prints a Markdown summary (docs/reliability.md keeps the latest).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List

ROOT = Path(__file__).resolve().parent.parent
LSTMLINT = [sys.executable, "-m", "lstmlint", "--no-cache", "--isolated"]
_TOKEN = re.compile(r"\w+| +|.", re.DOTALL)
_FIX_REMOVAL = re.compile(r"^[ ,]*(False|input_length=[^,()\s]*)?[ ,]*$")  # what the fixes may remove


def mutations(text: str, rng: random.Random) -> Dict[str, bytes]:
    """Named hostile variants of one program."""
    data = text.encode()
    lines = text.splitlines(keepends=True)
    cut = rng.randrange(1, max(len(data), 2))
    flipped = bytearray(data)
    for _ in range(3):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    return {
        "crlf": text.replace("\n", "\r\n").encode(),
        "lone_cr": text.replace("\n", "\r").encode(),
        "form_feeds": "".join("\f" + line if i % 3 == 0 else line for i, line in enumerate(lines)).encode(),
        "bom": b"\xef\xbb\xbf" + data,
        "latin1": ("# -*- coding: latin-1 -*-\n# caf\xe9\n" + text).encode("latin-1"),
        "utf16": text.encode("utf-16"),
        "tabs": text.replace("    ", "\t").encode(),
        "mixed_indent": ("if True:\n \tif True:\n\t    pass\n" + text).encode(),
        "truncated": data[:cut],
        "byte_flips": bytes(flipped),
        "nul": data[:cut] + b"\0" + data[cut:],
        "and_chain": (text + "ok = " + " and ".join(["x"] * 9000) + "\n").encode(),
        "adjacent_strings": (text + "s = (" + " ".join(["'a'"] * 4000) + ")\n").encode(),
        "deep_parens": (text + "x = " + "(" * 300 + "1" + ")" * 300 + "\n").encode(),
        "deep_binop": (text + "x = " + " + ".join(["1"] * 900) + "\n").encode(),
        "big_list": (text + "X = [" + ", ".join(["0"] * 120_000) + "]\n").encode(),
        "python2": (text + "print 'done'\n").encode(),
        "no_final_newline": data.rstrip(b"\n"),
    }


def notebooks(texts: List[str]) -> Dict[str, str]:
    good = {"cells": [{"cell_type": "code", "source": t.splitlines(keepends=True)} for t in texts[:3]]}
    return {
        "good.ipynb": json.dumps(good),
        "int_source.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": [1, 2]}]}),
        "null_source.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": None}]}),
        "deep.ipynb": "[" * 50_000 + "]" * 50_000,
        "truncated.ipynb": json.dumps(good)[:200],
        "not_cells.ipynb": json.dumps({"cells": 3}),
    }


def build(tree: Path, seed: int, random_flips: int, skip: List[str]) -> int:
    rng = random.Random(seed)
    examples = sorted((ROOT / "examples").glob("*.py"))
    texts = [p.read_text() for p in examples]
    for path, text in zip(examples, texts):
        folder = tree / path.stem
        folder.mkdir(parents=True)
        for name, data in mutations(text, rng).items():
            if name not in skip:
                (folder / f"{name}.py").write_bytes(data)
        for i in range(random_flips):
            data = bytearray(text.encode())
            for _ in range(rng.randrange(1, 8)):
                data[rng.randrange(len(data))] = rng.choice(b"()[]{}:,.=\t \n\r\\'\"#\x00\xff")
            (folder / f"flip_{i}.py").write_bytes(bytes(data))
    special = tree / "special"
    special.mkdir()
    for name, body in notebooks(texts).items():
        (special / name).write_text(body)
    os.mkfifo(special / "fifo.py")
    with open(os.fsencode(special) + b"/caf\xe9.py", "w") as handle:
        handle.write(texts[0])
    return sum(1 for _ in tree.rglob("*") if not _.is_dir())


def check_run(tree: Path, timeout: float) -> Dict[str, object]:
    """One ``lstmlint --jobs 2`` run per folder (a run that dies costs one folder's count)."""
    start = time.perf_counter()
    crashes: List[str] = []
    by_code: Dict[str, int] = {}
    for folder in sorted(p for p in tree.iterdir() if p.is_dir()):
        try:
            done = subprocess.run([*LSTMLINT, "--jobs", "2", "--format", "json", str(folder)], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            crashes.append(f"{folder.name}: no answer within {timeout:.0f} s")
            continue
        try:
            records = json.loads(done.stdout.decode("utf-8"))
        except ValueError:
            records = []
        if done.returncode not in (0, 1, 2) or b"Traceback" in done.stderr or not isinstance(records, list):
            crashes.append(f"{folder.name}: exit {done.returncode}: {done.stderr.decode(errors='replace').strip().splitlines()[-1:]}")
        for r in records:
            by_code[r["code"]] = by_code.get(r["code"], 0) + 1
            if r["code"] == "LS902":
                crashes.append(f"{folder.name}: {r['filename']}: {r['message']}")
    return {"seconds": time.perf_counter() - start, "crashes": len(crashes), "by_code": dict(sorted(by_code.items())), "crash_messages": crashes}


def lost_bytes(before: str, after: str) -> int:
    """Characters a fix deleted or replaced that are not one of its own edits
    (a token diff: words, runs of spaces, single characters)."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    lost = 0
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        removed = "".join(old[i1:i2])
        if tag != "equal" and removed and not _FIX_REMOVAL.match(removed):
            lost += len(removed)
    return lost


def fix_run(tree: Path, timeout: float) -> Dict[str, object]:
    """``lstmlint --fix`` once per folder; every file compared before and after."""
    files = [p for p in tree.rglob("*.py") if p.is_file() and not p.is_fifo()]
    before = {p: p.read_bytes() for p in files}
    crashes = refused = 0
    for folder in sorted(p for p in tree.iterdir() if p.is_dir()):
        try:
            done = subprocess.run([*LSTMLINT, "--jobs", "2", "--fix", "-q", str(folder)], capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            crashes += 1
            continue
        crashes += int(done.returncode not in (0, 1, 2) or b"Traceback" in done.stderr)
        refused += done.stderr.decode(errors="replace").count("not fixed:")
    changed = [p for p, old in before.items() if p.read_bytes() != old]
    lost = sum(lost_bytes(before[p].decode("latin-1"), p.read_bytes().decode("latin-1")) for p in changed)
    return {"crashes": crashes, "files_fixed": len(changed), "fixes_refused": refused, "bytes_lost": lost,
            "stray_files": [p.name for p in tree.rglob(".lstmlint-*")]}


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--random-flips", type=int, default=10, help="random-byte mutants per example")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per lstmlint run")
    parser.add_argument("--skip", action="append", default=[], help="leave out a mutation (e.g. and_chain, which kills older builds)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "hostile"
        tried = build(tree, args.seed, args.random_flips, args.skip)
        checked = check_run(tree, args.timeout)
        fixed_tree = Path(scratch) / "fixed"
        shutil.copytree(tree, fixed_tree, ignore=lambda d, names: [n for n in names if (Path(d) / n).is_fifo()])
        fixes = fix_run(fixed_tree, args.timeout)
    print(f"| files tried | {tried} (seed {args.seed}) |")
    print(f"| check runs | {checked['seconds']:.0f} s, crashes {checked['crashes']} |")
    print(f"| diagnostics by code | {checked.get('by_code')} |")
    print(f"| fix runs | crashes {fixes['crashes']}, files fixed {fixes['files_fixed']}, fixes refused {fixes['fixes_refused']}, "
          f"bytes lost {fixes['bytes_lost']}, stray temp files {len(fixes['stray_files'])} |")
    for message in checked["crash_messages"]:
        print("crash:", message[:300])
    return 0 if checked["crashes"] == 0 and fixes["crashes"] == 0 and fixes["bytes_lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
