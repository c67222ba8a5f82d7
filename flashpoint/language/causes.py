"""Who caused the harm a victim suffered, when the victim's verb names no agent: the attacker
named for the attack it fell in ("killed in a U.S. air strike", "in clashes with X"), for the
attack told with a coordinated verb ("were killed and others wounded in the attack"), or for the
act told in a clause of circumstance ("killed after being surrounded by X"). Read by the
argument reader (:func:`flashpoint.language.arguments.verb_args`)."""
from __future__ import annotations

from typing import Any

from ..model import Actor
from .grammar import ATTACK_CAUSES, attack_causes, first_child, prep_object
from .mentions import actor_in


def victim_source(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The doer of what a passive victim's verb ``tok`` tells, found the ways the module says."""
    return cause_author(tok, by_token) \
        or next(filter(None, (cause_author(v, by_token) for v in coordinated_verbs(tok))), None) \
        or circumstance_agent(tok, by_token)


def cause_author(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Who is named for the attack a victim fell in: 'killed in a U.S. air strike', 'died in
    Israel's raid', 'wounded by an Iraqi mortar' (the actor modifying the attack noun); else
    the attack's own agent or the other side of the fighting (:func:`_cause_agent`)."""
    for cause in attack_causes(tok):
        for mod in cause.children:
            if mod.dep_ in {"poss", "compound", "amod", "nmod"} and mod.i in by_token:
                return by_token[mod.i]
    return _cause_agent(tok, by_token)


# Nouns of fighting between two sides: one killed "in clashes with X" fell to X.
FIGHTING = frozenset({"clash", "fighting", "fight", "battle", "gunbattle", "firefight", "skirmish",
                      "confrontation", "combat"})
CAUSE_PREPS = frozenset({"in", "by", "during", "amid"})  # "killed amid shelling by ...", "in clashes with ..."


def _cause_agent(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Who is named as the doer of the attack a victim fell in, by a phrase of the attack noun:
    'killed in the raids carried out by Russian forces', 'amid bombardment by government
    forces'; or as the other side of the fighting: 'killed in clashes with Kurdish fighters'."""
    nouns = [g for c in tok.children if c.dep_ in {"prep", "agent"} and c.lower_ in CAUSE_PREPS
             for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        lemma = noun.lemma_.lower()
        if lemma in ATTACK_CAUSES:
            agent = prep_object(noun, {"by"}) or next(
                (prep_object(c, {"by"}) for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 and prep_object(c, {"by"}) is not None), None)
            found = actor_in(agent, by_token)
            if found is not None:
                return found
        if lemma in FIGHTING:
            found = actor_in(prep_object(noun, {"with"}), by_token)
            if found is not None:
                return found
    return None


# Words that tell the act a victim fell in as a clause of its own: "killed after being targeted by
# X", "killed as a missile launched by X hit a bus", "killed when X opened fire".
CIRCUMSTANCE_MARKS = frozenset({"after", "as", "when", "while", "following"})
# Verbs of harm whose victim such a clause tells the doer of ('was sentenced after police found a
# bomb' is not the police's doing).
HARMED = frozenset({"kill", "wound", "injure", "shoot", "hurt", "target", "hit", "attack", "strike", "bomb",
                    "shell", "destroy", "damage", "ambush", "kidnap", "abduct", "capture", "massacre", "murder",
                    "execute", "behead", "slay", "maim", "burn", "torture", "beat", "stab"})


def circumstance_agent(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The doer of the act told in a clause of circumstance on a passive victim's verb: its agent
    ('after being surrounded by X'), the agent of its means ('targeted with a rocket by X', 'a
    missile launched by X hit'), or its own subject ('when gunmen opened fire'); only for a verb
    of harm (HARMED)."""
    if tok.lemma_.lower() not in HARMED:
        return None
    clauses = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in CIRCUMSTANCE_MARKS
               for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
    clauses += [c for c in tok.children if c.dep_ == "advcl" and c.pos_ == "VERB" and any(
        m.dep_ in {"mark", "advmod"} and m.lower_ in CIRCUMSTANCE_MARKS for m in c.children)]
    # misparsed "killed as a missile launched by X hit": "as" a preposition, "hit" a conjunct
    misread = {c.i: g for p in tok.children if p.dep_ == "prep" and p.lower_ in CIRCUMSTANCE_MARKS
               for g in p.children if g.dep_ == "pobj" for c in tok.children
               if c.dep_ == "conj" and c.pos_ == "VERB" and p.i < c.i and first_child(c, {"nsubj"}) is None}
    clauses += [tok.doc[i] for i in misread]
    for verb in clauses:
        means = [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "with" for g in p.children]
        subj = first_child(verb, {"nsubj"}) or misread.get(verb.i)
        means += [subj] if subj is not None else []
        doers = [prep_object(verb, {"by"})] + [prep_object(m, {"by"}) for m in means] + [
            prep_object(a, {"by"}) for m in means for a in m.children if a.dep_ == "acl" and a.tag_ == "VBN"]
        found = next(filter(None, (actor_in(d, by_token) for d in doers)), None)
        if found is None and subj is not None and subj.pos_ != "PRON":
            # the subject itself names the doer ('when soldiers opened fire'), not a word within
            # it ('when the roof of their school collapsed' is no school's act)
            found = by_token.get(subj.i)
        if found is not None:
            return found
    return None


def coordinated_verbs(tok: Any) -> list[Any]:
    """The verbs coordinated with ``tok``: "were killed and dozens wounded in the attack" tells
    one attack, whose cause hangs on the last verb only."""
    return [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"] + (
        [tok.head] if tok.dep_ == "conj" and tok.head.pos_ == "VERB" else [])
