"""Precision of lstmlint's errors on real public Keras code (the development corpus).

An error must mean that real Keras raises. This harness finds out how often that holds
on code nobody here wrote (benchmarks/corpus.md says how the corpus is built):

    python benchmarks/precision.py lint              # lint the corpus under Keras 3 and 2
    python benchmarks/precision.py sample --n 40 --seed 1 --keras-version 3
                                                     # a worklist, stratified by code
    python benchmarks/precision.py report            # per-code precision from the verdicts

Each sampled error is then reduced by hand to a runnable program that keeps the script's
own model and data code (files it reads become random arrays of the shapes it would load),
run under real Keras 3 and 2, and judged in ``benchmarks/precision-verdicts.tsv``:
TRUE (Keras raises at that call for that reason), FALSE (it runs) or WRONG-CAUSE (it
raises, but first for another reason).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = HERE.parent / ".cache" / "corpus"
DEFAULT_OUT = HERE.parent / ".cache" / "precision"
DEFAULT_VERDICTS = HERE / "precision-verdicts.tsv"
VERDICTS = ("TRUE", "FALSE", "WRONG-CAUSE")
CONTEXT = 4  # lines either side in an excerpt


def lint(root: Path, out: Path, version: int) -> List[dict]:
    """lstmlint's diagnostics on ``root`` for one Keras version (also saved as JSON)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"keras{version}.json"
    command = [sys.executable, "-m", "lstmlint", "check", str(root), "--format", "json",
               "--keras-version", str(version), "--no-cache", "--jobs", "2", "--exit-zero",
               "--output-file", str(target)]
    subprocess.run(command, check=True)
    return json.loads(target.read_text(encoding="utf-8"))


def errors(diagnostics: List[dict]) -> List[dict]:
    return [d for d in diagnostics if d["severity"] == "error"]


def stratified(diagnostics: List[dict], n: int, seed: int, skip: List[str]) -> List[dict]:
    """``n`` diagnostics taken in turn from each code (shuffled with ``seed``), so rare codes count."""
    rng = random.Random(seed)
    by_code: Dict[str, List[dict]] = defaultdict(list)
    for d in sorted(diagnostics, key=lambda d: (d["code"], d["filename"], d.get("cell") or 0, d["line"])):
        if d["code"] not in skip:
            by_code[d["code"]].append(d)
    for pile in by_code.values():
        rng.shuffle(pile)
    sample: List[dict] = []
    while len(sample) < n and any(by_code.values()):
        for code in sorted(by_code):
            if by_code[code] and len(sample) < n:
                sample.append(by_code[code].pop())
    return sample


def program_text(path: Path) -> str:
    """The code lstmlint saw: a notebook's code cells as one program, else the file."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        from lstmlint.files.notebooks import read_notebook

        notebook = read_notebook(data)
        return notebook.text if not isinstance(notebook, str) else ""
    return data.decode("utf-8", "replace")


def program_line(path: Path, diagnostic: dict) -> int:
    """The diagnostic's line in program_text (a notebook's lines are counted per cell)."""
    cell = diagnostic.get("cell")
    if not cell:
        return diagnostic["line"]
    from lstmlint.files.notebooks import read_notebook

    notebook = read_notebook(path.read_bytes())
    start = notebook.cell_starts[notebook.cell_numbers.index(cell)]
    return start + diagnostic["line"] - 1


def location(diagnostic: dict) -> str:
    """``line`` or ``cell N:line``: where a person finds it."""
    cell = diagnostic.get("cell")
    return f"cell {cell}:{diagnostic['line']}" if cell else str(diagnostic["line"])


def work_item(diagnostic: dict, root: Path, version: int) -> dict:
    path = Path(diagnostic["filename"])
    lines = program_text(path).splitlines()
    at = program_line(path, diagnostic)
    first = max(at - CONTEXT, 1)
    excerpt = "\n".join(f"{i:5} {'>' if i == at else ' '} {lines[i - 1]}"
                        for i in range(first, min(at + CONTEXT, len(lines)) + 1))
    return {"file": str(path.relative_to(root)) if path.is_relative_to(root) else str(path),
            "line": location(diagnostic), "program_line": at, "code": diagnostic["code"],
            "keras": version, "message": diagnostic["message"], "excerpt": excerpt}


def write_worklist(items: List[dict], out: Path, seed: int) -> None:
    (out / "worklist.json").write_text(json.dumps(items, indent=1), encoding="utf-8")
    parts = [f"# Precision worklist (seed {seed}, {len(items)} errors)\n"]
    for number, item in enumerate(items, start=1):
        parts.append(f"## {number:02d} {item['code']} {item['file']}:{item['line']}\n\n"
                     f"{item['message']}\n\n```python\n{item['excerpt']}\n```\n")
    (out / "worklist.md").write_text("\n".join(parts), encoding="utf-8")


def read_verdicts(path: Path) -> List[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t") if row["file"].strip()]
    for row in rows:
        if row["verdict"] not in VERDICTS:
            raise SystemExit(f"{path}: verdict {row['verdict']!r} is not one of {', '.join(VERDICTS)}")
    return rows


def precision_table(rows: List[dict]) -> str:
    """Per code and Keras version: how many sampled errors were true, false, wrong-cause."""
    counts: Dict[tuple, Counter] = defaultdict(Counter)
    for row in rows:
        counts[(row["code"], row["keras"])][row["verdict"]] += 1
    lines = ["| code | Keras | sampled | true | false | wrong cause | precision |",
             "|---|---|---:|---:|---:|---:|---:|"]
    total: Counter = Counter()
    for (code, keras), c in sorted(counts.items()):
        n = sum(c.values())
        total.update(c)
        lines.append(f"| {code} | {keras} | {n} | {c['TRUE']} | {c['FALSE']} | {c['WRONG-CAUSE']} "
                     f"| {c['TRUE'] / n:.2f} |")
    n = sum(total.values())
    if n:
        lines.append(f"| all | | {n} | {total['TRUE']} | {total['FALSE']} | {total['WRONG-CAUSE']} "
                     f"| {total['TRUE'] / n:.2f} |")
    return "\n".join(lines)


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["lint", "sample", "report"])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the corpus folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="lint results and worklist")
    parser.add_argument("--keras-version", type=int, choices=[2, 3], default=3)
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", default="LS900", help="codes left out of the sample (comma-separated)")
    parser.add_argument("--verdicts", type=Path, default=DEFAULT_VERDICTS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "lint":
        for version in (3, 2):
            found = Counter(d["code"] for d in errors(lint(root, args.out, version)))
            print(f"Keras {version}: " + ", ".join(f"{c} {n}" for c, n in sorted(found.items())))
    elif args.command == "sample":
        diagnostics = json.loads((args.out / f"keras{args.keras_version}.json").read_text(encoding="utf-8"))
        picked = stratified(errors(diagnostics), args.n, args.seed, args.skip.split(","))
        write_worklist([work_item(d, root, args.keras_version) for d in picked], args.out, args.seed)
        print(f"{len(picked)} errors -> {args.out / 'worklist.md'}")
    else:
        print(precision_table(read_verdicts(args.verdicts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
