"""Grammar the stages share: closed word lists of the dependency reading and small walks
over a parsed token (a preposition's object, the attack that caused violence; the head token of
an event's trigger or an actor's mention).

Every list here is read by more than one stage or by the argument reader
(:mod:`flashpoint.language.arguments`); lists only one stage reads stay in that stage. They
stay in code, not in ``resources/``: each is a closed grammatical class (prepositions,
pronouns, dependency labels) or a short list a rule is written around, and a comment says which.
"""
from __future__ import annotations

from typing import Any

# Dependency labels of a verb's object.
OBJECTS = frozenset({"dobj", "obj", "attr", "dative"})
# Prepositions that introduce whom an action is aimed at ("fired at", "sanctions on", "aid to").
TARGET_PREPS = frozenset({"at", "on", "against", "to", "with", "into", "upon", "toward", "towards"})
# The wider set the classifier's clause reader takes a target from: it has no second pass over
# "for"/"from" (SECONDARY_PREPS) and no event-noun reading of "of", so they count at once.
# Narrowing it to TARGET_PREPS changes sentence-level events (kept apart on purpose).
CLAUSE_TARGET_PREPS = TARGET_PREPS | {"from", "for", "of"}
# Prepositions tried for a target only when no TARGET_PREPS phrase names one.
SECONDARY_PREPS = {"for", "from", "over"}
# Prepositions of where an action went: the last resort for a target ("deployed in X").
PLACE_PREPS = {"in", "between", "inside", "across"}
# Means of an action: as an object they are no target ("fired missiles at Y").
INSTRUMENTS = {"missile", "rocket", "drone", "mortar", "bomb", "shell", "weapon", "strike",
               "airstrike", "attack", "sanction", "pressure", "force", "troop", "aid", "assistance"}
# Places that house others: an attack on one hits those it houses.
FACILITIES = {"base", "bases", "embassy", "camp", "compound", "facility", "installation", "airport",
              "consulate", "headquarters", "site", "position", "outpost"}
# Verbs by which a facility houses someone ("bases housing US forces").
HOUSING = {"house", "host", "station", "hold", "shelter"}
# Event nouns whose possessor is the one it happens to: "Soleimani's killing".
PATIENT_NOUNS = {"killing", "assassination", "murder", "death", "arrest", "detention", "release",
                 "capture", "abduction", "execution", "kidnapping", "expulsion"}
# Personal pronouns that may stand for an actor named in the clause above.
PRONOUNS = {"he", "she", "it", "they", "we"}
# Nouns of the subject's own stance after "in" ("staged a strike in protest at Y").
STANCE_NOUNS = {"protest", "retaliation", "response", "revenge", "reprisal", "solidarity", "defiance"}
# Verbs whose subject suffers the event ("X died in the strike").
PATIENT_SUBJECT_VERBS = {"die", "perish"}
# Participles whose passive form states the subject's own stance or activity ("is opposed to", "is
# committed to", "is engaged in heavy combat with ..."): the subject acts.
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote", "resolve", "determine", "opposed", "committed",
                    "engage", "engaged"}
# Possessive pronouns: "its forces" are the actor's own means, "their leader" is no new actor.
OWNERS = {"its", "their", "his", "her", "our"}
# Verbs whose object is the one said to act ("suspected X of carrying out the attack").
ACCUSING = {"accuse", "suspect", "blame", "charge", "hold", "credit"}
# Nouns that name an event; their own prepositional arguments are no actor of the clause.
EVENT_NOUNS = {"attack", "strike", "airstrike", "raid", "bombing", "assault", "killing", "assassination",
               "offensive", "invasion", "shelling", "protest", "sanction"}


# Dependency labels of embedded clauses and conjuncts: not part of an argument's own phrase.
CLAUSAL = {"relcl", "advcl", "ccomp", "acl", "xcomp", "conj", "cc", "appos", "parataxis"}


def first_child(tok: Any, deps: set[str] | frozenset[str]) -> Any | None:
    """The first child of ``tok`` with one of the dependency labels ``deps``."""
    return next((c for c in tok.children if c.dep_ in deps), None)


def first_conjunct(tok: Any) -> Any:
    """The first of coordinated verbs, whose place in the sentence the others share."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def prep_object(tok: Any, preps: set[str] | frozenset[str]) -> Any | None:
    """The object of the first of ``tok``'s prepositions (or passive agent) in ``preps``."""
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            return first_child(c, {"pobj"})
    return None


# Nouns that name an attack or a weapon as what caused violence, and words of quantity before one.
ATTACK_CAUSES = frozenset(EVENT_NOUNS | INSTRUMENTS | {
    "bombardment", "ambush", "explosion", "blast", "device", "ied", "grenade", "mine", "landmine",
    "gunfire", "fire", "shooting", "suicide", "car"})


QUANTITIES = frozenset({"series", "wave", "spate", "string", "volley", "barrage"})

# Who may suffer or do violence though no actor table names them: people by a common noun, a
# pronoun or a number ("a man was shot", "he was captured", "two others were wounded"). Read
# by the events stage's anonymous violence (armed.anonymous_violence).
PEOPLE_NOUNS = frozenset({
    "people", "person", "man", "woman", "child", "boy", "girl", "teenager", "youth", "family",
    "brother", "sister", "son", "daughter", "father", "mother", "husband", "wife", "relative",
    "resident", "villager", "civilian", "citizen", "national", "member", "worker", "student",
    "teacher", "doctor", "nurse", "driver", "pilot", "passenger", "tourist", "farmer", "herder",
    "journalist", "reporter", "photographer", "cameraman", "priest", "monk", "cleric", "imam",
    "soldier", "officer", "policeman", "guard", "sentry", "trooper", "marine", "commander",
    "fighter", "militant", "gunman", "attacker", "assailant", "insurgent", "rebel", "sniper",
    "bomber", "suspect", "prisoner", "hostage", "captive", "victim", "leader", "official",
    "politician", "candidate", "activist", "protester", "demonstrator", "aide", "chief",
    "businessman", "contractor", "employee", "volunteer", "refugee", "migrant", "other", "another",
    "dozen", "hundred", "thousand", "dozens", "hundreds", "thousands", "guardsman", "guardsmen",
    "policemen", "servicemen", "tribesmen", "villagers", "mob", "crowd", "youths", "nationalist",
    "inmate", "detainee", "squad", "many", "most", "both", "rest", "some", "several", "all", "each", "few"})
# The third person only ("I", "we" and "you" are mostly a speaker's own story in a quote), and
# each in its own case: "her" is no subject ("let her fight" bids, it does not report).
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "who"})
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "whom"})


def attack_causes(verb: Any, *, subject: bool = False) -> list[Any]:
    """The attack or weapon nouns a violent verb gives as its cause: the object of its 'in', 'by'
    or 'during' ('killed in a U.S. air strike', 'wounded by an Iraqi mortar') and, with
    ``subject``, its subject ('a roadside bomb killed'); 'a series of rocket attacks' counts as
    the attacks. Shared by the attacker's search (arguments.py), anonymous violence (armed.py)
    and the locate stage's unidentified forces."""
    found = [c for c in verb.children if c.dep_ == "nsubj"] if subject else []
    for prep in (c for c in verb.children if c.dep_ in {"prep", "agent"} and c.lower_ in {"in", "by", "during"}):
        found += [g for g in prep.children if g.dep_ == "pobj"]
    causes = []
    for cause in found:
        if cause.lemma_.lower() in QUANTITIES:
            cause = next((g for p in cause.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"),
                         cause)
        if cause.lemma_.lower() in ATTACK_CAUSES:
            causes.append(cause)
    return causes


# Prepositions that set where something happens ("in Hong Kong", "near Samarra"): the locate
# stage reads an actor's country from a place in such a phrase.
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout"})
# The spaCy entity labels of places: countries, cities, states; other locations; buildings, airports.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The actor stage also takes "into" when it decides that a capital is a place, not its government
# ("arrived in Amman", "marched into Baghdad"); locate does not (a group that moved "into" a
# country is not of it). Kept apart because joining them changes events.
LOCATIVE_OR_GOAL = LOCATIVE | {"into"}


def in_phrase(tok: Any, preps: frozenset[str], *, climb: frozenset[str] = frozenset(),
              outside_of: bool = False) -> bool:
    """Is the token the object of one of ``preps``, directly, through 'of' ('near the town of
    Samarra') or as an owner ('in Iraq's Anbar province'), after climbing the dependency labels
    ``climb`` to the word it modifies; with ``outside_of``, 'outside of the city' counts too?"""
    if tok.dep_ == "poss":
        tok = tok.head
    for _ in range(4):
        if tok.dep_ in climb:
            tok = tok.head
            continue
        if tok.dep_ != "pobj":
            return False
        prep = tok.head
        if prep.lower_ in preps:
            return True
        if prep.lower_ != "of":
            return False
        if outside_of and prep.head.lower_ in preps:
            return True
        tok = prep.head
    return False


def span_head(parsed: Any, start: int, end: int) -> Any:
    """The root token of the characters ``start:end`` in the parse (widened to whole tokens), or None."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def trigger_token(event: Any, parsed: Any) -> Any:
    """The head token of an event's trigger in the parse, or None."""
    return span_head(parsed, event.trigger_start, event.trigger_start + len(event.trigger))


def mention_head(actor: Any, parsed: Any) -> Any:
    """The head token of an actor's mention in the parse, or None."""
    return span_head(parsed, actor.start, actor.end)
