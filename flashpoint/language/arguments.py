"""Arguments: who does an event to whom, read off the dependency parse.

``by_token`` maps a token index to the actor mention covering it (:func:`index_actors`).
:func:`verb_args` and :func:`noun_args` give the rule coder's source and target of a verb or
event noun trigger (the events stage); :func:`clause_actors` the source and target of a
sentence-level event the trained model adds (the classify stage).

The two readers are kept apart on purpose: :func:`verb_args` follows passives, reduced
relatives, inherited subjects, facilities and attack causes (:mod:`.causes`), token by token;
:func:`clause_actors` reads only the main clause's subject, object and a wider set of
prepositions (``CLAUSE_TARGET_PREPS``) by character span, and falls back on the sentence's
first actors. Swapping one for the other changes the coded events.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Actor
from .grammar import (ACCUSING, CLAUSE_TARGET_PREPS, EVENT_NOUNS, FACILITIES, INSTRUMENTS, OBJECTS, OWNERS,
                      PATIENT_NOUNS, PATIENT_SUBJECT_VERBS, PEOPLE_NOUNS, OBJECT_PRONOUNS, PLACE_PREPS, PRONOUNS,
                      SECONDARY_PREPS, STANCE_NOUNS, STATIVE_PASSIVES, SUBJECT_PRONOUNS, TARGET_PREPS, first_child,
                      in_phrase, prep_object)
from .causes import cause_author, victim_source
from .mentions import actor_in
from .spans import starting_in
from .speakers import reporting_head, trailing_speakers
from .tokens import TokenTable


def index_actors(toks: TokenTable, actors: Iterable[Actor]) -> dict[int, Actor]:
    """Token index -> the actor mention covering it."""
    out: dict[int, Actor] = {}
    for actor in actors:
        found = toks.token_range(actor.start, actor.end)
        if found is not None:
            for i in range(*found):
                out[i] = actor
    return out


def with_conjuncts(actor: Actor | None, by_token: dict[int, Actor], doc: Any) -> list[Actor | None]:
    """An actor and the actors coordinated with it ("Israel and the Palestinians")."""
    if actor is None:
        return [None]
    # the actor's own tokens, looked up in its character span (not by scanning every token of the
    # document: this runs once per event, and a scan made coding quadratic in document length)
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    tokens = [i for i in (range(span.start, span.end) if span is not None else by_token)
              if by_token.get(i) is actor]
    if not tokens:
        return [actor]
    found: list[Actor | None] = [actor]
    stack = [doc[i] for i in tokens]
    seen = set(tokens)
    while stack and len(found) < 6:
        tok = stack.pop()
        # down to its conjuncts, and up from a conjunct to the word it is coordinated with
        # ("Romanian officials" -> "Hungarian" in "Hungarian and Romanian officials")
        linked = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
        for other_tok in linked:
            if other_tok.i not in seen:
                seen.add(other_tok.i)
                stack.append(other_tok)
                other = by_token.get(other_tok.i)
                if other is not None and all(other is not f for f in found):
                    found.append(other)
    return found


def _inherited_subject(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The subject of the nearest enclosing clause (xcomp, conj, gerund chains); for a
    non-finite trigger whose chain has no subject, the first subject-like actor before it.
    A chain whose subject is no known actor gives none: in "prosecutors said the cell
    planned to attack" the cell attacks, not the prosecutors."""
    found, subject_seen = _subject_up_the_tree(tok, by_token)
    if found is not None or subject_seen or tok.tag_ not in {"VBG", "VB", "VBN"}:
        return found
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.i in by_token and t.dep_ in {"nsubj", "poss", "attr", "nsubjpass"}:
            return by_token[t.i]
    return None


def _subject_up_the_tree(tok: Any, by_token: dict[int, Actor]) -> tuple[Actor | None, bool]:
    """The actor of the nearest enclosing clause's subject, and whether that clause names a
    subject of its own (one that is no known actor gives no actor)."""
    head = tok
    for _ in range(6):
        reporter = reporting_head(head)  # "X said Y hit A, and vowed": X vowed (language/speakers.py)
        if reporter is None and head.head.i == head.i:  # the root (spaCy makes a new Token at every access: no `is`)
            return None, False
        head = reporter if reporter is not None else head.head
        if head.lemma_.lower() in ACCUSING and first_child(head, OBJECTS) is not None:
            # "suspected Kataib Hezbollah of carrying out the attack": the accused acts.
            return actor_in(first_child(head, OBJECTS), by_token), True
        subj = first_child(head, {"nsubj", "csubj"})
        if subj is not None:
            # a pronoun ('announced that it is prepared to impose') or the trigger's own
            # phrase ('removing the sanctions is out of the question') names nobody new
            named = subj.pos_ != "PRON" and not (subj.left_edge.i <= tok.i <= subj.right_edge.i)
            return actor_in(subj, by_token), named
        poss = first_child(head, {"poss"})
        if poss is not None and head.pos_ == "NOUN":
            return actor_in(poss, by_token), True
    return None, False


def verb_args(tok: Any, by_token: dict[int, Actor]) -> tuple[Actor | None, Actor | None]:
    if tok.dep_ == "acl" and (tok.tag_ == "VBN" or tok.tag_ == "VBD" and first_child(tok, {"nsubj"}) is None):
        # Reduced passive: "the American killed in the attack" - the head noun is the patient
        # (the parser tags some of these participles VBD: "the 52 Americans taken hostage");
        # but in "Iranian action carried out from Iranian soil" the head is the act itself.
        agent = actor_in(prep_object(tok, {"by"}), by_token)
        if tok.head.lemma_.lower() in EVENT_NOUNS | INSTRUMENTS | {"action", "operation"}:
            return agent or actor_in(tok.head, by_token), None
        return agent, actor_in(tok.head, by_token)
    passive = first_child(tok, {"nsubjpass"})
    if passive is None and tok.dep_ == "conj" and tok.tag_ == "VBN" and first_child(tok, {"nsubj"}) is None:
        passive = first_child(tok.head, {"nsubjpass"})  # "was shot and killed by police": one passive
    if passive is not None and tok.lemma_.lower() in STATIVE_PASSIVES and prep_object(tok, {"by"}) is None:
        # "Israel is opposed to French mediation": a state of the subject, not done to it
        return actor_in(passive, by_token), actor_in(prep_object(tok, {"to"}), by_token)
    if passive is not None:
        source = actor_in(prep_object(tok, {"by"}) or _shared_agent(tok), by_token) or victim_source(tok, by_token)
        target = actor_in(passive, by_token)
        return source, target
    if tok.lemma_.lower() in PATIENT_SUBJECT_VERBS:  # "X died in a US strike": X is the victim
        return cause_author(tok, by_token), actor_in(first_child(tok, {"nsubj"}), by_token)
    subj = first_child(tok, {"nsubj", "csubj"})
    source = actor_in(subj, by_token) if subj is not None else _inherited_subject(tok, by_token)
    if source is None and subj is not None and subj.lower_ in PRONOUNS and tok.dep_ == "ccomp":
        source = actor_in(first_child(tok.head, {"nsubj"}), by_token)  # "Iran said they had fired"
    if subj is not None and source is None and subj.dep_ == "nsubj" and subj.tag_ == "WDT":
        source = actor_in(tok.head.head if tok.dep_ == "relcl" else None, by_token)
    target = _verb_target(tok, by_token)
    if target is None:
        target = _antecedent(first_child(tok, {"dobj"}), source, by_token)
    return source, target


# Object pronouns read back to a person or group named before them in the sentence.
SINGULAR_PRONOUNS = frozenset({"him", "her"})
PLURAL_PRONOUNS = frozenset({"them"})


def _antecedent(pronoun: Any | None, source: Actor | None, by_token: dict[int, Actor]) -> Actor | None:
    """Whom an object pronoun stands for in a single sentence: the nearest actor before it, not the
    verb's own source, that is a person ('him', 'her') or named by a plural noun ('them'), so not
    a place ('seized 15 sailors in the Gulf, accusing them of ...': the sailors)."""
    if pronoun is None or pronoun.lower_ not in SINGULAR_PRONOUNS | PLURAL_PRONOUNS:
        return None
    plural = pronoun.lower_ in PLURAL_PRONOUNS
    for tok in reversed(pronoun.sent[: pronoun.i - pronoun.sent.start]):
        actor = by_token.get(tok.i)
        if actor is None or actor is source or tok.head.i in by_token and by_token[tok.head.i] is actor:
            continue  # only the head word of each mention
        if source is not None and actor.code == source.code:
            continue
        if plural and tok.tag_ in {"NNS", "NNPS"} or not plural and actor.kind == "person":
            return actor
    return None


def _shared_agent(tok: Any) -> Any | None:
    """The agent of a passive participle coordinated with ``tok`` that has no subject of its own:
    "was shot and killed by police" names the police as the one who shot too."""
    for c in tok.children:
        if c.dep_ == "conj" and c.tag_ == "VBN" and first_child(c, {"nsubj", "nsubjpass"}) is None:
            return prep_object(c, {"by"})
    return None


def _verb_target(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The recipient of a verb event, most direct first: its object or dative; a target
    preposition ("at", "on", "to", "for", "from"); the object's own ("aid to X", "strikes on
    X"); the action it governs ("agreed to provide aid to X"); last, where it went ("in X")."""
    objs = [c for c in tok.children if c.dep_ in OBJECTS]
    for obj in objs:
        if obj.lemma_.lower() not in INSTRUMENTS:
            found = actor_in(obj, by_token)
            if found is not None:
                return found
    for preps in (TARGET_PREPS, SECONDARY_PREPS):
        found = actor_in(prep_object(tok, preps), by_token)
        if found is not None:
            return found
        for obj in objs:
            found = actor_in(prep_object(obj, preps), by_token)
            if found is not None:
                return found
    for obj in objs:
        if obj.lemma_.lower() in INSTRUMENTS and any(c.dep_ == "poss" and c.lower_ in OWNERS for c in obj.children):
            continue  # "strengthened its forces (in Lebanon)": the actor's own means
        found = actor_in(obj, by_token)
        if found is not None:
            return found
    for child in tok.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            found = _verb_target(child, by_token)
            if found is not None:
                return found
    return actor_in(prep_object(tok, PLACE_PREPS), by_token)


def noun_args(tok: Any, by_token: dict[int, Actor]) -> tuple[Actor | None, Actor | None]:
    """Arguments of an event noun: 'X's attack on Y', 'the killing of Y by X', 'US sanctions'."""
    poss = first_child(tok, {"poss"})
    of = prep_object(tok, {"of"})
    by = prep_object(tok, {"by"})
    on = prep_object(tok, TARGET_PREPS | {"from"})
    modifier = next((c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}
                     and c.i in by_token), None)
    source = actor_in(by, by_token)
    target = actor_in(on, by_token)
    if poss is not None:
        actor = actor_in(poss, by_token)
        if of is not None or by is not None or tok.lemma_.lower() in PATIENT_NOUNS:
            target = target or actor
        else:
            source = source or actor
    if of is not None:
        target = target or actor_in(of, by_token)
    if source is None and modifier is not None:
        source = by_token[modifier.i]
    if source is None and tok.dep_ in OBJECTS and tok.head.pos_ == "VERB":
        source = actor_in(first_child(tok.head, {"nsubj"}), by_token)  # "X announced sanctions on Y"
    if source is None and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB" \
            and tok.lemma_.lower() in STANCE_NOUNS:
        source = actor_in(first_child(tok.head.head, {"nsubj"}), by_token)  # "X went on strike in protest at Y"
    return source, target


OPENING, CLOSING, STRAIGHT = "\u201c", "\u201d", '"'  # single quotes are also apostrophes: not read


def quoted(tok: Any) -> bool:
    """Is the token inside a quotation: after an opening quotation mark of its sentence that is
    not closed before it, or before a closing one that was not opened in the sentence (a quote
    that began in a sentence before)? Straight double quotes count by parity."""
    sent = tok.sent
    before = [t.text for t in sent[: tok.i - sent.start] if t.text in (OPENING, CLOSING, STRAIGHT)]
    if before.count(STRAIGHT) % 2:
        return True
    curly = [q for q in before if q != STRAIGHT]
    if curly:
        return curly[-1] == OPENING
    after = (t.text for t in sent[tok.i - sent.start + 1:])
    return next((q for q in after if q in (OPENING, CLOSING)), "") == CLOSING


def is_person(tok: Any) -> bool:
    """Does the phrase headed by ``tok`` name a person or people (see PEOPLE_NOUNS)? A name the
    actor and place tables do not know counts: the argument of such a verb is mostly a person."""
    pronouns = SUBJECT_PRONOUNS if tok.dep_ in {"nsubj", "nsubjpass"} else OBJECT_PRONOUNS
    if tok.lower_ in pronouns or tok.pos_ == "PROPN" or tok.ent_type_ in {"PERSON", "NORP"}:
        return True
    if tok.pos_ == "NUM" or tok.ent_type_ == "CARDINAL" and tok.pos_ == "NOUN":
        return True  # "two were killed", "hundreds were wounded"
    return tok.lemma_.lower() in PEOPLE_NOUNS or tok.lower_ in PEOPLE_NOUNS


def embedded_target(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The target of the action a threat is about: 'threatened to strike Iranian sites'; else
    the one the threat's condition is put to: 'threatened to launch an offensive unless
    Baghdad accepted', 'will boycott the elections unless the president steps down'."""
    for child in tok.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            _, target = verb_args(child, by_token)
            if target is not None:
                return target
    for clause in (tok, *(c for c in tok.children if c.dep_ in {"xcomp", "ccomp"})):
        for cond in (c for c in clause.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in {"unless", "if"} for m in cond.children):
                found = actor_in(first_child(cond, {"nsubj", "nsubjpass"}), by_token)
                if found is not None:
                    return found
    return None


def addressee(carrier: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Whom a demand noun is addressed to: "a reminder to Iraq", "issued a demand to Iraq"."""
    for tok in (carrier, carrier.head):
        for prep in (c for c in tok.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"):
            found = actor_in(first_child(prep, {"pobj"}), by_token)
            if found is not None:
                return found
    return None


def speaker(carrier: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Who makes a demand: the subject of the speaking verb, or the owner of the demand noun
    ("the ILO's demand"), else the subject of the verb it hangs under ("X reiterated its demand")."""
    tok = carrier
    for _ in range(4):
        for dep in ("nsubj", "poss"):
            found = actor_in(first_child(tok, {dep}), by_token)
            if found is not None:
                return found
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _circumstance(verb: Any, actor: Actor) -> bool:
    """Does the actor lie in a prepositional phrase of the verb ('detained at a Greek port')?"""
    return any(p.left_edge.idx <= actor.start < p.right_edge.idx + len(p.right_edge)
               for p in verb.children if p.dep_ == "prep")


def clause_actors(verb: Any, sent: Any, actors: tuple[Actor, ...], *, strict: bool = False,
                  scenes: bool = True) -> tuple[Actor | None, Actor | None]:
    """Source and target for a sentence-level event: the clause's subject and object actors,
    else (unless ``strict``) the sentence's first actor and the next one with another code; not
    an actor in the prepositions of a passive with no agent ('he was detained at a Greek port').
    With ``scenes`` false, that next actor is no target when it is only the place an active
    clause's act happened ('marched through the streets of Izmir', :func:`_setting`)."""
    inside = starting_in(actors, sent.start_char, sent.end_char)
    # who tells of the act from after it ("..., the UN said") is no party to it (language/speakers.py)
    told_by = trailing_speakers(verb)
    inside = tuple(a for a in inside if not any(lo <= a.start < hi for lo, hi in told_by))
    if not inside:
        return None, None

    def actor_in(tok: Any | None) -> Actor | None:
        if tok is None:
            return None
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        return next((a for a in inside if lo <= a.start < hi), None)

    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children), None)
    obj = next((c for c in verb.children if c.dep_ in OBJECTS), None)
    prep = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in CLAUSE_TARGET_PREPS
                 for g in c.children if g.dep_ == "pobj"), None)
    if passive is not None:
        source, target = actor_in(agent), actor_in(passive)
    elif subj is not None and subj.lemma_.lower() in EVENT_NOUNS:
        # "A rocket attack on the base killed ...": what the attack hit is no source
        source, target = None, actor_in(obj) or actor_in(prep)
    else:
        source, target = actor_in(subj), actor_in(obj) or actor_in(prep)
    if strict and source is None:
        return None, None
    if source is None and target is None and not (passive is not None and _circumstance(verb, inside[0])):
        source = inside[0]
    if target is None:
        # the next actor with another code, but not one coordinated with the subject: "the US
        # and Jordan agreed" has two actors and no target
        lo, hi = (subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)) if subj is not None else (0, 0)
        target = next((a for a in inside if a is not source and a.code != (source.code if source else None)
                       and (source is None or a.start > source.start) and not lo <= a.start < hi), None)
        if target is not None and not scenes and passive is None and _setting(target, sent):
            target = None  # "marched through Ankara": the scene, and no one after it is the target
    if source is not None and target is not None and source.code == target.code:
        target = None
    return source, target


# Prepositions of where an act happens ("in", "through the streets of", "outside"): a place named
# in one is the scene, not the one the act is done to.
SETTING_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout",
                           "through", "along", "within", "on", "into", "toward", "towards"})
NAME_MODIFIERS = frozenset({"compound", "amod", "nmod", "appos", "conj"})  # climbed to the phrase's noun
PLACE_SECTORS = frozenset({"GOV", "CVL"})  # a capital reads as its government, a town noun as civilians


def _setting(actor: Actor, sent: Any) -> bool:
    """Is the actor only a place named as the scene of the sentence's act: a country, capital,
    city or region (no person, organisation or group sector of its own) in a locative phrase,
    directly or through 'of' ("in Rotterdam", "through the streets of Izmir")?"""
    if actor.name is not None or actor.kind != "state" or actor.sector not in PLACE_SECTORS | {None}:
        return False
    span = sent.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or span.root.pos_ != "PROPN" and span.root.ent_type_ not in {"GPE", "LOC"} \
            or span.root.lower_ in FACILITIES:
        return False  # "outside the U.S. Embassy": a state's building stands for the state
    # "in Manila's financial district", "through the streets of Izmir", "in the Kandy hills"
    return in_phrase(span.root, SETTING_PREPS, climb=NAME_MODIFIERS)
