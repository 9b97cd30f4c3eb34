"""Ctrl-C while the CLI is still being imported exits 130 without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

# Sends the process SIGINT at the moment it imports the CLI, as a Ctrl-C in the first
# second would: the handler runs inside that import.
PROBE = """
import builtins, os, signal
signal.signal(signal.SIGINT, signal.default_int_handler)
real = builtins.__import__
def spy(name, *args, **kwargs):
    if name == "kgraph.cli":
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = spy
from kgraph.__main__ import main
main()
"""


def test_ctrl_c_during_startup_exits_130_quietly() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "stats"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
