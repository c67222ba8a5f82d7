"""The project's own tables, shipped inside the package and read lazily.

Tables are UTF-8 TSV files with a header row; lines starting with '#' are
comments (licence notices live there).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..errors import ResourceError


def table_path(name: str) -> Path:
    return Path(str(resources.files(__package__).joinpath(name)))


def read_tsv(path: str | Path, *, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Rows of a TSV table as dicts; names the file and line of a bad row."""
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = table_path(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ResourceError(f"cannot read table: {err.strerror}", where=str(path),
                            fix="reinstall flashpoint, or check the path of your own table") from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise ResourceError(f"table header lacks columns {missing}", where=f"{path}:{lines[0][0]}",
                            fix=f"the first non-comment line must name the columns {list(required)}")
    for lineno, line in lines[1:]:
        row = next(csv.reader(io.StringIO(line), delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(row) > len(header):
            raise ResourceError(f"row has {len(row)} fields, header has {len(header)}",
                                where=f"{path}:{lineno}", fix="use one tab between fields")
        row += [""] * (len(header) - len(row))
        yield dict(zip(header, (v.strip() for v in row)))
