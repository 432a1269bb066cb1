"""lstmlint's speed, measured in one run on the same files: ``python benchmarks/run.py``.

Prints a Markdown table (docs/performance.md keeps the latest one) with the
three targets of issue 6: analysis <= 1.5x bare libcst parsing on Keras-heavy
files, a mixed tree >= 20x faster than parsing every file, a warm cache >= 10x
faster than a cold one. In-process rows are CPU time (steady on a shared
machine); start-up, parallel, cache and TensorFlow rows are wall-clock medians.
"""

from __future__ import annotations

import argparse
import ast
import platform
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Callable, List

import libcst

from lstmlint import __version__
from lstmlint.api import lint_paths, lint_source
from lstmlint.config.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ORACLE_PYTHON = ROOT / ".venv-oracle" / "bin" / "python"
LSTMLINT = [sys.executable, "-m", "lstmlint"]
SETTINGS = Settings(keras_version=3)


def best_of(repeat: int, action: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """The median time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def cpu_of(repeat: int, action: Callable[[], object]) -> float:
    """CPU time of in-process, one-process work: steadier than wall time on a busy machine."""
    return best_of(repeat, action, time.process_time)


# --- realistic Keras scripts -------------------------------------------------

HEADER = '''"""{title}: a generated training script (benchmark input)."""
import argparse
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

N_SAMPLES, N_STEPS, N_FEATURES, N_CLASSES = {samples}, {steps}, {features}, {classes}


def load_data(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.random((N_SAMPLES, N_STEPS, N_FEATURES)).astype("float32")
    y = rng.integers(0, N_CLASSES, size=(N_SAMPLES,))
    return X, keras.utils.to_categorical(y, N_CLASSES)

'''
BLOCKS = [
    '''
def build_{i}(units={units}):
    inputs = keras.Input(shape=(N_STEPS, N_FEATURES))
    x = layers.Conv1D({filters}, 3, padding="same", activation="relu")(inputs)
    x = layers.MaxPooling1D(2)(x)
    x = layers.LSTM(units, return_sequences=True)(x)
    x = layers.Dropout(0.2)(x)
    x = layers.LSTM(units // 2)(x)
    outputs = layers.Dense(N_CLASSES, activation="softmax")(x)
    model = keras.Model(inputs, outputs, name="model_{i}")
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model
''',
    '''
def build_{i}(units={units}):
    model = keras.Sequential(name="stack_{i}")
    model.add(layers.Input(shape=(N_STEPS, N_FEATURES)))
    model.add(layers.Bidirectional(layers.GRU(units, return_sequences=True)))
    model.add(layers.TimeDistributed(layers.Dense({filters}, activation="relu")))
    model.add(layers.GlobalAveragePooling1D())
    model.add(layers.Dense(N_CLASSES, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    return model
''',
    '''
def build_{i}(units={units}):
    tokens = keras.Input(shape=(N_STEPS,), dtype="int32")
    x = layers.Embedding(input_dim=1000, output_dim={filters})(tokens)
    x = layers.SimpleRNN(units)(x)
    x = layers.RepeatVector(N_STEPS)(x)
    x = layers.LSTM(units, return_sequences=True)(x)
    x = layers.Reshape((N_STEPS * units,))(x)
    outputs = layers.Dense(N_CLASSES, activation="softmax")(x)
    return keras.Model(tokens, outputs)
''',
]
FOOTER = '''

def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1)
    args = parser.parse_args(argv)
    X, y = load_data()
    model = build_0()
    model.fit(X, y, epochs=args.epochs, batch_size=8, verbose=0)
    print(model.evaluate(X, y, verbose=0))


if __name__ == "__main__":
    main()
'''


def write_keras_scripts(directory: Path, count: int) -> List[Path]:
    rng = random.Random(6)
    paths = []
    for n in range(count):
        parts = [HEADER.format(title=f"script {n}", samples=rng.choice([32, 64]), steps=rng.choice([10, 16, 24]),
                               features=rng.randint(2, 8), classes=rng.randint(2, 6))]
        for i in range(rng.randint(3, 8)):
            parts.append(rng.choice(BLOCKS).format(i=i, units=rng.choice([8, 16, 32]), filters=rng.choice([8, 16])))
        parts.append(FOOTER)
        path = directory / f"train_{n:03}.py"
        path.write_text("".join(parts))
        paths.append(path)
    for example in sorted((ROOT / "examples").glob("*.py")):
        shutil.copy(example, directory / example.name)
        paths.append(directory / example.name)
    return paths


# --- the measurements -----------------------------------------------------------


def throughput(files: List[Path], repeat: int) -> List[tuple]:
    texts = [path.read_text() for path in files]
    datas = [text.encode() for text in texts]
    lines = sum(text.count("\n") for text in texts)
    lint = cpu_of(repeat, lambda: [lint_source(data, str(path), SETTINGS) for data, path in zip(datas, files)])
    cst = cpu_of(repeat, lambda: [libcst.parse_module(text) for text in texts])
    python = cpu_of(repeat, lambda: [ast.parse(text) for text in texts])
    findings = sum(bool(lint_source(data, str(path), SETTINGS)) for data, path in zip(datas, files))
    label = f"{len(files)} Keras-heavy files, {lines} lines, {findings} with findings"
    return [
        ("throughput", f"lstmlint (parse + analysis), {label}", f"{lint:.2f} s", f"{lines / lint:,.0f} lines/s"),
        ("throughput", "bare `libcst.parse_module`, same files", f"{cst:.2f} s", f"{lines / cst:,.0f} lines/s"),
        ("throughput", "`ast.parse`, same files", f"{python:.2f} s", f"{lines / python:,.0f} lines/s"),
        ("**target**", "lstmlint / libcst parse (<= 1.5x)", "", f"**{lint / cst:.2f}x**"),
    ]


def mixed_tree(keras_files: List[Path], stdlib_files: List[Path]) -> List[tuple]:
    """A tree where few files use Keras (as in a monorepo): stdlib modules plus a handful of scripts."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        (tree / "keras_scripts").mkdir()
        for path in keras_files:
            shutil.copy(path, tree / "keras_scripts" / path.name)
        for path in stdlib_files:
            shutil.copy(path, tree / path.name)
        files = sorted(tree.rglob("*.py"))
        lines = sum(path.read_bytes().count(b"\n") for path in files)
        lint = cpu_of(1, lambda: lint_paths([str(tree)], SETTINGS))
        everything = cpu_of(1, lambda: lint_paths([str(tree)], SETTINGS, prefilter=False))
        parse_all = cpu_of(1, lambda: [_parse_quietly(path) for path in files])
    label = f"{len(files)} files ({len(keras_files)} Keras), {lines} lines"
    return [
        ("mixed tree", f"lstmlint with the pre-filter, {label}", f"{lint:.2f} s", f"{lines / lint:,.0f} lines/s"),
        ("mixed tree", "lstmlint without the pre-filter", f"{everything:.2f} s", f"{lines / everything:,.0f} lines/s"),
        ("mixed tree", "libcst-parsing every file", f"{parse_all:.2f} s", f"{lines / parse_all:,.0f} lines/s"),
        ("**target**", "parse every file / lstmlint (>= 20x)", "", f"**{parse_all / lint:.0f}x**"),
    ]


def _parse_quietly(path: Path) -> None:
    try:
        libcst.parse_module(path.read_bytes())
    except Exception:  # noqa: BLE001 - a few stdlib files are deliberately invalid
        pass


def startup(one_file: Path, repeat: int) -> List[tuple]:
    def cli(*args: str) -> Callable[[], object]:
        return lambda: subprocess.run([*LSTMLINT, *args], capture_output=True, check=False)

    python = best_of(repeat, lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
    version = best_of(repeat, cli("--version"))
    check = best_of(repeat, cli("--isolated", "--no-cache", str(one_file)))
    return [
        ("start-up", "`python -c pass` (the floor)", f"{python:.2f} s", ""),
        ("start-up", "`lstmlint --version`", f"{version:.2f} s", ""),
        ("start-up", f"`lstmlint` on one file ({one_file.name}, no cache)", f"{check:.2f} s", ""),
    ]


def cache(keras_dir: Path, jobs: int) -> List[tuple]:
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir = Path(tmp)
        cold = best_of(1, lambda: lint_paths([str(keras_dir)], SETTINGS, jobs=jobs, cache_dir=cache_dir))
        warm = best_of(3, lambda: lint_paths([str(keras_dir)], SETTINGS, jobs=jobs, cache_dir=cache_dir))
    parallel = best_of(1, lambda: lint_paths([str(keras_dir)], SETTINGS, jobs=jobs))
    serial = best_of(1, lambda: lint_paths([str(keras_dir)], SETTINGS, jobs=1))
    return [
        ("parallel", "Keras folder, `--jobs 1`", f"{serial:.2f} s", ""),
        ("parallel", f"Keras folder, `--jobs {jobs}`", f"{parallel:.2f} s", f"{serial / parallel:.1f}x"),
        ("cache", f"Keras folder, cold cache (`--jobs {jobs}`)", f"{cold:.2f} s", ""),
        ("cache", "same, warm cache (nothing changed)", f"{warm:.3f} s", ""),
        ("**target**", "cold / warm (>= 10x)", "", f"**{cold / warm:.0f}x**"),
    ]


def real_code(folder: Path, repeat: int, jobs: int, limit: int) -> List[tuple]:
    """The same ratios on real public Keras code (the development corpus,
    benchmarks/corpus.md): scripts full of plotting and pandas, not generated."""
    files = []
    for path in sorted(folder.rglob("*.py")):
        data = path.read_bytes()
        if (b"keras" in data or b"tensorflow" in data) and len(data) < 1_000_000:
            try:
                libcst.parse_module(data)
            except Exception:  # noqa: BLE001 - Python 2 files and notebooks exports that do not parse
                continue
            files.append(path)
    files = files[:limit]
    datas = [path.read_bytes() for path in files]
    lines = sum(data.count(b"\n") for data in datas)
    lint = cpu_of(repeat, lambda: [lint_source(data, str(path), SETTINGS) for data, path in zip(datas, files)])
    cst = cpu_of(repeat, lambda: [libcst.parse_module(data) for data in datas])
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp)
        for i, path in enumerate(files):
            shutil.copy(path, tree / f"{i:05d}_{path.name}")
        serial = best_of(1, lambda: lint_paths([str(tree)], SETTINGS, jobs=1))
        parallel = best_of(1, lambda: lint_paths([str(tree)], SETTINGS, jobs=jobs))
        import resource

        subprocess.run([*LSTMLINT, "--isolated", "--no-cache", "--exit-zero", "--jobs", "1", "-q", str(tree)], capture_output=True, check=False)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    one = max(files, key=lambda path: path.stat().st_size)
    import_libcst = best_of(repeat, lambda: subprocess.run([sys.executable, "-c", "import libcst"], check=True))
    parse_one = best_of(repeat, lambda: subprocess.run([sys.executable, "-c", f"import libcst; libcst.parse_module(open({str(one)!r}, 'rb').read())"], check=True))
    check_one = best_of(repeat, lambda: subprocess.run([*LSTMLINT, "--isolated", "--no-cache", "--exit-zero", "-q", str(one)], capture_output=True, check=False))
    label = f"{len(files)} real Keras scripts, {lines} lines"
    return [
        ("real code", f"lstmlint (parse + analysis), {label}", f"{lint:.2f} s", f"{lines / lint:,.0f} lines/s"),
        ("real code", "bare `libcst.parse_module`, same files", f"{cst:.2f} s", f"{lines / cst:,.0f} lines/s"),
        ("**target**", "real code: lstmlint / libcst parse (<= 1.3x)", "", f"**{lint / cst:.2f}x**"),
        ("real code", "`--jobs 1` (wall)", f"{serial:.2f} s", ""),
        ("real code", f"`--jobs {jobs}` (wall)", f"{parallel:.2f} s", f"{serial / parallel:.2f}x"),
        ("real code", "peak memory of `lstmlint --jobs 1` over the folder", f"{peak:.0f} MB", ""),
        ("real code", "`python -c 'import libcst'`", f"{import_libcst:.2f} s", ""),
        ("real code", f"`import libcst` + parse of the largest file ({one.stat().st_size // 1024} KB)", f"{parse_one:.2f} s", ""),
        ("real code", "`lstmlint` on that one file", f"{check_one:.2f} s", f"{check_one / parse_one:.2f}x"),
    ]


def against_tensorflow(script: Path) -> List[tuple]:
    if not ORACLE_PYTHON.exists():
        return [("TensorFlow", "skipped: no .venv-oracle (pip install -e '.[oracle]')", "", "")]
    real = best_of(1, lambda: subprocess.run([str(ORACLE_PYTHON), str(script)], capture_output=True, check=False, cwd=script.parent))
    lint = best_of(3, lambda: subprocess.run([*LSTMLINT, "--isolated", "--no-cache", str(script)], capture_output=True, check=False))
    return [
        ("TensorFlow", f"`python {script.name}` under real TensorFlow (1 epoch)", f"{real:.1f} s", ""),
        ("TensorFlow", f"`lstmlint {script.name}`", f"{lint:.2f} s", f"{real / lint:.0f}x faster"),
    ]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return (f"{cpu}, {os.cpu_count()} CPUs; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; libcst {libcst_version()}; lstmlint {__version__}")


def libcst_version() -> str:
    from importlib.metadata import version

    return version("libcst")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scripts", type=int, default=40, help="generated Keras scripts (plus examples/)")
    parser.add_argument("--stdlib-files", type=int, default=200, help="standard-library modules in the mixed tree")
    parser.add_argument("--mixed-keras", type=int, default=10, help="Keras scripts among the stdlib modules of the mixed tree")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="processes for the parallel and cache rows (default: CPUs)")
    parser.add_argument("--real", type=Path, default=ROOT / ".cache" / "corpus", help="a folder of real Keras code (default: the development corpus)")
    parser.add_argument("--real-files", type=int, default=2000, help="at most this many real files")
    args = parser.parse_args()
    import os

    jobs = args.jobs or os.cpu_count() or 1
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    stdlib_files = sorted(stdlib.glob("*.py"))[: args.stdlib_files]
    rows: List[tuple] = []
    with tempfile.TemporaryDirectory() as tmp:
        keras_dir = Path(tmp) / "keras"
        keras_dir.mkdir()
        files = write_keras_scripts(keras_dir, args.scripts)
        rows += throughput(files, args.repeat)
        rows += mixed_tree(files[: args.mixed_keras], stdlib_files)
        rows += startup(files[0], args.repeat)
        rows += cache(keras_dir, jobs)
        rows += against_tensorflow(ROOT / "examples" / "stacked_lstm_fixed.py")
    if args.real.is_dir():
        rows += real_code(args.real, args.repeat, jobs, args.real_files)
    else:
        rows.append(("real code", f"skipped: no folder {args.real} (see benchmarks/corpus.md)", "", ""))
    print(f"Machine: {machine()}\n")
    print("| what | measured | time | rate / ratio |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
