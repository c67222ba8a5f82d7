"""The root of a capture by who is captured and who captures (the classify stage's rule re-typer).

The verb lexicon reads 'captured' and 'seized' as seizing property (CAMEO 171), and its armed
rows and the taking rule (``language/ground.py``) as fighting (190) or taking ground (192). The
CAMEO codebook (``../shared/data/cameo/cameo-codes.csv``: 173 is for arrests and detentions,
legal or not, and its usage note sends hostage-taking to 181) and the annotators of the
project's golds (``docs/news-gold.md``: "capture of people (173 or 181 for hostages)") code the
capture of people by what is done to them:

- people captured (a name, a noun of people, a pronoun as the object or the passive subject)
  are detained, 173, whoever holds them: police, troops, an unnamed hand;
- people captured by non-state fighters (a rebel, unidentified or militant group as the verb's
  own subject or 'by' agent) are abducted, 181;
- ground captured keeps its code: a resolved place or a word of ground as the object is
  ground, and a 192 the taking rule gave stays unless the captive is a noun of people (the
  small parse model tags many town names as persons).

Only those codes are re-typed; the event, its trigger and its actors stay as they are. Chosen on
the wire training set (``data/training/wire_events.jsonl``) and measured on the check halves
(``docs/evaluation.md``, thirteenth session); rules by the victim for repression (175) and
assassination (186) were measured there too and are not kept."""
from __future__ import annotations

import dataclasses
from typing import Any

from ..codebook import cameo
from ..model import Actor, Event
from .grammar import trigger_token
from .ground import is_ground

TAKING = frozenset({"capture", "seize", "snatch", "grab", "nab"})
# What a capture may have been read as: seizing property, fighting, taking ground.
CAPTURABLE = frozenset({"171", "190", "192", "19"})
# Nouns of people (a captive), beyond person names.
PEOPLE = frozenset({"man", "woman", "men", "women", "people", "person", "suspect", "insurgent", "militant",
                    "fighter", "rebel", "soldier", "official", "member", "leader", "commander", "civilian",
                    "hostage", "journalist", "worker", "manager", "planner", "guerrilla", "gunman", "terrorist",
                    "boy", "girl", "child", "youngster", "teenager", "foreigner", "tourist", "citizen",
                    "national", "pilot", "sailor", "crew", "he", "she", "they", "him", "her", "them",
                    "palestinian", "israeli", "american"})
# Non-state fighters: their captives are hostages (181).
NON_STATE = frozenset({"REB", "UAF", "INS", "IMG"})


def _words(tokens: Any) -> set[str]:
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def _person(tok: Any) -> bool:
    return tok.ent_type_ in {"PERSON", "NORP"} or bool(_words([tok]) & PEOPLE)


def _doer(actor: Actor | None, tok: Any) -> bool:
    """Is ``actor`` the act's own subject or agent ('by unidentified attackers')?"""
    if actor is None:
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"] \
        + [g for c in tok.children if c.dep_ == "agent" for g in c.children]
    return any(d.left_edge.idx <= actor.start <= d.right_edge.idx for d in doers)


def capture_code(event: Event, tok: Any) -> str | None:
    """173 for people captured, 181 when non-state fighters capture them (module docstring);
    None when the event is no capture of people."""
    if event.cameo not in CAPTURABLE or tok.lemma_.lower() not in TAKING or tok.pos_ not in {"VERB", "AUX"}:
        return None
    patient = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if patient is None or not _person(patient) or is_ground(patient, event.locations):
        return None
    if event.cameo == "192" and patient.ent_type_ in {"PERSON", "NORP"} and not _words([patient]) & PEOPLE:
        return None  # the taking rule read a name as a place: names of towns are often tagged as persons
    if _doer(event.source, tok) and event.source is not None and event.source.sector in NON_STATE:
        return "181"
    return "173"


def captured(event: Event, parsed: Any) -> Event:
    """The event with the code its captive gives (module docstring), or as it is."""
    if parsed is None or event.cameo not in CAPTURABLE:
        return event
    tok = trigger_token(event, parsed)
    code = capture_code(event, tok) if tok is not None else None
    if code is None or code == event.cameo:
        return event
    row = cameo(code)
    return dataclasses.replace(event, cameo=row.code, plover_type=row.plover_type, plover_mode=row.plover_mode,
                               goldstein=row.goldstein, quad_class=row.quad_class)
