"""Progress on a terminal for long commands: items done, rate, time left (rich).

``with progress_bar("importing", total, unit="rows") as advance: advance(n)``. ``advance``
is None when the bar is off (``quiet``, or standard error is not a terminal), so callers
pass it on as an optional callback; ``total`` may be None (unknown: no time left shown).
"""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

Advance = Callable[[int], Any]


@contextlib.contextmanager
def progress_bar(label: str, total: int | None, *, unit: str, quiet: bool = False) -> Iterator[Advance | None]:
    """A transient progress bar on standard error, or None when it should not be shown."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} {unit}/s" if speed else f"? {unit}/s")

    done = TextColumn(f"{{task.completed:,.0f}}/{{task.total:,.0f}} {unit}" if total
                      else f"{{task.completed:,.0f}} {unit}")
    bar = Progress(TextColumn("{task.description}"), BarColumn(), done, Rate(), TimeRemainingColumn(),
                   console=Console(file=sys.stderr), transient=True)
    task = bar.add_task(label, total=total)
    with bar:
        yield lambda n: bar.advance(task, n)


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
