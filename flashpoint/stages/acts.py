"""One event per act, with all its verbs: the toll told by a second verb (issue 13).

News often tells one act with two verbs: the act and its toll ("a bomb destroyed the embassy,
killing 248"; "a car bomb detonated at the square, killing four"; "gunmen attacked the market
and killed nine"). The coder keeps one event for the act and codes the second verb on its own
only when it reads it as a separate act. This stage records a second verb that tells the same
act on the kept event, as ``Event.also_triggers`` ((word, character offset) pairs): the event's
place is that act's place, and the event-location scorer counts the event as the verb's.

The link is grammatical and narrow, never "any event of the sentence":

- the event's trigger is violence (CAMEO 18, 19, 20) and a verb of toll (kill, wound, injure;
  leave ... dead) hangs on it as a participle clause with no subject, auxiliary or marker of its
  own ("..., killing five"), or as a conjoined verb with no subject of its own ("... and killed
  nine"), with the toll verbs conjoined to that one ("killing and injuring dozens");
- or the event's trigger is such a toll participle and the verb it hangs on has no event and
  tells an act (a main, conjoined, reported or relative clause, active, with its own subject and
  no marker): the act itself ("a car bomb detonated, killing four": the detonation is the
  killing); not the background of a time clause ("as people were getting ready for a
  festival, killing": a misparse) nor a participle that describes a noun;

- or the event's trigger completes a verb of phase or effort (:data:`PHASE_VERBS`: "managed
  to reach the town", "continue to shell the city", "began firing rockets", "attempting to
  take the hill"): that verb tells no act of its own but the one it completes;

and the linked verb carries no coded event of its own. Nothing else changes: codes, actors,
places and ids are those the earlier stages gave.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from ..language.countable import VIOLENCE
from ..language.grammar import trigger_token
from ..model import Document, Event

# Verbs that tell what an act cost in people.
TOLL_VERBS = frozenset({"kill", "wound", "injure"})
# 'leaving five dead': leave is a toll verb with one of these as its complement.
TOLL_STATES = frozenset({"dead", "injured", "wounded"})
# Verbs of phase or effort: with a verb to complete ("managed to enter") they tell its act.
PHASE_VERBS = frozenset({"manage", "continue", "try", "attempt", "begin", "start", "keep", "resume"})
# Children that give a clause its own subject, tense or link: then it is a clause of its own.
OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "mark", "csubj"})
# The clauses a verb that tells an act stands in (not adverbial, adnominal or complement ones).
MAIN_CLAUSES = frozenset({"ROOT", "conj", "ccomp", "relcl", "parataxis"})


def is_toll(tok: Any) -> bool:
    """Is the word a verb of toll: kill, wound, injure, or leave with 'dead' ('leaving two dead')?"""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    return lemma in TOLL_VERBS or lemma == "leave" and any(c.lower_ in TOLL_STATES for c in tok.subtree)


def _bare(tok: Any) -> bool:
    return not any(c.dep_ in OWN_CLAUSE for c in tok.children)


def _toll_participle(tok: Any) -> bool:
    """'..., killing five': a toll verb's -ing clause with no subject, auxiliary or marker."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and is_toll(tok) and _bare(tok)


def _with_conjuncts(tok: Any) -> list[Any]:
    """The toll verb and the toll verbs conjoined to it ('killing and injuring')."""
    return [tok] + [c for c in tok.conjuncts if c.i > tok.i and is_toll(c) and _bare(c)]


def same_act_verbs(tok: Any, *, violent: bool) -> list[Any]:
    """The verbs that tell the same act as the trigger ``tok`` (see the module docstring)."""
    found: list[Any] = []
    if violent:
        for child in tok.children:
            if _toll_participle(child) or child.dep_ == "conj" and is_toll(child) and _bare(child):
                found.extend(_with_conjuncts(child))
    if _toll_participle(tok) and _main_act(tok.head):
        found.append(tok.head)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in PHASE_VERBS and tok.head.pos_ == "VERB":
        found.append(tok.head)
    return found


def _main_act(tok: Any) -> bool:
    """Is the verb a clause that tells an act: a main, conjoined, reported or relative clause
    in the active voice with its own subject and no marker ('a car bomb detonated, killing
    four'; 'the bombings that ripped through the station, killing'); not the background of a
    time clause ('as people were getting ready'), a verb that describes a noun ('a device
    loaded with shrapnel') nor a passive state ('tunnels were filled with explosives')?"""
    if tok.pos_ != "VERB" or tok.dep_ not in MAIN_CLAUSES or tok.tag_ == "VBG":
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and not deps & {"mark", "auxpass", "nsubjpass"}


def also_triggers(event: Event, parsed: Any, coded: frozenset[int]) -> tuple[tuple[str, int], ...]:
    """The (word, offset) of each verb that tells ``event``'s act and carries no coded event."""
    tok = trigger_token(event, parsed)
    if tok is None:
        return ()
    verbs = same_act_verbs(tok, violent=event.cameo[:2] in VIOLENCE)
    return tuple(sorted({(v.text, v.idx) for v in verbs if v.idx not in coded and v.i != tok.i},
                        key=lambda p: p[1]))


class SameActLinker:
    """Records on each event the uncoded verbs that tell the same act (``also_triggers``)."""

    name = "acts"
    requires = frozenset({"parse", "events"})
    updates = frozenset({"events"})  # adds also_triggers, keeping every event as it is
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or not doc.events:
            return doc
        coded = frozenset(e.trigger_start for e in doc.events)
        events = tuple(dataclasses.replace(e, also_triggers=also_triggers(e, doc.parse, coded))
                       for e in doc.events)
        return dataclasses.replace(doc, events=events)
