"""``python -m kgraph`` and the ``kgraph`` console script."""

from __future__ import annotations

import signal
from types import FrameType


def _exit_interrupted(_signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(130)


def main() -> None:
    """Run the CLI.  Ctrl-C while it is still being imported (a second or so, the model
    loads later) exits 130 quietly: a KeyboardInterrupt there printed a traceback.  Once
    imported, the CLI handles interrupts itself (saving finished work)."""
    handler = signal.getsignal(signal.SIGINT)
    if handler is signal.default_int_handler:  # not when the shell has it ignored
        signal.signal(signal.SIGINT, _exit_interrupted)
    from kgraph.cli import main as cli_main

    signal.signal(signal.SIGINT, handler)
    cli_main()


if __name__ == "__main__":
    main()
