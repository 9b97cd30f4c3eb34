"""Atomic file writes (a reader sees the old file or the new one, never part of one) and
the one file lock kgraph's writers take.

The data goes to a temporary file beside the target (one filesystem, so the rename is
atomic), created with mode 0600 by ``mkstemp``; it is flushed to disk, given its final
mode, and renamed over the target; if anything fails, it is removed.  A secret written
with ``mode=0o600`` is therefore never readable by others, not even for a moment.
Temporary files are named ``.<target name>.<random>.tmp``, so a writer that was killed
can have its leftovers found and removed.

>>> import tempfile
>>> target = Path(tempfile.mkdtemp()) / "a.txt"
>>> write_atomic(target, "hello")
>>> target.read_text(), oct(target.stat().st_mode & 0o777) != "0o600"
('hello', True)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def replacing(target: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file that replaces ``target`` when the block ends without an exception.

    ``mode`` defaults to what a newly created file gets under the current umask.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), _new_file_mode() if mode is None else mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; see :func:`replacing`."""
    with replacing(path, mode) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def file_lock(path: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """An exclusive advisory lock (``flock``) on ``path``, created if missing.  It blocks
    until the lock is free, calling ``waiting`` first when another process holds it."""
    import fcntl  # POSIX only; imported here so that importing kgraph works anywhere

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
