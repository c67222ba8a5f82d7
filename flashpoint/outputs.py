"""Files a command is asked to write (``--output``, ``--errors``, ``--plot``, ``--json``,
``--series-out``): checked before the command does its work, so a long import or backtest never
ends in a traceback because its output folder is missing or read-only."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import OutputError


def check_writable(path: str | os.PathLike[str] | None, *, option: str) -> None:
    """Raise :class:`OutputError` naming ``option`` and ``path`` unless ``path`` (if given) is a
    file that can be created or overwritten. Nothing is created."""
    if path is None or str(path) == "":
        return
    target = Path(path)
    where = f"{option} {path}"
    if target.is_dir():
        raise OutputError("is a folder, not a file", where=where, fix="give a file name, e.g. FOLDER/out.csv")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"the folder {str(folder)!r} does not exist", where=where,
                          fix="create the folder first, or give a path in an existing folder")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise OutputError("no permission to write this file", where=where,
                          fix="give a path in a folder you may write to")


def unwritable(err: OSError) -> OutputError:
    """An OS error met while reading or writing a file, as an error with a fix (the last resort of
    the command line: the checks above run first)."""
    where = str(err.filename) if err.filename else None
    return OutputError(f"cannot read or write: {err.strerror or err}", where=where,
                       fix="check that the path is right, its folder exists and you may write to it")
