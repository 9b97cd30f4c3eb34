"""Parity check: the release wheel's mypyc-compiled extractor must behave exactly as the
pure-Python sources it was built from.  ``make test`` runs it (``make parity``) after
``make wheel``; it fails (exit 1) on any difference.

Usage (from the repository root)::

    .venv/bin/python tools/parity.py dist/kgraph-*-cp3*.whl
    .venv/bin/python tools/parity.py --news 0 --no-tests WHEEL   # quicker, less input

mypyc trusts annotations and checks them at run time, and calls the methods of built-in
types directly: a wrong stub or a ``dict`` subclass that overrides ``get`` makes compiled
code quietly differ from Python.  So the check

1. installs the wheel with ``pip install --no-deps --target`` into a temporary directory
   (never into the development environment, whose ``kgraph`` stays the editable sources);
2. runs ``benchmarks/extract_speed.py --dump`` from that directory, once with
   ``--build pure`` (this checkout's ``src/``) and once with ``--build compiled`` (the
   installed wheel on ``PYTHONPATH``; the script stops unless ``kgraph.extract`` is
   compiled), on the same input: the example article, the CaRB dev sentences (when
   ``../shared/data`` is there) and the first ``--news`` real news articles (fetched at run
   time, never stored here); both with ``PYTHONHASHSEED=0``, so only the build differs;
3. compares the two dumps byte for byte and prints the first differing lines;
4. runs the unit tests that need no server against the compiled install.
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DUMP = REPO / "benchmarks" / "extract_speed.py"
SHOWN = 40
"""Differing lines printed at most."""
WIDTH = 300
"""Characters printed of each differing line."""

TESTS = """\
import sys

import pytest

import kgraph.extract.tree

if kgraph.extract.tree.__file__.endswith(".py"):
    sys.exit(f"parity: the tests would run the pure extractor ({kgraph.extract.tree.__file__})")
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-m", "not neo4j", sys.argv[1]]))
"""
"""Runs the unit tests in a process that has imported the compiled extractor first."""


def install(wheel: Path, site: Path) -> None:
    """Install ``wheel`` alone (no dependencies: the running environment has them)."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*command, "--target", str(site), str(wheel)], check=True)


def dump(build: str, site: Path, out: Path, news: int) -> int:
    """Write the extraction dump of ``build`` to ``out``, run from ``site``'s parent, and
    return the exit code (its errors go to stderr)."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(site) if build == "compiled" else "")
    command = [sys.executable, str(DUMP), "--build", build, "--dump", str(out)]
    command += ["--repeat", "1", "--rounds", "1", "--news", str(news)]
    done = subprocess.run(command, cwd=site.parent, env=env, check=False, stdout=subprocess.DEVNULL)
    return done.returncode


def differences(pure: Path, compiled: Path) -> list[str]:
    """The first :data:`SHOWN` lines of a unified diff of the two dumps, each cut to
    :data:`WIDTH` characters (none if the files are equal)."""
    if pure.read_bytes() == compiled.read_bytes():
        return []
    a = pure.read_text(encoding="utf-8").splitlines()
    b = compiled.read_text(encoding="utf-8").splitlines()
    diff = difflib.unified_diff(a, b, "pure", "compiled", n=0, lineterm="")
    lines = [line if len(line) <= WIDTH else line[:WIDTH] + " ..." for line in diff]
    return lines[:SHOWN] + ([f"... {len(lines) - SHOWN} more"] if len(lines) > SHOWN else [])


def run_tests(site: Path) -> int:
    """Exit code of the unit tests that need no server, run against the compiled install."""
    env = dict(os.environ, PYTHONPATH=str(site))
    command = [sys.executable, "-c", TESTS, str(REPO / "tests" / "unit")]
    return subprocess.run(command, cwd=REPO, env=env, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("wheel", type=Path, help="the compiled wheel (make wheel)")
    parser.add_argument("--news", type=int, default=100, help="news articles in the input")
    parser.add_argument("--no-tests", action="store_true", help="only compare the dumps")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kgraph-parity-") as tmp:
        site = Path(tmp) / "site"
        install(args.wheel.resolve(), site)
        pure, compiled = Path(tmp) / "pure.txt", Path(tmp) / "compiled.txt"
        for build, out in (("pure", pure), ("compiled", compiled)):
            if dump(build, site, out, args.news):
                print(f"parity: the {build} extraction failed (its error is above)")
                return 1
        lines = differences(pure, compiled)
        if lines:
            print(f"parity: {args.wheel.name} extracts differently from the sources:")
            print("\n".join(lines))
            return 1
        size = len(pure.read_text(encoding="utf-8").splitlines())
        print(f"parity: compiled and pure extraction identical ({size} lines)", flush=True)
        if not args.no_tests and run_tests(site):
            print(f"parity: unit tests fail against {args.wheel.name}")
            return 1
    print(f"parity: passed in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
