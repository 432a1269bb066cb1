"""Build the development corpus of real public Keras code from bare git mirrors.

The corpus is the ground on which lstmlint's precision on real code is measured
(benchmarks/precision.py). Its files are other people's code, so they stay out of
git: only the list of sources, ``benchmarks/corpus.tsv`` (repository, commit), is
kept. From it, anyone with the same mirrors rebuilds the same folder:

    python benchmarks/corpus.py build --mirror /work/.mirror --out .cache/corpus
    python benchmarks/corpus.py add --mirror /work/.mirror owner/name ...   # record HEAD
    python benchmarks/corpus.py table --out .cache/corpus                   # for corpus.md

A mirror of ``owner/name`` is the git directory ``<mirror>/owner+name/repo``
(or ``.../repo/.git``, or ``<mirror>/owner+name``). Only ``.py`` and ``.ipynb`` files of at most 1 MB that
mention keras or tensorflow are extracted, to ``<out>/owner__name/<path>``, and at most
``--max-files`` (100) a repository, picked by a hash of the path.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Tuple

HERE = Path(__file__).resolve().parent
DEFAULT_TSV = HERE / "corpus.tsv"
MAX_BYTES = 1_000_000
MAX_FILES = 100  # a repository at most: no one bootcamp's near-copies dominate the sample
SUFFIXES = (".py", ".ipynb")
MARKERS = (b"keras", b"tensorflow")


@dataclass(frozen=True)
class Source:
    repo: str
    commit: str

    @property
    def folder(self) -> str:
        return self.repo.replace("/", "__")


def read_tsv(path: Path) -> List[Source]:
    """The sources of a corpus.tsv: one ``repo<TAB>commit`` a line, ``#`` comments."""
    sources = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        repo, commit = line.split("\t")[:2]
        sources.append(Source(repo.strip(), commit.strip()))
    return sources


def write_tsv(path: Path, sources: List[Source]) -> None:
    lines = ["# repo\tcommit"] + [f"{s.repo}\t{s.commit}" for s in sources]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def git_dir(mirror: Path, repo: str) -> Path:
    base = mirror / repo.replace("/", "+")
    for candidate in (base / "repo" / ".git", base / "repo"):
        if candidate.is_dir():
            return candidate
    return base


def git(gdir: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={gdir}", *args], input=data, capture_output=True, check=True
    ).stdout


def head_commit(gdir: Path) -> str:
    return git(gdir, "rev-parse", "HEAD^{commit}").decode().strip()


def candidate_blobs(gdir: Path, commit: str) -> List[Tuple[str, str]]:
    """(blob id, path) of the .py/.ipynb files of at most MAX_BYTES at ``commit``.

    A snapshot may lack its largest blobs: ls-tree then gives no size, and they are skipped.
    """
    out = git(gdir, "ls-tree", "-r", "-l", "-z", commit)
    blobs = []
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        _mode, kind, blob, size = meta.split()
        name = path.decode("utf-8", "surrogateescape")
        if kind == b"blob" and size.isdigit() and int(size) <= MAX_BYTES and name.endswith(SUFFIXES):
            blobs.append((blob.decode(), name))
    return blobs


def read_blobs(gdir: Path, ids: List[str]) -> Iterator[bytes]:
    """The contents of ``ids``, in order, from one ``git cat-file --batch``."""
    out = git(gdir, "cat-file", "--batch", data="".join(i + "\n" for i in ids).encode())
    pos = 0
    for _ in ids:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        start = header_end + 1
        yield out[start : start + size]
        pos = start + size + 1


def mentions_keras(content: bytes) -> bool:
    lowered = content.lower()
    return any(marker in lowered for marker in MARKERS)


def spread(name: str) -> str:
    """A stable order that is not the path order, so a capped course keeps all its chapters."""
    return hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()


def extract(gdir: Path, source: Source, out: Path, max_files: int = MAX_FILES) -> int:
    """Write the Keras files of ``source`` under ``out`` (at most ``max_files``); return how many."""
    blobs = candidate_blobs(gdir, source.commit)
    root = (out / source.folder).resolve()
    keep = []
    for (_, name), content in zip(blobs, read_blobs(gdir, [b for b, _ in blobs])):
        target = (root / name).resolve()
        if mentions_keras(content) and root in target.parents:
            keep.append((spread(name), target, content))
    keep.sort(key=lambda item: item[0])
    for _, target, content in keep[:max_files]:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return min(len(keep), max_files)


def build(sources: List[Source], mirror: Path, out: Path, max_files: int = MAX_FILES) -> List[Tuple[Source, int]]:
    counts = []
    for source in sources:
        gdir = git_dir(mirror, source.repo)
        if not gdir.is_dir():
            print(f"missing mirror: {source.repo} ({gdir})", file=sys.stderr)
            continue
        counts.append((source, extract(gdir, source, out, max_files)))
    return counts


def count_files(out: Path, source: Source) -> int:
    folder = out / source.folder
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["build", "add", "table"])
    parser.add_argument("repos", nargs="*", help="owner/name (for add)")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=Path(".cache/corpus"))
    parser.add_argument("--tsv", type=Path, default=DEFAULT_TSV)
    parser.add_argument("--max-files", type=int, default=MAX_FILES, help="per repository")
    args = parser.parse_intermixed_args(argv)
    sources = read_tsv(args.tsv) if args.tsv.exists() else []
    if args.command == "add":
        known = {s.repo for s in sources}
        present = [r for r in args.repos if r not in known and git_dir(args.mirror, r).is_dir()]
        new = [Source(r, head_commit(git_dir(args.mirror, r))) for r in present]
        counts = build(new, args.mirror, args.out, args.max_files)
        write_tsv(args.tsv, sources + [source for source, n in counts if n])  # no Keras file: not a source
        for source, n in counts:
            print(f"{source.repo}\t{source.commit[:10]}\t{n} files")
    elif args.command == "build":
        counts = build(sources, args.mirror, args.out, args.max_files)
        print(f"{len(counts)} repositories, {sum(n for _, n in counts)} files in {args.out}")
    else:
        print("| repository | commit | files |\n|---|---|---:|")
        for source in sources:
            print(f"| {source.repo} | `{source.commit}` | {count_files(args.out, source)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
