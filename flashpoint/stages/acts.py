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

and the linked verb carries no coded event of its own.

**One act, one event.** When the toll verb of a violent act carries a coded event of its own
(violence, CAMEO 18-20, in the same sentence), the sentence tells one act twice: "shelling killed
four civilians and wounded 15", "a car bomb exploded, killing four", "four soldiers were killed and
15 others wounded". That event is folded into the act's: it is dropped, its verb joins the act's
``also_triggers``; the act's event keeps its own code and actors (taking a missing side from the
toll's event was measured and did not help). The links
are those above, toll verbs only (a participle clause; a conjoined toll with no subject of its own,
or, after a toll, with a passive subject only: "... were killed and 15 others wounded"); a conjoined
clause with an active subject of its own is another act.

**The act as the toll's subject.** When the act is told by a noun that is the subject of its toll
("a drone strike near the airport killed the general"; "the blast wounded two policemen"; "an
attack that killed five"), the noun's own event is folded into the toll's: the toll verb has the
act's victims as its object, so its event is kept and the noun joins its ``also_triggers``.

**What became of the act's weapon.** A passive verb conjoined to a violent act, with a pronoun as
its subject and no agent ("fired an anti-ship missile at a US destroyer, but it was shot down"),
tells what became of the act's weapon or target; its own event, when it has neither source nor
target, is folded into the act's (:func:`passive_sequels`).
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
    found: list[Any] = toll_links(tok, gapped=False) if violent else []
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


def _toll_conjunct(tok: Any, child: Any, *, gapped: bool) -> bool:
    """A toll verb conjoined to the act with no subject of its own, or (``gapped``) conjoined to
    a toll with a passive subject only ('four were killed and 15 others wounded')."""
    if child.dep_ != "conj" or not is_toll(child):
        return False
    if _bare(child):
        return True
    if not gapped:
        return False
    deps = {c.dep_ for c in child.children}
    active = "nsubj" in deps and "auxpass" not in deps and child.tag_ != "VBN"  # 'others wounded': gapped
    return is_toll(tok) and not active and not deps & {"csubj", "mark"}


def toll_links(tok: Any, *, gapped: bool = True) -> list[Any]:
    """The toll verbs that tell the toll of the violent act whose trigger is ``tok`` (a participle
    or conjoined toll hung on it, with the tolls conjoined to those); ``gapped``: also a second
    toll with its verb left out, which counts only when it carries an event of its own (a fold)."""
    found: list[Any] = []
    for child in tok.children:
        if _toll_participle(child) or _toll_conjunct(tok, child, gapped=gapped):
            found.extend(_with_conjuncts(child))
    return found


def subject_act(tok: Any) -> Any:
    """The noun that is the subject of the toll verb ``tok`` ('a drone strike ... killed'; 'an
    attack that killed': the relative clause's noun), or None."""
    if not is_toll(tok):
        return None
    for child in tok.children:
        if child.dep_ == "nsubj":
            if child.tag_ == "WDT" and tok.dep_ == "relcl":
                return tok.head if tok.head.pos_ == "NOUN" else None
            return child if child.pos_ == "NOUN" else None
    return None


# Pronouns that stand for what the act before them used or struck ('fired a missile, but it was
# shot down'; 'launched drones, and they were intercepted').
THING_PRONOUNS = frozenset({"it", "they", "both", "all"})


def passive_sequels(tok: Any) -> list[Any]:
    """The passive verbs conjoined to the act ``tok`` whose subject is a pronoun and that name no
    agent: 'fired an anti-ship missile at a destroyer, but it was shot down'. They tell what became
    of the act's weapon or target, not a second act by someone the text names."""
    found = []
    for child in tok.children:
        if child.dep_ != "conj" or child.pos_ != "VERB" or any(c.dep_ == "agent" for c in child.children):
            continue
        if any(c.dep_ == "nsubjpass" and c.lower_ in THING_PRONOUNS for c in child.children):
            found.append(child)
    return found


def folds(events: tuple[Event, ...], parsed: Any) -> dict[int, int]:
    """Which events are the same act as another event's (index -> index of the kept event): every
    violent event whose trigger is a toll verb linked (:func:`toll_links`) to another violent
    event's trigger in the same sentence is folded into the first event on that trigger, and every
    violent event on a noun that is the subject of a violent toll (:func:`subject_act`) into the
    toll's, and every violent event with no source and no target on a passive sequel
    (:func:`passive_sequels`) into the act's. Chains end at the act ('exploded, killing and injuring'). Linear in the number of events."""
    on: dict[tuple[int, int], list[int]] = {}  # (sentence, trigger token) -> its violent events
    for k, e in enumerate(events):
        if e.cameo[:2] in VIOLENCE:
            tok = trigger_token(e, parsed)
            if tok is not None:
                on.setdefault((e.sentence_index, tok.i), []).append(k)
    into: dict[int, int] = {}
    for (sent, i), ks in sorted(on.items(), key=lambda item: item[0]):
        for verb in toll_links(parsed[i]):
            for d in on.get((sent, verb.i), ()) if verb.i != i else ():
                if d not in into:
                    into[d] = ks[0]
        noun = subject_act(parsed[i])
        for d in on.get((sent, noun.i), ()) if noun is not None else ():
            if d not in into:
                into[d] = ks[0]
        for verb in passive_sequels(parsed[i]):
            for d in on.get((sent, verb.i), ()):
                if d not in into and events[d].source is None and events[d].target is None:
                    into[d] = ks[0]  # 'fired a missile at X, but it was shot down': one act
    for d in list(into):  # follow each chain to its act
        k, seen = into[d], {d}
        while k in into and k not in seen:
            seen.add(k)
            k = into[k]
        into[d] = k
    return {d: k for d, k in into.items() if d != k and k not in into}


def also_triggers(event: Event, parsed: Any, coded: frozenset[int]) -> tuple[tuple[str, int], ...]:
    """The (word, offset) of each verb that tells ``event``'s act and carries no coded event."""
    tok = trigger_token(event, parsed)
    if tok is None:
        return ()
    verbs = same_act_verbs(tok, violent=event.cameo[:2] in VIOLENCE)
    return tuple(sorted({(v.text, v.idx) for v in verbs if v.idx not in coded and v.i != tok.i},
                        key=lambda p: p[1]))


class SameActLinker:
    """Records on each event the uncoded verbs that tell the same act (``also_triggers``), and
    folds a toll's own event into its act's (``fold``, config ``fold_toll_events``)."""

    name = "acts"
    requires = frozenset({"parse", "events"})
    updates = frozenset({"events"})  # adds also_triggers; drops folded events (as the gate does)
    assigns: frozenset[str] = frozenset()

    def __init__(self, *, fold: bool = True) -> None:
        self.fold = fold  # one act, one event: fold a toll's own event into the act's

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or not doc.events:
            return doc
        into = folds(doc.events, doc.parse) if self.fold else {}
        kept = [e for k, e in enumerate(doc.events) if k not in into]
        coded = frozenset(e.trigger_start for e in kept)
        folded: dict[int, set[tuple[str, int]]] = {}
        for d, k in into.items():
            folded.setdefault(k, set()).add((doc.events[d].trigger, doc.events[d].trigger_start))
        events = []
        for k, e in enumerate(doc.events):
            if k in into:
                continue
            extra = folded.get(k, set())
            words = tuple(sorted(set(also_triggers(e, doc.parse, coded)) | extra, key=lambda p: p[1]))
            events.append(dataclasses.replace(e, also_triggers=words))
        return dataclasses.replace(doc, events=tuple(events))
