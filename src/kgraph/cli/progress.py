"""The ingest progress bar and per-article error lines (stderr)."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kgraph.cli.output import err_console, error_line
from kgraph.events import Event


class RateColumn(TextColumn):
    """Articles per second."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self, task):  # type: ignore[no-untyped-def]
        speed = task.finished_speed or task.speed
        return super().render(task) if speed is None else f"{speed:,.1f} articles/s"


class IngestProgress:
    """Shows progress unless quiet; always reports errors, one line each."""

    def __init__(self, *, quiet: bool, total: int | None = None) -> None:
        self.console = err_console()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            disable=quiet or not self.console.is_terminal,
            transient=True,
        )
        self._task = self._progress.add_task("reading", total=total)
        self._read = self._parsed = 0
        self._phase = ""

    def __enter__(self) -> IngestProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, event: Event) -> None:
        if event.kind in ("error", "warning") and event.error is not None:
            line = error_line(event.error)
            if event.kind == "warning":
                line = "Warning:" + line.removeprefix("Error:")
            self._progress.console.print(line, markup=False)
            self._progress.advance(self._task)
        elif event.kind in ("done", "skipped"):
            self._progress.advance(self._task)
            self._parsed += 1
            self._describe()
        elif event.kind == "read":
            # Articles go to the parser in batches and come back a batch at a time: the
            # count read moves from the start while the bar waits for the first batch.
            self._read += 1
            self._describe()
        elif event.kind == "phase":
            self._phase = event.phase
            self._describe()

    def _describe(self) -> None:
        if self._phase:
            text = self._phase
        elif self._read > self._parsed:
            text = f"parsing ({self._read - self._parsed:,} in the parser)"
        else:
            text = "parsing"
        self._progress.update(self._task, description=text)
