"""Wall time and peak memory of a command and every process it spawns.

kgraph and spaCy parse in worker processes, so the memory of one ingest is the sum over
the whole process tree.  A sampler thread reads ``/proc`` every ``interval`` seconds and
keeps the peak of two sums:

* RSS (``/proc/PID/statm``): what the issue's target is stated in; forked workers share
  the model's pages copy-on-write, and RSS counts those shared pages once per process;
* PSS (``/proc/PID/smaps_rollup``): shared pages divided among the processes sharing
  them, so the sum is the tree's real footprint.  Reading it makes the kernel walk every
  page table (tens of ms for a spaCy process tree), so PSS is sampled only every
  ``pss_every`` samples (about every 5 s) to keep the sampler off the measured CPUs.

Linux only (``/proc``); no third-party dependency.  Peaks between two samples are missed,
so a process that lives shorter than ``interval`` may be under-counted.

>>> descendants({2: 1, 3: 2, 4: 1, 5: 9}, 1) == {1, 2, 3, 4}
True
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 1024 * 1024
PROC = Path("/proc")


def parse_ppid(stat: str) -> int:
    """The parent pid in a ``/proc/PID/stat`` line (the command may contain spaces and ')').

    >>> parse_ppid("42 (python3 (x) y) S 7 42 42 0 -1")
    7
    """
    return int(stat.rsplit(")", 1)[1].split()[1])


def parse_pss_kb(smaps_rollup: str) -> int:
    """The ``Pss:`` line of ``/proc/PID/smaps_rollup``, in kB (0 when absent).

    >>> parse_pss_kb("00400000-ff [rollup]\\nRss:  100 kB\\nPss:   60 kB\\n")
    60
    """
    for line in smaps_rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def descendants(parents: Mapping[int, int], root: int) -> set[int]:
    """``root`` and every process below it, given a pid -> parent pid map."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process visible in ``/proc``."""
    parents: dict[int, int] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            parents[int(entry.name)] = parse_ppid((PROC / entry.name / "stat").read_text())
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    return parents


def _rss(pid: int) -> int:
    """RSS of one process in bytes (cheap); 0 once it is gone."""
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def _pss(pid: int) -> int:
    """PSS of one process in bytes (expensive); RSS on kernels without smaps_rollup."""
    try:
        return parse_pss_kb((PROC / str(pid) / "smaps_rollup").read_text()) * 1024
    except OSError:
        return _rss(pid)


def tree_memory(root: int, *, pss: bool = True) -> tuple[int, int]:
    """Summed (RSS, PSS) in bytes of ``root`` and all its descendants right now
    (PSS is 0 unless ``pss``)."""
    pids = descendants(_parents(), root)
    return sum(_rss(p) for p in pids), sum(_pss(p) for p in pids) if pss else 0


class PeakSampler:
    """Samples a process tree's memory in a background thread; keeps the peaks."""

    def __init__(self, root: int, interval: float = 0.2, pss_every: int = 25) -> None:
        self.root, self.interval, self.pss_every = root, interval, pss_every
        self.peak_rss = self.peak_pss = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_memory(self.root, pss=self.samples % self.pss_every == 1)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass(frozen=True, slots=True)
class Measured:
    """What running one command gave."""

    command: tuple[str, ...]
    returncode: int
    wall: float
    stdout: str
    stderr: str
    peak_rss_mb: float
    peak_pss_mb: float
    samples: int
    cpu_s: float = 0.0
    """User + system CPU seconds of the process and the descendants it waited for."""


def run_measured(
    command: Sequence[str],
    env: Mapping[str, str] | None = None,
    *,
    interval: float = 0.2,
    timeout: float | None = None,
) -> Measured:
    """Run ``command``; its wall time, output and the peak memory of its process tree.

    Output goes to temporary files rather than pipes, so a chatty child cannot block.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(command), stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env
        )
        with PeakSampler(proc.pid, interval) as sampler:
            try:
                returncode = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                returncode = proc.wait()
            except BaseException:  # Ctrl-C: do not leave the child running
                proc.kill()
                proc.wait()
                raise
            wall = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        out.seek(0)
        err.seek(0)
        return Measured(
            command=tuple(command),
            returncode=returncode,
            wall=wall,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_rss_mb=sampler.peak_rss / MB,
            peak_pss_mb=sampler.peak_pss / MB,
            samples=sampler.samples,
            cpu_s=cpu,
        )


def _children_cpu() -> float:
    """CPU seconds of every child this process has waited for so far (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int | None) -> float:
    """CPU seconds a running process (e.g. the Neo4j server) has used; 0 if unknown."""
    if pid is None:
        return 0.0
    try:
        fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_second(amount: float, seconds: float) -> float:
    """``amount / seconds``, 0 when no time was measured.

    >>> per_second(10, 4)
    2.5
    >>> per_second(10, 0)
    0.0
    """
    return amount / seconds if seconds > 0 else 0.0


def growth_pct(before: float, after: float) -> float | None:
    """How much ``after`` exceeds ``before``, in % (None without a baseline).

    >>> growth_pct(100, 120)
    20.0
    """
    return 100.0 * (after - before) / before if before > 0 else None
