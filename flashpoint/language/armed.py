"""Armed violence with nobody of the actor tables named: who fights and with what.

:func:`anonymous_violence` says whether a verb of material conflict with no known actor still
reports an act (a person, people, an attack or a weapon did or suffered it, or it was done to a
place, a building or a vehicle by someone unnamed or by fighters); :func:`armed_subject`
whether the one who does a verb is an armed actor; :func:`is_weapon` whether a phrase names a
weapon or an attack. Used by the events stage, the gate and :mod:`flashpoint.language.blasts`;
split from :mod:`flashpoint.language.arguments`, whose readers they call.
"""
from __future__ import annotations

from typing import Any

from ..model import Actor
from .arguments import is_person, quoted, verb_args
from .grammar import ATTACK_CAUSES, CLAUSAL, FACILITIES, OBJECTS, PLACE_LABELS, attack_causes, first_child
from .place_attachment import PLACE_WORDS


SPEAKERS = frozenset({"i", "we", "me", "us", "my", "our", "you", "your"})


def _first_person(sent: Any) -> bool:
    """Does the sentence speak in the first or second person (a witness's own story)?"""
    return any(t.lower_ in SPEAKERS for t in sent)


def _imperative(tok: Any) -> bool:
    """'Kick him out': a bare verb that heads its sentence with no subject."""
    return tok.dep_ == "ROOT" and tok.tag_ == "VB" and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children)


# The arguments of a verb that may name who did or suffered it, and the attack or weapon nouns
# that may stand as one: not "fire" or "car", as often accidents as attacks ("a fire destroyed
# the market").
PARTIES = frozenset({"nsubj", "nsubjpass", "dobj"})
WEAPONS = ATTACK_CAUSES - {"fire", "car"}
# A vehicle is a weapon when a word of its phrase says it carries explosives ("a booby-trapped
# car", "an explosive-laden truck", "a car rigged with explosives").
VEHICLES = frozenset({"car", "vehicle", "truck", "van", "lorry", "motorcycle", "motorbike", "bicycle", "wagon"})
ARMING = ("booby", "trap", "laden", "rigged", "explosive", "bomb")
# Verbs of a blast: a vehicle that blew up was a car bomb ("a car parked near the station detonated").
BLASTS = frozenset({"detonate", "explode"})
# What else an act of force is done to: a place, a building, a vehicle ('the village was bombed',
# 'a bridge was destroyed', 'his plane was shot down'). A film, prices, a title or attention is
# another sense of the verb ('the film was shot', 'prices shot up', 'captured attention').
PATIENTS = frozenset({"dobj", "nsubjpass"})
STRUCTURES = frozenset((PLACE_WORDS - {"agency", "state", "bank", "border", "zone"}) | FACILITIES | VEHICLES | {
    "home", "house", "building", "tunnel", "hillside", "lounge", "office", "shop", "store", "plane",
    "aircraft", "airliner", "jet", "helicopter", "ship", "boat", "vessel", "tanker", "bus", "train", "convoy",
    "firebase", "hamlet", "outpost", "barracks", "bunker", "fort", "town", "city", "neighbourhood", "settlement"})
# Verbs whose object is the means, not the one harmed: 'burnt-out cars were used as a barricade'.
USING = frozenset({"use", "employ", "utilize", "utilise", "deploy", "send", "dispatch", "mobilize", "mobilise"})
# Craft of war a doer may be named by: 'warplanes bombed the hillside'. Not a plane, a jet or a
# helicopter, which also crash ('a plane hit a mountain').
CRAFT = frozenset({"warplane", "gunship", "bomber", "warship", "gunboat"})
# Words of a part that pass to their 'of' object: 'much of the village was destroyed'.
PORTIONS = frozenset({"much", "part", "parts", "most", "half", "rest", "all", "some"})
# Prepositions of the ground a patrol covers: 'patrolling in the North Sea', 'along the border'.
PATROLLED = frozenset({"in", "on", "over", "along", "across", "around", "through", "near", "outside"})


def anonymous_violence(tok: Any, *, show_of_force: bool = False) -> bool:
    """Does a verb of material conflict (protest, force, coercion, violence) with no actor of the
    tables in its clause still report an act? It does when it names a person or people who did
    or suffered it (a pronoun of the third person, a person's or a people's name, a number, a
    noun for people: 'a man was shot', 'he was captured', 'two others were wounded', 'gunmen
    killed a driver', 'villagers protested'), or an attack or a weapon that did it ('a roadside
    bomb detonated', 'a bomb was detonated', 'killed in a blast'); a verb coordinated with
    another shares its arguments ('a man was shot and wounded'). It does too when what it was done
    to is a place, a building or a vehicle and the doer is unnamed or fighters or their craft ('the
    bridge was destroyed', 'his plane was shot down', 'warplanes bombed the hillside'; not 'a fire
    destroyed the market', 'the film was shot', 'prices shot up'). The news reports such acts with
    the author unknown; the gate still drops the deaths of a disaster or an accident. Not a verb
    that only names an act as a topic ('Killing her had been a priority') or bids it ('Kick him
    out'), nor one inside a quotation of a sentence in the first or second person: with nobody
    named, that is a witness's own story ('"Every time I sent people they were killed'); a source
    quoted on the facts stays ('"A roadside bomb detonated near the park," the source said').
    With ``show_of_force`` (the verb's row is CAMEO 150, patrolling), a place, a building or a
    vehicle patrolled is enough, whoever patrols (:func:`_patrols_place`)."""
    if tok.dep_ in {"csubj", "csubjpass"} or _imperative(tok) or quoted(tok) and _first_person(tok.sent):
        return False
    if any(c.lemma_.lower() in WEAPONS for c in attack_causes(tok)):
        return True
    if show_of_force and _patrols_place(tok):
        return True
    verbs = [tok, tok.head] if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"} else [tok]
    # a verb whose object its conjunct takes: 'killing and wounding dozens of villagers'
    verbs += [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB" and first_child(c, {"nsubj"}) is None]
    args = [c for v in verbs for c in v.children if c.dep_ in PARTIES]
    args += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]  # 'by guards'
    if any(is_weapon(arg, blast=tok.lemma_.lower() in BLASTS) or is_person(arg) or _named(arg) for arg in args):
        return True
    if _doer_unnamed(verbs) and any(is_person(arg) or _named(arg) or _struck(arg) and tok.lemma_.lower() not in USING
                                    for arg in _patients(tok, verbs)):
        return True
    # a weapon that a participle describes did it: 'the first bomb, detonated in the district,
    # wounded ...', and 'a car bomb detonated outside ...' when the parse reads the verb so
    return tok.dep_ == "acl" and is_weapon(tok.head, blast=tok.lemma_.lower() in BLASTS)


# Deaths reported with the attack that caused them ('fatal_attack').
DEATHS = frozenset({"die", "perish"})
WHEN = frozenset({"when", "after", "as"})


def fatal_attack(tok: Any) -> bool:
    """Is a death told with the attack or weapon that caused it, in a clause of time or a phrase:
    'five people died when a car bomb exploded', 'died after a bomb attack on the market', 'four
    died when militants threw a grenade'? Then it reports violence whoever did it; a death with
    no such cause ('died in hospital', 'died of wounds') does not."""
    if tok.lemma_.lower() not in DEATHS:
        return False
    # a clause the parse hung on a coordinated verb is shared: 'five died and 20 were wounded when ...'
    for child in (c for v in (tok, *tok.conjuncts) for c in v.children):
        if child.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in WHEN for m in child.children):
            if child.lemma_.lower() in BLASTS or any(t.lemma_.lower() in WEAPONS for t in child.subtree):
                return True
        if child.dep_ == "prep" and child.lower_ in {"after", "in", "during"} \
                and any(g.lemma_.lower() in WEAPONS for g in child.subtree):
            return True
    return False


def _patrols_place(tok: Any) -> bool:
    """A show of force (CAMEO 150, patrolling) over a place, a building or a vehicle is an act
    whoever does it: only people and their craft patrol ('teams are patrolling the X districts',
    'the submarine was patrolling in the North Sea')."""
    args = [c for c in tok.children if c.dep_ in PATIENTS]
    args += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in PATROLLED for g in c.children
             if g.dep_ == "pobj"]
    return any(_struck(arg) for arg in args)


def _patients(tok: Any, verbs: list[Any]) -> list[Any]:
    """Those a verb's act is done to: its object or passive subject (a coordinated verb's too),
    the noun a passive participle describes, and the subject of a passive it completes ('the guard was found murdered', 'he is believed to
    have been killed'; not 'sending them to die': the purpose of a sending)."""
    found = [c for v in verbs for c in v.children if c.dep_ in PATIENTS]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        found.append(tok.head)  # 'a fighter captured in Kelmor': the noun a passive participle describes
    if tok.dep_ == "xcomp" and tok.head.pos_ == "VERB":
        found += [c for c in tok.head.children if c.dep_ == "nsubjpass"]
    return found


def _doer_unnamed(verbs: list[Any]) -> bool:
    """Is the doer left unnamed (a passive: 'the market was burned'), or named as fighters or
    their craft of war ('warplanes bombed the hillside')? A thing as the doer is an accident or another
    sense ('a fire destroyed the market', 'the storm hit the coast')."""
    subj = next((c for v in verbs for c in v.children if c.dep_ == "nsubj"), None)
    return subj is None or subj.lemma_.lower() in DOERS or subj.lower_ in DOERS


def _struck(tok: Any) -> bool:
    """Does the phrase headed by ``tok`` name a place, a building or a vehicle (STRUCTURES, or a
    place entity of the model), or a part of one ('much of the town')?"""
    if tok.ent_type_ in PLACE_LABELS or tok.lemma_.lower() in STRUCTURES or tok.lower_ in STRUCTURES:
        return True
    if tok.lower_ in PORTIONS:
        return any(g.dep_ == "pobj" and _struck(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children)
    return False


def _named(tok: Any) -> bool:
    """A person the small model did not read as a name: a noun restated by a name in apposition
    ('a painter, Ravi Kumar, was shot'), or, as the one who suffered a passive, a capitalised
    singular noun with no determiner or modifier, an unknown surname it tagged as a common noun
    ('Dorlan was shot outside his office'; not a doer: 'Fire destroyed the market')."""
    if any(c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in tok.children):
        return True
    return tok.dep_ == "nsubjpass" and tok.tag_ == "NN" and tok.is_title and not any(
        c.dep_ in {"det", "amod", "compound", "poss", "nummod"} for c in tok.children)


# Armed actors: the sectors of the actor tables, and the common nouns of those who fight or
# what they fight with ('gunmen', 'a convoy of tanks', 'the Syrian Arab Army').
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "UAF", "SPY", "IMG", "INS"})
ARMED_NOUNS = frozenset({
    "force", "troop", "army", "soldier", "militant", "fighter", "rebel", "insurgent", "militia",
    "militiaman", "gunman", "jihadist", "guerrilla", "terrorist", "brigade", "battalion", "regiment",
    "division", "unit", "tank", "convoy", "marine", "commando", "paratrooper", "infantry", "police",
    "policeman", "platoon", "squad", "legion", "guard", "armed"})
# Those named as the doer of an act on a place whose author the text leaves to fighters ('_doer_unnamed').
DOERS = ARMED_NOUNS | CRAFT


def armed_subject(verb: Any, by_token: dict[int, Actor]) -> bool:
    """Is the one who does ``verb`` an armed actor: an actor of ARMED_SECTORS (its own subject,
    or one it shares: 'attempted to enter the town') or a phrase naming fighters ('gunmen',
    'a convoy of Turkish Army tanks')? For an event noun, the one who does the verb it is the
    object of ('the brigades continued their advance')."""
    if verb.pos_ in {"NOUN", "PROPN"}:
        if verb.dep_ not in OBJECTS or verb.head.i == verb.i:
            return False
        verb = verb.head
    source, _ = verb_args(verb, by_token)
    if source is not None and source.sector in ARMED_SECTORS:
        return True
    subj = first_child(verb, {"nsubj"})
    while subj is None and verb.dep_ in {"conj", "xcomp"} and verb.head.i != verb.i:
        verb = verb.head
        subj = first_child(verb, {"nsubj"})
    return subj is not None and any(t.lemma_.lower() in ARMED_NOUNS or t.lower_ in ARMED_NOUNS
                                    for t in subj.subtree if t.dep_ not in CLAUSAL)


def is_weapon(tok: Any, *, blast: bool = False) -> bool:
    """Does the phrase headed by ``tok`` name a weapon or an attack (WEAPONS), or a vehicle
    carrying explosives? With ``blast`` (the verb is one of BLASTS), any vehicle that blew up
    counts: 'a car parked on the road detonated'."""
    lemma = tok.lemma_.lower()
    if lemma in WEAPONS:
        return True
    return lemma in VEHICLES and (blast or any(w in t.lower_ for t in tok.subtree if t.i != tok.i for w in ARMING))
