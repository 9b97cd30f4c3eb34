"""kgraph.atomic: the one way kgraph replaces a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kgraph.atomic import replacing, write_atomic


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
