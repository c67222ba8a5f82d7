"""Disasters, accidents and fires: violence that nobody did (the gate stage's ``mishap`` check,
:mod:`flashpoint.stages.gate`).

The issue's rule: a political event needs an actor that acts; natural phenomena, accidents,
fires and objects are not sources of ASSAULT unless the text calls it an attack. The gate's
``unattributed`` check reads the trigger's own subject and the sentence's words; this module
reads the cause the clause gives in three more places the news puts it:

- the subject a participle or a coordinated verb shares with the verb it hangs on: 'a fire
  ripped through a factory, killing 14 workers', 'lightning struck a school, injuring 11';
- the trigger's own subject or cause when it is a fire, the word of both a blaze and of shooting,
  or an illness: 'the fire killed three firefighters', 'cholera has killed 300', 'killed in a fire
  at a market' are no attack; 'sniper fire', 'fire from the tanks', or a sentence that names an
  attack, a weapon or fighters are shooting; and a thing as the subject ('heaters, which killed
  two children': a relative pronoun stands for its noun). A disaster as the subject of a verb of
  damage ('the fire destroyed ten houses') is left to the gate's ``unattributed`` check: taking
  it cost the event-location check half one place, where such acts are annotated as events;
- a clause of time that tells what happened: 'killed when the roof collapsed', 'when two trains
  collided', 'after lightning struck their hut', 'when a gas pipe exploded'; not 'when gunmen
  opened fire', 'when a car bomb exploded' (a person, an armed actor or a weapon did it).
"""
from __future__ import annotations

from typing import Any

from ..model import Event
from .arguments import is_person
from .blasts import BLAST_WORDS, EXPLICIT, FIGHTERS, WEAPON_CUES, accident_word, lemma
from .countable import VIOLENCE
from .grammar import EVENT_NOUNS

# Disasters and accidents: violence caused by these has no political author (also the gate's
# 'unattributed' check's list; 'tank' is there for a gas tank, not here, where a state's tanks fight).
MISHAPS = frozenset({"earthquake", "quake", "flood", "flooding", "storm", "hurricane", "typhoon",
                     "cyclone", "tornado", "tsunami", "landslide", "mudslide", "avalanche",
                     "drought", "wildfire", "blaze", "heatwave", "lightning", "eruption",
                     "volcano", "stampede", "crush", "crash", "collision", "accident", "derailment",
                     "leak", "tank", "boiler", "disease", "virus", "outbreak", "epidemic"})
# More causes that no one acts through: illness, the weather, a blaze.
CAUSES = (MISHAPS - {"tank"}) | {"fire", "flame", "smoke", "cholera", "ebola", "measles", "malaria", "pandemic",
                    "covid", "coronavirus", "famine", "rain", "snow", "wind", "heat", "cold"}
# Things that fall, collide or break: a cause as the doer of a verb ('a wall collapsed on them',
# 'hit by a train'), not as a place ('killed in a building').
# Not craft a state's forces fight with ('US planes bombed a wedding'), nor a car (a car bomb).
THINGS = frozenset({"roof", "wall", "ceiling", "building", "bridge", "stage", "tree", "rubble", "shaft",
                    "dam", "train", "bus", "minibus", "ferry", "pipe", "cylinder", "stove", "heater", "candle",
                    "cigarette", "circuit", "wiring"})
# Verbs of an accident: what they tell of ('the roof collapsed', 'two trains collided') is no act.
ACCIDENT_VERBS = frozenset({"collapse", "collide", "capsize", "derail", "overturn", "crash", "sink",
                            "topple", "cave", "burst", "plunge", "drown", "erupt", "flood"})
# Marks of a clause of time that gives the cause of a death or an injury.
WHEN = frozenset({"when", "after", "as"})
# Words of a fire that is shooting: 'sniper fire', 'artillery fire', 'heavy fire'.
SHOOTING = WEAPON_CUES | FIGHTERS | {"gun", "gunfire", "artillery", "sniper", "machine", "machine-gun", "small",
                                     "arm", "hostile", "enemy", "friendly", "return", "cross", "live", "heavy",
                                     "tank", "cannon", "army", "police"}
# Words that call it an attack: attacks, weapons and those who fight (not the police or the
# army, who speak of accidents too, nor a blast, which blasts.py judges).
ATTACK_WORDS = (EVENT_NOUNS - {"protest", "sanction", "killing"}) | WEAPON_CUES | FIGHTERS | EXPLICIT | {
    "shooting", "gunfire", "ambush", "assailant", "arsonist", "arson", "explosive", "bullet", "gun", "sniper",
    "terrorism"}
# Verbs of an attack, in any form: 'bombed a ferry, causing a fire which killed', 'after herders
# invaded the area'.
ATTACK_VERBS = frozenset({"attack", "invade", "storm", "raid", "bomb", "shell", "shoot", "ambush", "assault",
                          "overrun", "torch", "snipe", "behead", "massacre", "kidnap", "abduct", "detonate"})
RELATIVE = frozenset({"which", "that"})
# Verbs of harm to people: a fire or an illness that kills or injures is no attacker.
HARM = frozenset({"kill", "injure", "wound", "hurt", "maim"})


def mishap(event: Event, tok: Any, seen: Any) -> bool:
    """Violence (CAMEO 18-20) with no author that can act, whose cause the clause gives as a
    disaster, an accident or a fire (see the module's docstring)."""
    if event.cameo[:2] not in VIOLENCE or _acts(event.source, seen.parse):
        return False
    sentence = tok.sent
    if any((lemma(t) in ATTACK_WORDS or t.lower_ in ATTACK_WORDS) and t.pos_ in {"NOUN", "PROPN"}
           or lemma(t) in ATTACK_VERBS for t in sentence):
        return False  # the text names an attack, a weapon or fighters
    chain, subjects = _subjects(tok)
    if any(is_person(c) and c.pos_ != "NUM" and not _cause(c, things=True) for c in subjects):
        return False  # 'two men detonated a camera, killing X': people did it ('50 injured' is a misparse)
    blew = next((v for v in chain[1:] if lemma(v) in BLAST_WORDS), None)
    if blew is not None:  # 'a fuel tanker exploded, killing four'
        return _accident_blast(chain[-1])  # the words of the whole clause it hangs on
    own = len(chain) == 1 and lemma(tok) not in HARM  # 'the fire destroyed ...' is 'unattributed''s to judge
    if any(_thing(c) if own else _cause(c, things=True) for c in subjects):
        return True
    if any(_cause(c) for c in _means(tok)):
        return True
    return any(_accidental(clause) for clause in _when_clauses(tok))


def _acts(source: Any, parsed: Any) -> bool:
    """Is the source an actor that acts: a mention whose head is no cause of a mishap, or, with a
    country, no disaster ('Indian trains' may be a state's)?"""
    if source is None or source.kind == "unidentified":
        return False
    span = parsed.char_span(source.start, source.end, alignment_mode="expand")
    return span is None or not _cause(span.root, things=source.country is None)


def _cause(noun: Any, *, things: bool = False) -> bool:
    """Is the noun a disaster, an accident, an illness, the weather or a blaze (CAUSES), or, with
    ``things``, a thing that falls, collides or breaks (THINGS)?"""
    words = _words(noun)
    if "fire" in words:
        return _blaze(noun)
    return bool(words & (CAUSES | THINGS if things else CAUSES))


def _thing(noun: Any) -> bool:
    return bool(_words(noun) & THINGS)


def _words(noun: Any) -> set[str]:
    """A noun as its lemma, its word and its word without a plural 's' (the small model's lemmas
    miss some plurals)."""
    return {lemma(noun), noun.lower_, noun.lower_.rstrip("s")}


def _blaze(tok: Any) -> bool:
    """Is this 'fire' a blaze: no word of shooting on it ('sniper fire', 'heavy fire'), no
    'from' or 'of' ('fire from the tanks'), and not the object of firing ('opened fire')?"""
    if tok.dep_ == "dobj" and lemma(tok.head) in {"open", "return", "exchange", "hold", "cease", "draw", "set"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"from", "of"} for c in tok.children):
        return False
    return not any(lemma(c) in SHOOTING or c.lower_ in SHOOTING for c in tok.children
                   if c.dep_ in {"compound", "amod", "nmod"})


def _subjects(tok: Any) -> tuple[list[Any], list[Any]]:
    """The verbs from the trigger up to the one whose subject its act has, and that subject: its
    own, or, for a participle or a coordinated verb with none, that of the verb it hangs on ('a
    fire ripped through the market, killing two'). A passive verb's subject suffered it: no doer."""
    verb, chain = tok, [tok]
    for _ in range(3):
        subjects = [verb.head if c.lower_ in RELATIVE and verb.dep_ == "relcl" else c
                    for c in verb.children if c.dep_ == "nsubj"]  # 'fires ..., which killed two'
        subjects += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subjects or verb.dep_ not in {"advcl", "conj"} or verb.head.i == verb.i:
            return chain, subjects
        if any(c.dep_ in {"mark", "nsubjpass"} for c in verb.children):
            return chain, []  # a clause of its own ('..., as they were killed')
        verb = verb.head
        chain.append(verb)
    return chain, []


def _means(tok: Any) -> list[Any]:
    """What the trigger says it was done in: 'killed in a fire', 'died in the floods' (what it
    was done by is a doer, :func:`_subjects`)."""
    return [g for p in tok.children if p.dep_ == "prep" and p.lower_ in {"in", "during"}
            for g in p.children if g.dep_ == "pobj"]


def _accident_blast(verb: Any) -> bool:
    """A blast told with a word of an industrial accident in its clause ('a gas pipe exploded', 'a
    fuel tanker exploded'); other blasts with nobody named are blasts.py's to judge."""
    return any(accident_word(t) for t in verb.subtree)


def _when_clauses(tok: Any) -> list[Any]:
    """The clauses of time on the trigger or a verb coordinated with it ('were killed and 50
    injured when two trains collided')."""
    return [c for v in (tok, *tok.conjuncts) for c in v.children if c.dep_ == "advcl"
            and any(m.dep_ in {"mark", "advmod"} and m.lower_ in WHEN for m in c.children)]


def _accidental(clause: Any) -> bool:
    """Does a clause of time tell of an accident: a blast of no weapon ('when a gas pipe
    exploded'), a thing that collapsed or collided ('when the roof collapsed'), or a cause that
    no one acts through ('after lightning struck their hut', 'hit by a train')? Not when a
    person or a group did it ('when he fell')."""
    if lemma(clause) in BLAST_WORDS:
        return _accident_blast(clause)
    _, doers = _subjects(clause)
    if any(is_person(d) and not _cause(d, things=True) for d in doers):
        return False
    return lemma(clause) in ACCIDENT_VERBS or any(_cause(d, things=True) for d in doers)
