"""kgraph.atomic: the one way kgraph replaces a file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from kgraph.atomic import file_lock, replacing, write_atomic


def test_a_new_file_gets_the_umask_mode_and_a_secret_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "page.html", "<p>x</p>")
        write_atomic(tmp_path / "password", "s3cret\n", mode=0o600)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "password").stat().st_mode) == 0o600
    assert (tmp_path / "password").read_text() == "s3cret\n"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "store"
    write_atomic(target, b"old")
    with pytest.raises(RuntimeError), replacing(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_the_target_is_untouched_until_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "file.txt"
    with replacing(target) as handle:
        handle.write(b"new")
        assert not target.exists()
        (temporary,) = target.parent.iterdir()
        assert temporary.name.startswith(".file.txt.") and temporary.name.endswith(".tmp")
    assert target.read_bytes() == b"new"


def test_a_second_holder_of_the_lock_is_told_and_waits_for_the_first(tmp_path: Path) -> None:
    lock = tmp_path / "sub" / "store.lock"
    told, acquired = threading.Event(), threading.Event()

    def second() -> None:
        with file_lock(lock, waiting=told.set):
            acquired.set()

    with file_lock(lock, waiting=lambda: pytest.fail("the lock was free")):
        thread = threading.Thread(target=second)
        thread.start()
        assert told.wait(10)
        assert not acquired.wait(0.2)
    thread.join(10)
    assert acquired.is_set()
