"""A verb's sense decided by the kind of its arguments, as the CAMEO codebook's definitions
separate them: moving people out of their homes is expelling them (174), not sending a
message (040); a clash between governments is a quarrel (110), between forces a fight (190);
inviting someone to do something is a request (020), inviting them to talks a meeting (04x).

Each function returns the code of the other sense, or None where the lexicon's code stands.
"""
from __future__ import annotations

from typing import Any

from ..model import Actor
from .arguments import ARMED_NOUNS, ARMED_SECTORS
from .grammar import PEOPLE_NOUNS

# Verbs of moving something somewhere: with people as what is moved, a displacement.
MOVING = frozenset({"send", "transfer", "bus", "relocate", "move", "ship", "truck"})
# Nouns for a civilian population (CAMEO 174, "expel or deport individuals").
POPULATION = frozenset({"people", "resident", "local", "civilian", "refugee", "migrant", "inhabitant",
                        "family", "villager", "population", "asylum-seeker", "deportee", "detainee",
                        "prisoner", "evacuee", "displaced"})
# Verbs with a military and a verbal sense ("troops clashed", "ministers clashed").
CONFRONTING = frozenset({"clash"})
# Sectors and nouns that make a clash a fight, or a riot (events.RIOTING_SECTORS).
FIGHTING_SECTORS = ARMED_SECTORS | {"OPP"}
FIGHTERS = ARMED_NOUNS | {"protester", "demonstrator", "rioter", "mob", "crowd"}
# Verbs of inviting: with an action to do (an infinitive), a request.
INVITING = frozenset({"invite"})
# Acts one is invited to that are themselves meetings: 'invited him to visit' stays 04x.
MEETING = frozenset({"visit", "meet", "attend", "talk", "join", "come", "negotiate", "discuss", "take"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
BATTLE_PLACES = frozenset({"border", "frontier", "front", "street", "checkpoint", "outskirts"})


def displacement(verb: Any) -> str | None:
    """'sending the residents to camps': a verb of moving whose direct object (or what it is a
    part of: 'most of the locals') is a civilian population is an expulsion, 174."""
    if verb.lemma_.lower() not in MOVING:
        return None
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
        heads = [obj] + [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj"]
        if any(h.lemma_.lower() in POPULATION or h.lower_ in POPULATION for h in heads):
            return "174"
    return None


def verbal_clash(verb: Any, source: Actor | None, target: Actor | None) -> str | None:
    """'X clashed with its neighbours over Y': a clash with no armed actor or fighters on
    either side and no place it happened at is a verbal quarrel (110, disapprove), not
    military force ('troops clashed with rebels', 'clashed along the border' stay 190)."""
    if verb.lemma_.lower() not in CONFRONTING:
        return None
    if any(a is not None and a.sector in FIGHTING_SECTORS for a in (source, target)):
        return None
    sides = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if pobj.ent_type_ in PLACE_ENTITIES or pobj.lemma_.lower() in BATTLE_PLACES:
                return None
            sides.append(pobj)
    if any(t.lemma_.lower() in FIGHTERS or t.lower_ in FIGHTERS for s in sides for t in s.subtree):
        return None
    return "110"


def invited_to_act(verb: Any) -> str | None:
    """'invited the agency to carry out an inspection': an invitation to do an act (an
    infinitive complement with its own verb) is a request, 020."""
    if verb.lemma_.lower() not in INVITING:
        return None
    if any(c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {"VERB", "AUX"} and c.lemma_.lower() not in MEETING
           for c in verb.children):
        return "020"
    return None



# Verbs of harming people whose bare code is military force (verbs.tsv): with nobody named as
# the author, and no weapon or battle of an army in the clause, unconventional violence.
HARMING = frozenset({"kill", "injure", "wound", "murder", "shoot"})
# Means and settings of conventional force (CAMEO 19: "conventional military force").
WARFARE = frozenset({"airstrike", "strike", "air", "raid", "shell", "shelling", "missile", "rocket",
                     "artillery", "bombardment", "tank", "mortar", "fighting", "clash", "battle",
                     "offensive", "war", "combat", "crossfire", "gunfire", "jet", "warplane", "drone",
                     "helicopter", "coalition", "regime", "guard", "sniper", "soldier"})


def unconventional(verb: Any, source: Actor | None, code: str) -> str | None:
    """'at least forty people were killed and ninety injured': a killing or wounding whose
    author no actor names, with no armed men and no weapon or battle of an army in its
    clause, is unconventional violence (180), as the CAMEO codebook's 18 ("forms of violence
    which do not require high levels of military organization") against 19."""
    if code != "190" or source is not None or verb.lemma_.lower() not in HARMING:
        return None
    scope = list(verb.subtree)
    if verb.dep_ in {"conj", "relcl", "acl"}:  # its partner verb's clause; the noun it describes ('guards who shot')
        scope += [verb.head] + (list(verb.head.subtree) if verb.dep_ == "conj" else [])
    words = {t.lemma_.lower() for t in scope} | {t.lower_ for t in scope}
    if words & (WARFARE | FIGHTERS):
        return None
    return "180"


# Verbs of opposition, which CAMEO reads as disapproval (110) of an actor or a policy.
OPPOSING = frozenset({"oppose", "challenge", "dispute", "contest", "object"})
# What is put to someone to accept: opposing it is rejecting it (CAMEO 12, "reject ...
# proposal, plan, demand, request, ... claims").
PROPOSALS = frozenset({"plan", "proposal", "timetable", "offer", "deal", "initiative", "resolution", "draft",
                       "demand", "request", "claim", "assertion", "allegation", "roadmap", "scheme",
                       "suggestion", "ultimatum", "terms", "bid", "agreement", "accord", "treaty"})


def rejection(verb: Any, code: str) -> str | None:
    """'opposed the timetable', 'are opposed to the plan', 'challenged its assertion that ...':
    disapproval (11) whose object is a proposal, a demand or a claim put to the actor is a
    rejection, 120."""
    if not code.startswith("11") or verb.lemma_.lower() not in OPPOSING:
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    objects += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"
                for g in p.children if g.dep_ == "pobj"]
    if any(o.lemma_.lower() in PROPOSALS or o.lower_ in PROPOSALS for o in objects):
        return "120"
    return None


CAPTIVES = PEOPLE_NOUNS | ARMED_NOUNS | {"leader", "suspect", "general", "hostage", "militant"}
# Verbs of taking that hold a person when a person is taken (CAMEO 173, arrest or detain).
TAKING = frozenset({"capture", "seize"})


def detention(verb: Any) -> str | None:
    """'captured the rebel commander': taking a person (a name of a person, or a noun for
    people: fighters, commanders, journalists) is detaining them, 173; taking a town is not."""
    if verb.lemma_.lower() not in TAKING:
        return None
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}):
        lemma = obj.lemma_.lower()
        if obj.ent_type_ == "PERSON" or obj.ent_type_ not in PLACE_ENTITIES and lemma in CAPTIVES:
            return "173"
    return None
