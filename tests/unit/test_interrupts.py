"""Ctrl-C and SIGTERM noted during an ingest, raised only where stopping is safe."""

from __future__ import annotations

import signal

import pytest

from kgraph.interrupts import Interrupts


def test_signals_are_noted_outside_raising_blocks() -> None:
    with Interrupts() as interrupts:
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGTERM)
        reached = True  # neither signal stopped the block
    assert reached
    assert interrupts.received == [signal.SIGINT, signal.SIGTERM]
    assert interrupts.exit_code == 143


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_a_raising_block(signum: signal.Signals) -> None:
    with Interrupts() as interrupts:
        with pytest.raises(KeyboardInterrupt), interrupts.raising():
            signal.raise_signal(signum)
        signal.raise_signal(signum)  # noted again, not raised: the block has ended
        with pytest.raises(KeyboardInterrupt), interrupts.raising():
            pytest.fail("a raising block entered after a signal must not run")
    assert interrupts.received == [signum, signum]
    assert interrupts.exit_code == 128 + signum


def test_the_previous_handlers_come_back() -> None:
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    with Interrupts():
        assert signal.getsignal(signal.SIGTERM) is not before[signal.SIGTERM]
    assert {s: signal.getsignal(s) for s in before} == before
