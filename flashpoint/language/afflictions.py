"""Illness, nature and animals: force that no political actor uses (the gate's ``afflicted`` check,
:mod:`flashpoint.stages.gate`; issue 13, "natural phenomena, accidents, objects and vehicles are not
sources of ASSAULT").

News of epidemics and disasters tells its deaths with the verbs of war: a virus "killed" hundreds, a town
was "hit" by an outbreak, health workers "fight" a disease, doctors "arrest" an epidemic, vets
"cull" chickens. The gate's ``mishap`` and ``unattributed`` checks judge violence that has no actor;
this check reads the parse of the force verb itself (CAMEO 17-20), whatever source the coder found
for it elsewhere in the sentence (a country named as the setting, a speaker):

- its doer, the subject or the agent of a passive or the cause it came from ('a new strain killed
  eleven', 'hit by a measles epidemic', 'dying from a fever'), is an illness (not 'an outbreak of
  fighting') or a natural object ('a meteorite hit a house'); not an animal (police dogs are the
  police's), and not a storm, a flood or a blaze, left to the ``mishap`` check: the event-location
  gold codes their damage as events, and taking them here cost its check half three places;
- what it is done to, its object or what one fights against, is an illness ('fighting malaria',
  'arrested the outbreak') or only animals ('culling birds', 'killing animals'): no party suffers it.

The nouns are read as classes, as a thesaurus groups them: a small table of general words for each
(no name of one story), and the shapes of the names of illnesses (an influenza subtype such as
'H5N1', a word ending in 'virus', 'fever', 'pox', '-itis' or '-osis'). People, a group or a state
doing harm to people keep the event ('rustlers killed eleven and stole 40 cattle').
"""
from __future__ import annotations

import re
from typing import Any

from .blasts import lemma
from .idioms import FORCE
from .mishaps import RELATIVE

# Illnesses and what carries them: a hypernym class of the thesaurus ('disease', 'pathogen').
ILLNESS = frozenset({
    "disease", "illness", "sickness", "infection", "epidemic", "pandemic", "outbreak", "endemic", "virus",
    "bacterium", "bacteria", "germ", "pathogen", "parasite", "strain", "contagion", "plague", "pestilence",
    "flu", "influenza", "cholera", "ebola", "measles", "malaria", "tuberculosis", "tb", "typhoid", "typhus",
    "dengue", "polio", "sars", "mers", "covid", "aids", "hiv", "hepatitis", "meningitis", "pneumonia",
    "diarrhoea", "diarrhea", "dysentery", "rabies", "anthrax", "leprosy", "smallpox", "cancer", "tumour",
    "tumor", "listeria", "salmonella", "legionella", "norovirus", "mumps", "rubella", "diphtheria",
    "tetanus", "pertussis", "encephalitis", "syphilis", "chikungunya", "zika", "contamination", "overdose",
    "heatstroke", "starvation", "malnutrition", "famine", "dehydration"})  # not a poisoning: an attack may be one
# Natural objects and phenomena (storms, floods, quakes and blazes are the mishap check's: the
# event-location gold codes their damage as events).
# Not 'wave', 'tide' or 'surge', which a wave of attacks is too.
NATURE = frozenset({"rock", "boulder", "meteorite", "meteor", "asteroid", "comet", "iceberg", "mud", "ice",
                    "hail", "frost", "sun", "weather", "nature", "climate"})
# Animals: a hypernym class ('animal', 'livestock', 'bird') and its common members (not 'turkey' or
# 'seal', a country and commandos too).
ANIMALS = frozenset({
    "animal", "livestock", "cattle", "cow", "bull", "calf", "ox", "buffalo", "pig", "hog", "swine", "boar",
    "sow", "piglet", "poultry", "chicken", "hen", "rooster", "bird", "fowl", "duck", "goose", "geese", "swan",
    "pigeon", "sheep", "lamb", "goat", "horse", "donkey", "camel", "dog", "cat", "rat", "mouse",
    "mice", "bat", "monkey", "ape", "deer", "fish", "mosquito", "insect", "snake", "bear",
    "wolf", "lion", "tiger", "elephant", "rhino", "whale", "dolphin", "shark", "crocodile", "mink",
    "ferret", "badger", "fox", "herd", "flock", "wildlife", "carcass", "pet", "creature", "beast",
    "species", "mammal"})
# The shapes of the names of illnesses: an influenza subtype ('H5N1'), '...virus', '...fever'.
ILLNESS_SHAPES = re.compile(r"^h\d{1,2}n\d{1,2}$|virus$|viruses$|fever$|pox$|itis$|osis$")
# The prepositions of a cause of death ('killed from the disease', 'hit by the outbreak').
CAUSE_PREPS = frozenset({"from", "by"})  # not "of": "the killing of X" is done to X
DOER_DEPS = frozenset({"nsubj", "csubj"})


def afflicted(event: Any, tok: Any, seen: Any) -> bool:
    """Force (CAMEO 17-20) whose doer is an illness or a natural object, or that is done to an illness or only
    to animals (see the module's docstring)."""
    if event.cameo[:2] not in FORCE:
        return False
    if any(_not_actor(d) for d in doers(tok)):
        return True
    done_to = patients(tok)
    return bool(done_to) and (any(illness(p) for p in done_to) or all(animal(p) for p in done_to))


def doers(tok: Any) -> list[Any]:
    """The verb's own doers: its subject (a relative pronoun stands for its noun), the agent of a
    passive, or the cause it came from; a participle or coordinated verb with none shares
    those of the verb it hangs on ('a strain has sickened dozens and killed eleven')."""
    verb, deps = tok, DOER_DEPS
    for _ in range(3):
        found = [verb.head if c.lower_ in RELATIVE and verb.dep_ == "relcl" else c
                 for c in verb.children if c.dep_ in deps]
        found += [g for c in verb.children if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in CAUSE_PREPS
                  for g in c.children if g.dep_ == "pobj"]
        if found or verb.dep_ not in {"conj", "advcl"} or verb.head.i == verb.i \
                or any(c.dep_ in {"mark", "nsubjpass"} for c in verb.children):
            return [_head(d) for d in found]
        # a coordinated verb shares its head's subject, of either voice ('the infection is found in
        # millions and has killed ...'); a participle does not share a passive's ('X was hit, killing')
        deps = DOER_DEPS | {"nsubjpass"} if verb.dep_ == "conj" else DOER_DEPS
        verb = verb.head
    return []


def patients(tok: Any) -> list[Any]:
    """What the verb is done to: its objects, a passive's subject and what one fights against or
    with (each conjunct: 'culled chickens and ducks')."""
    found = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not found:  # 'culled, burned and buried 4,000 chickens': the last verb's object is all of theirs
        found = [c for v in tok.conjuncts if v.i > tok.i for c in v.children if c.dep_ == "dobj"]
    found += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"against"}
              for g in c.children if g.dep_ == "pobj"]
    return [_head(x) for f in found for x in (f, *f.conjuncts)]


def _head(noun: Any) -> Any:
    """The noun a phrase of quantity stands for: 'thousands of birds', 'a flock of geese'."""
    if lemma(noun) in {"thousand", "hundred", "million", "dozen", "number", "flock", "herd", "head"} \
            or noun.pos_ == "NUM":
        inner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        if inner is not None:
            return inner
    return noun


def _words(noun: Any) -> set[str]:
    words = {lemma(noun), noun.lower_, noun.lower_.rstrip("s")}
    return words | {w.split("-")[-1] for w in words if "-" in w}


def illness(noun: Any) -> bool:
    """Is the noun (a common noun or a name) an illness or what carries it? Not one 'of' something
    else: 'an outbreak of fighting', 'a plague of attacks'."""
    words = _words(noun)
    if not (words & ILLNESS or any(ILLNESS_SHAPES.search(w) for w in words if len(w) > 4 or w[:1] == "h")):
        return False
    of = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return all(illness(g) for g in of)


def animal(noun: Any) -> bool:
    return noun.pos_ == "NOUN" and bool(_words(noun) & ANIMALS)


def _not_actor(noun: Any) -> bool:
    """An illness or a natural object as a doer (not an animal: police dogs set on a crowd are the
    police's)."""
    if illness(noun):
        return True
    return noun.pos_ == "NOUN" and bool(_words(noun) & NATURE)  # not a name: 'Storm' of an operation
