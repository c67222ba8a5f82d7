"""Files written beside a store (its saved forecaster, its saved backtests): whole or not at all.

A file is written to a temporary name in the store's folder and renamed over the old one
(``os.replace``), so a reader sees the old file or the new one, never half of one. The temporary
file ``mkstemp`` makes is readable by its owner only; the file kept gets the mode a plain
``open`` gives under the usual umask (``FILE_MODE``, read by all), as the store file itself has.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

FILE_MODE = 0o644


def write_whole(path: str | Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` whole: ``write(tmp)`` fills a temporary file beside it, which then replaces it."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
