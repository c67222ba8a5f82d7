"""The root of an act of violence by who suffers it (the classify stage's rule re-typer).

The verb lexicon reads 'shot', 'killed', 'fired on' and 'captured' by the verb alone: fighting
(CAMEO 190) or seizing property (171). The CAMEO codebook (``../shared/data/cameo/cameo-codes.csv``)
and the annotators of the project's golds (``docs/news-gold.md``) code such acts by their victim:

- a state's police or forces firing on, shooting or killing demonstrators, protesters, rioters or
  a crowd is violent repression, 175 (the codebook: repression of collective dissent, as against
  a military engagement);
- people captured are arrested, 173 (the codebook's 173 includes extrajudicial detentions),
  or, when non-state fighters take them, abducted, 181; ground captured keeps its code
  (``language/ground.py``: 192);
- the killing of one politically significant person (an official, a judge, a lawmaker, a
  candidate, a cleric, a journalist, a leader) by gunmen, a named killer or an unknown hand is an
  assassination, 186; not a death in fighting, a strike or a bombing, nor one by a state's forces.

Only the codes named in each rule are re-typed; the event, its trigger and its actors stay as
they are. Chosen on the wire training set (``data/training/wire_events.jsonl``) and measured on
the check halves (``docs/evaluation.md``)."""
from __future__ import annotations

import dataclasses
from typing import Any

from ..codebook import cameo
from ..model import Actor, Event
from .grammar import trigger_token
from .ground import is_ground

STATE_FORCES = frozenset({"COP", "MIL"})
FORCE_NOUNS = frozenset({"police", "policeman", "policemen", "officer", "officers", "troop", "troops", "soldier",
                         "soldiers", "army", "force", "forces", "paramilitary", "paramilitaries", "guard", "guards"})
CROWDS = frozenset({"demonstrator", "protester", "protestor", "rioter", "crowd", "mob", "rally",
                    "demonstration", "protest", "marcher"})
REPRESSIBLE = frozenset({"19", "190", "193", "180"})
REPRESSING = frozenset({"shoot", "fire", "kill", "open", "wound", "injure"})


def _retyped(event: Event, code: str) -> Event:
    if code == event.cameo:
        return event
    row = cameo(code)
    return dataclasses.replace(event, cameo=row.code, plover_type=row.plover_type, plover_mode=row.plover_mode,
                               goldstein=row.goldstein, quad_class=row.quad_class)


def _words(tokens: Any) -> set[str]:
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def _state_forces(actor: Actor | None, tok: Any) -> bool:
    """Is the act's doer a state's police or forces (by its sector, or a noun of them as subject)?"""
    if actor is not None and actor.sector in STATE_FORCES:
        return True
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and bool(_words([subj]) & FORCE_NOUNS)


def _repression(event: Event, tok: Any) -> str | None:
    """175 for a state's forces using violence on a crowd of dissent (module docstring)."""
    if event.cameo not in REPRESSIBLE or tok.lemma_.lower() not in REPRESSING:
        return None
    verb = tok
    while verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head is not verb and not _state_forces(event.source, verb):
        verb = verb.head
    if not _state_forces(event.source, verb):
        return None
    if event.target is not None and event.target.sector == "OPP":
        return "175"
    return "175" if _words(t for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "prep"}
                           for t in c.subtree) & CROWDS else None


# Offices and standing that make a victim politically significant (the codebook's 186: elites,
# leaders; the annotators: named officials, judges, clerics, candidates, journalists).
SIGNIFICANT = frozenset({"official", "leader", "minister", "deputy", "judge", "mayor", "governor", "candidate",
                         "cleric", "imam", "sheikh", "priest", "bishop", "journalist", "editor", "reporter",
                         "lawmaker", "legislator", "senator", "parliamentarian", "mp", "politician", "chief",
                         "president", "prosecutor", "elder", "chairman", "archduke",
                         "king", "prince", "ambassador", "envoy", "diplomat", "activist", "councillor",
                         "councilor", "lawyer", "spokesman", "secretary"})
KILLING = frozenset({"kill", "shoot", "murder", "assassinate", "slay", "gun"})
FATAL = frozenset({"dead", "death", "fatally"})
# Means of a death in war: fighting, a strike, a raid, a bombing (a death in them is no assassination).
WAR = frozenset({"fighting", "clash", "battle", "airstrike", "strike", "raid", "shelling", "bombing",
                 "bomb", "attack", "crossfire", "offensive", "operation", "explosion", "blast", "ambush"})
ASSASSINABLE = frozenset({"19", "190", "193", "18", "180"})


def _fatal(tok: Any) -> bool:
    """Is the act a killing: 'killed', 'murdered', 'shot dead', 'shot to death', 'fatally shot',
    'shot and killed'?"""
    lemma = tok.lemma_.lower()
    if lemma in {"kill", "murder", "assassinate", "slay"}:
        return True
    if _words(t for c in tok.children if c.dep_ in {"oprd", "acomp", "advmod", "prep", "xcomp", "ccomp"}
              for t in c.subtree) & FATAL:
        return True
    return any(c.dep_ == "conj" and c.lemma_.lower() in {"kill", "murder"} for c in tok.children)


def _victim(tok: Any) -> Any | None:
    """The person the act is done to: its object, its passive subject, or those of the verb it is
    coordinated with ('was shot and killed')."""
    for verb in (tok, tok.head if tok.dep_ == "conj" else None):
        if verb is None:
            continue
        found = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if found is not None:
            return found
    return None


def _significant(victim: Any) -> bool:
    """One person of standing: a singular noun of office, or a name with one in apposition."""
    if victim.tag_ in {"NNS", "NNPS"} or any(c.dep_ in {"nummod", "conj"} for c in victim.children):
        return False
    heads = [victim] + [c for c in victim.children if c.dep_ in {"appos", "compound"}]
    if victim.dep_ == "appos":
        heads.append(victim.head)
    return any(h.tag_ not in {"NNS", "NNPS"} and h.lemma_.lower() in SIGNIFICANT for h in heads)


def _assassination(event: Event, tok: Any) -> str | None:
    """186 for the killing of one politically significant person (module docstring)."""
    if event.cameo not in ASSASSINABLE or tok.lemma_.lower() not in KILLING or not _fatal(tok):
        return None
    if _state_forces(event.source, tok):
        return None
    victim = _victim(tok)
    if victim is None or not _significant(victim):
        return None
    means = _words(g for c in tok.children if c.dep_ in {"prep", "agent"} for g in c.subtree)
    return None if means & WAR else "186"


TAKING = frozenset({"capture", "seize", "snatch", "grab", "nab"})
CAPTURABLE = frozenset({"171", "190", "192", "19"})
# Nouns of people (a captive), beyond person names and the actor table's persons.
PEOPLE = frozenset({"man", "woman", "men", "women", "people", "person", "suspect", "insurgent", "militant",
                    "fighter", "rebel", "soldier", "official", "member", "leader", "commander", "civilian",
                    "hostage", "journalist", "worker", "manager", "planner", "guerrilla", "gunman", "terrorist",
                    "boy", "girl", "child", "youngster", "teenager", "foreigner", "tourist", "citizen",
                    "national", "pilot", "sailor", "crew", "he", "she", "they", "him", "her", "them",
                    "palestinian", "israeli", "american"})
# Non-state fighters: their captives are hostages (181).
NON_STATE = frozenset({"REB", "UAF", "INS", "IMG"})


def _person(tok: Any) -> bool:
    return tok.ent_type_ in {"PERSON", "NORP"} or bool(_words([tok]) & PEOPLE)


def _capture(event: Event, tok: Any) -> str | None:
    """173 for people captured, 181 when non-state fighters capture them (module docstring)."""
    if event.cameo not in CAPTURABLE or tok.lemma_.lower() not in TAKING or tok.pos_ not in {"VERB", "AUX"}:
        return None
    patient = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if patient is None or not _person(patient) or is_ground(patient, event.locations):
        return None
    if event.cameo == "192" and patient.ent_type_ in {"PERSON", "NORP"} and not _words([patient]) & PEOPLE:
        return None  # the ground rule read a name as a place: names of towns are often tagged as persons
    if _doer(event.source, tok) and event.source.sector in NON_STATE:
        return "181"
    return "173"


def _doer(actor: Actor | None, tok: Any) -> bool:
    """Is ``actor`` the act's own subject or agent ('by unidentified attackers')?"""
    if actor is None:
        return False
    doers = [c for c in tok.children if c.dep_ == "nsubj"] \
        + [g for c in tok.children if c.dep_ == "agent" for g in c.children]
    return any(d.left_edge.idx <= actor.start <= d.right_edge.idx for d in doers)


def _not_assassination(event: Event, tok: Any) -> str | None:
    """190 for a killing read as an assassination (186) whose victims are many, or who died in
    fighting, a strike or a bombing."""
    if event.cameo != "186" or tok.lemma_.lower() not in KILLING | {"killing", "murder"}:
        return None
    means = _words(g for c in tok.children if c.dep_ in {"prep", "agent"} for g in c.subtree)
    victim = _victim(tok)
    many = victim is not None and (victim.tag_ in {"NNS", "NNPS"}
                                   or any(c.dep_ in {"nummod", "conj"} for c in victim.children))
    return "190" if many or means & WAR else None


def retype_by_victim(event: Event, parsed: Any) -> Event:
    """The event with the root its victim gives (module docstring), or as it is."""
    if parsed is None or event.cameo[:2] not in {"17", "18", "19"}:
        return event
    tok = trigger_token(event, parsed)
    if tok is None:
        return event
    code = _capture(event, tok) or _not_assassination(event, tok)
    return _retyped(event, code) if code else event
