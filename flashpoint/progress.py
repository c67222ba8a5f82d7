"""Progress on a terminal for long commands: items done, rate, time left (rich).

``with progress_bar("importing", total, unit="rows") as advance: advance(n)``. ``advance``
is None when the bar is off (``quiet``, or standard error is not a terminal), so callers
pass it on as an optional callback; ``total`` may be None (unknown: the bar pulses and shows
the time elapsed instead of the time left).

A command of several phases (an import: loading each file, deriving documents, merging
reports into events) uses ``with progress_phases() as phases``: ``phases`` is a
:class:`Phased` callback, or None when off. ``phases.start(label, total, unit=...)`` names
a new phase on the bar and resets its count; ``phases(n)`` advances the current one. Library
code that takes a ``progress`` callback calls :func:`begin` to name its phase, which does
nothing for a plain ``Callable[[int], Any]``.
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

Advance = Callable[[int], Any]


@runtime_checkable
class Phased(Protocol):
    """A progress callback of named phases: ``start`` one, then call it with items done."""

    def start(self, label: str, total: int | None, *, unit: str) -> None: ...

    def __call__(self, n: int) -> Any: ...


def begin(progress: Advance | None, label: str, total: int | None, *, unit: str) -> None:
    """Start a named phase on ``progress`` when it is :class:`Phased` (else nothing)."""
    if isinstance(progress, Phased):
        progress.start(label, total, unit=unit)


class TerminalPhases:
    """The phases of one command on a rich progress display: one row, relabelled per phase."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.task: Any = None

    def start(self, label: str, total: int | None, *, unit: str) -> None:
        if self.task is not None:
            self.bar.update(self.task, visible=False)
        self.task = self.bar.add_task(label, total=total, unit=unit)
        self.bar.refresh()  # every phase is drawn at least once, however short

    def __call__(self, n: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)


@contextlib.contextmanager
def progress_phases(*, quiet: bool = False, console: Any = None) -> Iterator[TerminalPhases | None]:
    """A transient progress display on standard error (or ``console``), or None when it
    should not be shown (``quiet``, or standard error is not a terminal)."""
    if quiet or (console is None and not sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)
    from rich.text import Text

    class Done(ProgressColumn):  # blank while a phase of unknown size has counted nothing
        def render(self, task: Any) -> Text:
            unit = task.fields.get("unit", "")
            if task.total is None:
                return Text(f"{task.completed:,.0f} {unit}" if task.completed else "")
            return Text(f"{task.completed:,.0f}/{task.total:,.0f} {unit}")

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed, unit = task.finished_speed or task.speed, task.fields.get("unit", "")
            if speed:
                return Text(f"{speed:,.0f} {unit}/s")
            return Text(f"? {unit}/s" if task.total is not None or task.completed else "")

    class Time(ProgressColumn):  # time left when the total is known, else time elapsed
        left, elapsed = TimeRemainingColumn(), TimeElapsedColumn()

        def render(self, task: Any) -> Text:
            return self.left.render(task) if task.total is not None else self.elapsed.render(task)

    bar = Progress(TextColumn("{task.description}"), BarColumn(), Done(), Rate(), Time(),
                   console=console or Console(file=sys.stderr), transient=True)
    with bar:
        yield TerminalPhases(bar)


@contextlib.contextmanager
def progress_bar(label: str, total: int | None, *, unit: str, quiet: bool = False) -> Iterator[Advance | None]:
    """A transient progress bar of one phase on standard error, or None when it should not be shown."""
    with progress_phases(quiet=quiet) as phases:
        if phases is not None:
            phases.start(label, total, unit=unit)
        yield phases


def expected_documents(paths: list[str]) -> int | None:
    """Documents the paths hold (a JSONL line counts one), for a progress bar; None for stdin."""
    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            return None
        files = [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path]
        for f in files:
            if not f.is_file():  # a pipe or device is refused by the reader, never opened here
                continue
            if f.suffix.lower() in (".jsonl", ".ndjson", ".json"):
                with open(f, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total
