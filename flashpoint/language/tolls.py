"""One attack told several ways, and patrols told as background, as checks the gate stage runs
(:mod:`flashpoint.stages.gate`; each takes the event, its trigger token and what the gate has
seen of the document). Wire copy tells an attack by its act and then by its toll ("a bomber
detonated his vest, killing eight and wounding 16"; "gunmen shot and killed two men"; "four
soldiers were killed and nine wounded"): the annotators of the project's golds code the attack
once (``docs/news-gold.md``: result participles that repeat the same attack), so the second
verb of harm and the wounded are not further events. A patrol told in the present simple or with a word of frequency
("troops patrol the border", "police often patrol") is a standing arrangement, and a patrol that
is the scene of an attack ("were patrolling a road when insurgents detonated a bomb") is the
attack's background: neither is a show of force. Chosen on the wire training set
(``data/training/wire_events.jsonl``) and measured on the check halves (``docs/evaluation.md``)."""
from __future__ import annotations

from typing import Any

from ..model import Event
from .countable import VIOLENCE

# Verbs that tell what an attack did to people: its toll.
HARM = frozenset({"kill", "wound", "injure", "maim", "hurt"})
INJURY = frozenset({"wound", "injure", "maim", "hurt"})
POSTURE = "15"
PRESENT = frozenset({"VBZ", "VBP"})
MODALS = frozenset({"will", "would", "shall", "'ll", "can", "could", "may", "might", "must", "should"})
FREQUENCY = frozenset({"often", "usually", "regularly", "routinely", "frequently", "sometimes", "always",
                       "normally", "typically", "daily", "nightly", "habitually", "constantly"})


def _violence_at(tok: Any, seen: Any) -> bool:
    """Is an act of violence coded on ``tok`` (any of the document's events on that trigger)?"""
    return any(start == tok.idx and cameo[:2] in VIOLENCE for start, cameo in seen.alike)


def toll(event: Event, tok: Any, seen: Any) -> bool:
    """The same attack told again by its toll: the second of two verbs of harm ('shot and killed',
    'were killed and 15 wounded'), and the wounded of a sentence that codes the attack or the dead
    by another verb ('detonated a bomb, killing eight and wounding 16', 'leaving 30 others injured').
    A participle that elaborates the attack ('launched an offensive, targeting the district',
    'killing eight') stays: the event-location gold marks such verbs' places, and dropping them
    cost its check half five points of hit rate (``docs/evaluation.md``)."""
    if event.cameo[:2] not in VIOLENCE:
        return False
    lemma = tok.lemma_.lower()
    if lemma in HARM and tok.dep_ == "conj" and tok.head.i != tok.i and _violence_at(tok.head, seen):
        return True
    if lemma in INJURY:
        sentence = tok.sent
        return any(sentence.start_char <= start < sentence.end_char and start != tok.idx
                   and cameo[:2] in VIOLENCE and _lemma_at(seen.parse, start) not in INJURY
                   for (start, cameo) in seen.alike)
    return False


def _lemma_at(parsed: Any, start: int) -> str:
    span = parsed.char_span(start, start + 1, alignment_mode="expand")
    return span[0].lemma_.lower() if span is not None and len(span) else ""


def standing(event: Event, tok: Any, seen: Any) -> bool:
    """A patrol or other show of force told as a standing arrangement: the present simple with no
    auxiliary ('some 1,200 troops patrol the area'), a word of frequency ('soldiers often patrol',
    'patrol the street every day'), or the scene of an attack ('were patrolling a road when
    insurgents detonated a bomb', 'a bomb was detonated when a carrier was patrolling nearby')."""
    if event.cameo[:2] != POSTURE:
        return False
    children = list(tok.children)
    if (tok.tag_ in PRESENT or tok.tag_ == "VB") and tok.lemma_.lower() != "be" \
            and not any(c.dep_ in {"aux", "auxpass"} for c in children):
        return True  # not a deployment told as a state ('the fleet is off the coast')
    if any(c.lower_ in FREQUENCY for c in children) or any(
            c.dep_ == "npadvmod" and any(d.lower_ == "every" for d in c.children) for c in children):
        return True
    linked = [c for c in children if c.dep_ == "advcl" and _when(c)] + ([tok.head] if tok.dep_ == "advcl" and _when(tok) else [])
    return any(_violence_at(t, seen) for t in linked)


def _when(clause: Any) -> bool:
    """Is the clause one of time ('when insurgents detonated a bomb', 'as the convoy passed')?"""
    return any(c.dep_ in {"advmod", "mark"} and c.lower_ in {"when", "as"} for c in clause.children)
