"""The Neo4j driver's log, kept off the terminal: its warnings are multi-line and repeat
(a lost server gives ten of them before kgraph's own one-line error).  Transaction retries
(deadlocks between concurrent ingests, a dropped connection) are counted and summarised in
one line when the command ends; ``--debug`` shows the driver's messages as they come."""

from __future__ import annotations

import logging

from kgraph.cli.output import err_console

DRIVER_LOGGER = "neo4j"


class DriverLog(logging.Handler):
    """Counts the driver's warnings that report a retried transaction."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.retries = 0
        self.lost = False
        """The command ended with "cannot reach Neo4j": retries are not news then."""

    def emit(self, record: logging.LogRecord) -> None:
        if "retried" in record.getMessage():
            self.retries += 1

    def summary(self) -> str | None:
        """One line about the retries, or None when there were none."""
        if not self.retries or self.lost:
            return None
        times = "once" if self.retries == 1 else f"{self.retries} times"
        return (
            f"Note: Neo4j transactions were retried {times} (deadlocks between concurrent "
            "writers or a dropped connection); kgraph --debug shows the driver's messages"
        )


def quiet_driver(debug: bool) -> DriverLog | None:
    """Route the driver's log to a counter (unless debugging); returns the counter."""
    if debug:
        return None
    handler = DriverLog()
    logger = logging.getLogger(DRIVER_LOGGER)
    for old in [h for h in logger.handlers if isinstance(h, DriverLog)]:
        logger.removeHandler(old)  # an earlier command in the same process
    logger.addHandler(handler)
    logger.propagate = False
    return handler


def connection_lost() -> None:
    """The command reports a lost server in its one error line: no retry note after it."""
    for handler in logging.getLogger(DRIVER_LOGGER).handlers:
        if isinstance(handler, DriverLog):
            handler.lost = True


def report(handler: DriverLog | None) -> None:
    """Print the retry summary, if any, on stderr."""
    line = handler.summary() if handler is not None else None
    if line:
        err_console().print(line)
