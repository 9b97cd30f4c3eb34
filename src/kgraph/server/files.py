"""Helpers of the local server: a folder's size, a log's last error, running a tool."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from pathlib import Path
from typing import Any


def dir_size(path: Path) -> int:
    """Total size in bytes of the regular files under ``path`` (0 when missing)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                info = os.lstat(os.path.join(root, name))
                if stat.S_ISREG(info.st_mode):
                    total += info.st_size
    return total


def last_error(path: Path, start: int = 0) -> str | None:
    """The last error among the last 400 lines of the log ``path`` from byte ``start`` on:
    an ERROR line, else an exception, else the last line."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(start, size - 256 * 1024))
            data = handle.read()
    except OSError:
        return None
    text = data.decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()][-400:]
    for markers in (("ERROR",), ("Exception", "Error", "error:", "Caused by:")):
        for line in reversed(lines):
            if any(marker in line for marker in markers):
                return line.strip()[:300]
    return lines[-1].strip()[:300] if lines else None


def run_tool(
    command: list[str], timeout: float, **options: Any
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` without input, its stderr and stdout captured together as text;
    raises OSError or ``subprocess.TimeoutExpired``, never for an exit code."""
    return subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        timeout=timeout,
        check=False,
        **options,
    )
