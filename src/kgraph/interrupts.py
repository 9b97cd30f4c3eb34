"""Ctrl-C and SIGTERM during an ingest: noted, and raised only where stopping is safe.

A KeyboardInterrupt raised at any moment can cut linking, a batch's accounting or a
save in half, or be swallowed ("Exception ignored in ...") when it lands in a finaliser,
so that the ingest goes on as if nothing happened.  The handlers installed here only note
the signal; inside :meth:`Interrupts.raising` (waiting for the parser, where dropping
work loses nothing stored) they also raise KeyboardInterrupt.  Code polls
:attr:`Interrupts.received` where stopping is safe.  The handlers stay installed until
the block ends, so a signal during the last save waits for it::

    with Interrupts() as interrupts:
        with interrupts.raising():
            parse()
        save()
    if interrupts.received: ...

Only the main thread can install handlers; elsewhere nothing is installed.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupts:
    """The SIGINT and SIGTERM received while the block runs (``received``)."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self._raising = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            self._previous = {s: signal.signal(s, self._note) for s in SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            if handler is not None:  # None: installed outside Python, cannot be put back
                signal.signal(signum, handler)
        self._previous = {}

    @property
    def exit_code(self) -> int:
        """128 + the last signal, the shell's convention: 130 for Ctrl-C, 143 for SIGTERM."""
        return 128 + (self.received[-1] if self.received else signal.SIGINT)

    @contextlib.contextmanager
    def raising(self) -> Iterator[None]:
        """A block a signal stops at once with KeyboardInterrupt (so does entering it
        after one was received)."""
        if self.received:
            raise KeyboardInterrupt
        self._raising = True
        try:
            yield
        finally:
            self._raising = False

    def _note(self, signum: int, _frame: FrameType | None) -> None:
        self.received.append(signum)
        if self._raising:
            self._raising = False
            raise KeyboardInterrupt
