"""Events: predicate-argument extraction from the dependency parse, coded in CAMEO and PLOVER.

A trigger is a verb or event noun in the lexicon (``resources/verbs.tsv``).
Its source and target come from its arguments (read by :mod:`flashpoint.language.arguments`): subject and object in the
active voice, the ``by`` agent and the subject in the passive, the ``of`` /
possessive / ``by`` arguments of an event noun, and the subject of an
enclosing clause when the trigger's own is missing. Each event gets a
modality from negation, conditionals, modal verbs and reporting verbs.
"""
from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import Any

from ..codebook import cameo
from ..language.armed import anonymous_violence, armed_subject, fatal_attack
from ..language.arguments import (actor_in, addressee, embedded_target, index_actors, noun_args, quoted, speaker,
                                  verb_args, with_conjuncts)
from ..language.grammar import LOCATIVE, OBJECTS, PRONOUNS, first_child
from ..language.intent import (DEMAND_NOUNS, INTENT_HEADS, carries_demand, demand_code, demanded_by, intent_code,
                               intent_words, purposed, stated_intent)
from ..language.modality import modality_of
from ..language.spans import starting_in
from ..model import Actor, Document, Event, Place
from ..language.lexicon import Rule, default_rules
from ..language.ground import ground_code
from ..language.means import violence_code

# Re-coding by who acts (see _build): violence by protesters is a riot, a blockade by the state
# coercion, killing a named official or commander an assassination.
RIOTING_SECTORS = {"OPP"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}
KILLING_CODES = {"19", "190", "195", "18", "180"}
KILL_WORDS = {"kill", "killing", "slay", "murder", "eliminate", "shoot"}
# Material conflict done to or by people (CAMEO 14, 15, 17-20: protest, force posture, coercion,
# violence; not 16, reducing relations, which is between named actors): reported as acts
# with their author unknown ("a man was shot", "hundreds were killed", "villagers protested"),
# coded with no source (the news gold's convention, docs/news-gold.md).
ANONYMOUS_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# Verbs of occurrence and aspect that carry an event noun: "clashes broke out", "the attack
# occurred", "began their assault", "fighting continued", "there were protests". The verb is the
# event's trigger (where and when it happened hang on it); the noun gives the code and actors.
SUPPORT = frozenset({"begin", "start", "continue", "resume", "occur", "happen", "erupt", "break", "take",
                     "intensify", "escalate", "rage", "ensue", "persist", "be", "renew", "initiate", "launch",
                     "mount"})
SUPPORTED = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})  # where the event noun stands
# Nouns of material conflict carried by such a verb that name the act of another verb: 'a bomb
# blast occurred' (the gate keeps a blast only where a weapon or an attack is named), 'began a
# new offensive'. Only carried: on their own they mostly restate the verb's act ('killed in a blast').
NOUN_VERBS = {"explosion": "explode", "blast": "explode", "offensive": "attack", "counterattack": "attack",
              "counteroffensive": "attack", "counter-attack": "attack", "counter-offensive": "attack"}
# Nouns of an armed act only when fighters carry them or the noun says military: 'the army began
# an operation to retake X', 'began military operations in Y'; not a business's operations.
ARMED_OPERATIONS = frozenset({"operation"})
# Words of quantity a carried event noun may hang on: 'some of the fighting took place ...'.
PARTS = frozenset({"most", "some", "many", "all", "one", "several", "part", "much", "both", "each", "few", "rest"})
# Participles that work as prepositions: "according to", "following the talks".
# A bare row of the borrowed table (Rule.strict) is weaker evidence than the project's own
# rows: its event starts with this much less confidence (the gate drops doubtful events).
BORROWED_DOUBT = 0.2
PREPOSITIONAL = {"according", "following", "regarding", "concerning", "including", "pending",
                 "excluding", "considering"}




class EventExtractor:
    """Pipeline stage: attach coded events to a document with actors and places."""

    name = "events"
    requires = frozenset({"parse", "tokens", "actors", "places"})
    assigns = frozenset({"events"})
    updates: frozenset[str] = frozenset()

    def __init__(self, *, keep_unattributed: bool = False):
        self.keep_unattributed = keep_unattributed

    @cached_property
    def rules(self) -> dict[tuple[str, str], list[Rule]]:
        return default_rules()

    def __call__(self, doc: Document) -> Document:
        parsed, table = doc.parse, doc.tokens
        by_token = index_actors(table, doc.actors)
        events: list[Event] = []
        lemmas = table.lemma_ids
        strings = parsed.vocab.strings  # lemma ids, so that no Token is made for the cues
        intent_ids = {strings.add(v) for w in INTENT_HEADS for v in (w, w.capitalize())}
        demand_ids = {strings.add(v) for w in DEMAND_NOUNS | {"must"} for v in (w, w.capitalize())}
        lemma, lower, verbs = table.lemma_lower, table.lower, table.verbal
        triggers = self.trigger_words
        for s_index, sent in enumerate(parsed.sents):
            places = starting_in(doc.places, sent.start_char, sent.end_char)
            words = set(lemmas[sent.start:sent.end])
            cues = (not words.isdisjoint(intent_ids), not words.isdisjoint(demand_ids))
            for i in range(sent.start, sent.end):
                # only a lexicon word triggers an event, or a verb under a demand ("must return")
                if lemma[i] in triggers or lower[i] in triggers or cues[1] and verbs[i] \
                        or verbs[i] and (_past_stem(lower[i]) in triggers or lemma[i] in SUPPORT):
                    events.extend(self._events(doc, s_index, sent, parsed[i], by_token, places, cues))
        return dataclasses.replace(doc, events=tuple(events))

    @cached_property
    def trigger_words(self) -> frozenset[str]:
        return frozenset(lemma for lemma, _pos in self.rules)

    def _events(self, doc: Document, s_index: int, sent: Any, tok: Any,
                by_token: dict[int, Actor], places: tuple[Place, ...],
                cues: tuple[bool, bool] = (True, True)) -> list[Event]:
        """The events a trigger token makes: one per source x target when actors are
        coordinated ("Jordan and Britain agreed": one event each). ``cues`` say whether the
        sentence has an intent word and a demand word at all, so most verbs skip those checks."""
        pos = "V" if tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "aux" else "N" if tok.pos_ == "NOUN" else ""
        if not pos or tok.dep_ == "amod":
            return []  # only verbs and nouns trigger events; not a participle modifier ("the defeated party")
        if tok.lower_ in PREPOSITIONAL and tok.dep_ in {"prep", "advcl", "acl", "pcomp"}:
            return []
        intent_cue, demand_cue = cues
        if pos == "V" and intent_cue and any(c.dep_ == "xcomp" and self._match(c, "V")
                                             for h in intent_words(tok) for c in h.children):
            return []  # "plans to impose", "is prepared to impose": the action is the event (language/intent.py)
        rule = self._match(tok, pos, by_token) if pos else None
        if pos == "V" and demand_cue and (rule is None or rule.strict or rule.cameo[:2] in {"01", "02", "10"}) \
                and carries_demand(tok):
            return []  # "pressed its demand that Y grant ...": the demand is the event
        if pos == "V" and demand_cue:
            demands = self._demand(doc, s_index, sent, tok, rule, by_token, places)
            if demands:
                return demands
        if rule is None and pos == "V":
            return self._supported(doc, s_index, sent, tok, by_token, places)
        if rule is None or rule.cameo.startswith("01") and rule.cameo != "015":
            return []  # plain statements are not events on their own
        if pos == "N" and tok.dep_ in SUPPORTED and self._carrier(tok.head, by_token) is not None:
            return []  # "the attack occurred": coded on the verb (_supported)
        if pos == "N" and tok.dep_ in OBJECTS and tok.head.pos_ == "VERB":
            head_rule = self._match(tok.head, "V")
            if head_rule is not None and not head_rule.cameo.startswith("01"):
                return []  # "launched an attack": the verb carries the event
        source, target = (verb_args if pos == "V" else noun_args)(tok, by_token)
        if source is None and target is None and not self.keep_unattributed and not (
                pos == "V" and rule.cameo[:2] in ANONYMOUS_ROOTS
                and anonymous_violence(tok, show_of_force=rule.cameo == "150")):
            return []  # nobody acts; but 'a man was shot', 'a roadside bomb detonated' report an act
        if rule.strict and (source is None or quoted(tok)) and not (source is None and fatal_attack(tok)):
            return []  # a bare borrowed row needs a source, and in a quotation it is mostly talk;
            # but a death told with the attack that caused it is violence ('died when a bomb exploded')
        if target is None and rule.cameo.startswith("13"):
            target = embedded_target(tok, by_token)  # "vowed to retaliate against US forces"
        out = []
        sources = with_conjuncts(source, by_token, sent.doc)
        partners = {s.country for s in sources if s is not None and s.country} if len(sources) > 1 else set()
        for src in sources:
            for tgt in with_conjuncts(target, by_token, sent.doc):
                if src is not None and tgt is not None and src.start == tgt.start:
                    tgt = None
                if tgt is not None and tgt.country in partners:
                    tgt = None  # "the US and Jordan agreed ... (the White House said)": joint actors
                out.append(self._build(doc, s_index, sent, tok, rule, src, tgt, places))
        return list({e.event_id: e for e in out}.values())

    def _carrier(self, verb: Any, by_token: dict[int, Actor]) -> tuple[Any, Rule] | None:
        """The event noun a verb of occurrence or aspect carries (SUPPORT), with its rule, when
        the verb has no rule of its own: 'clashes broke out', 'the blast occurred', 'began their
        assault', 'there were protests'. The noun's rule is its own row or, for material conflict,
        the bare row of the verb it names ('clashes', 'assault'; 'fighting', 'shelling': the verb
        of the -ing form); a noun that names an actor ('forces continue to pound') carries none."""
        lemma = verb.lemma_.lower()
        if lemma not in SUPPORT or verb.pos_ not in {"VERB", "AUX"} or self._match(verb, "V") is not None:
            return None
        kids = list(verb.children)
        if lemma == "break" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in kids) \
                or lemma == "take" and not any(c.dep_ == "dobj" and c.lower_ == "place" for c in kids) \
                or lemma == "be" and not any(c.dep_ == "expl" for c in kids):
            return None  # 'broke out', 'took place', 'there were': not 'broke the law', 'took the town'
        for noun in (c for c in _carried(kids) if c.pos_ == "NOUN" and c.i not in by_token):
            rule = self._noun_rule(noun, by_token)
            if rule is not None and not rule.cameo.startswith("01"):
                return noun, rule
        return None

    def _noun_rule(self, noun: Any, by_token: dict[int, Actor]) -> Rule | None:
        rule = self._match(noun, "N", by_token)
        if rule is not None:
            return rule
        lemma = noun.lemma_.lower()
        if lemma in ARMED_OPERATIONS and (armed_subject(noun, by_token) or any(
                c.dep_ == "amod" and c.lower_ == "military" for c in noun.children)):
            lemma = "attack"
        for stem in (NOUN_VERBS.get(lemma, lemma), lemma[:-3] if lemma.endswith("ing") else ""):
            bare = [r for r in self.rules.get((stem, "V"), [])
                    if not r.objects and not r.preps and r.cameo[:2] in ANONYMOUS_ROOTS]
            if stem and bare:
                return bare[0]
        return None

    def _supported(self, doc: Document, s_index: int, sent: Any, verb: Any, by_token: dict[int, Actor],
                   places: tuple[Place, ...]) -> list[Event]:
        """The events of a verb that carries an event noun (_carrier): the noun's code and actors
        ('Syrian forces began their assault' -> the forces, as the subject of the verb an object
        noun hangs on), on the verb. With no actor, material conflict stays as the noun names
        the act ('heavy fighting continued in Maidema', 'the blast occurred near a station')."""
        found = self._carrier(verb, by_token)
        if found is None:
            return []
        noun, rule = found
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return []  # 'there had been no approach by Britain'
        if rule.armed and not armed_subject(verb, by_token):
            return []  # 'prices continued their advance'

        source, target = noun_args(noun, by_token)
        if source is None and noun.dep_ in {"nsubj", "attr"}:
            _, target = (None, target) if target is not None else verb_args(verb, by_token)
        if rule.strict and source is None:
            return []
        if source is None and target is None and not self.keep_unattributed \
                and (rule.cameo[:2] not in ANONYMOUS_ROOTS or quoted(verb)):
            return []
        return [self._build(doc, s_index, sent, verb, rule, src, target, places)
                for src in with_conjuncts(source, by_token, sent.doc)]

    def _demand(self, doc: Document, s_index: int, sent: Any, tok: Any, rule: Rule | None,
                by_token: dict[int, Actor], places: tuple[Place, ...]) -> list[Event]:
        """'Russia said Sudan must return the helicopter': Russia's demand of Sudan (see language/intent.py),
        one event per coordinated addressee ('US and British forces must ...')."""
        carrier = demanded_by(tok)
        if carrier is None:
            return []
        subj = next((s for t in (tok, tok.head, tok.head.head)  # "Y must (be ready to) do Z"
                     for s in [first_child(t, {"nsubj", "nsubjpass"})] if s is not None), None)
        target = actor_in(subj, by_token)
        if target is None and subj is not None and subj.lower_ in PRONOUNS and carrier.pos_ == "NOUN":
            target = addressee(carrier, by_token)  # "a reminder to Iraq that it must cooperate"
        source = speaker(carrier, by_token)
        if target is None or source is not None and source.code == target.code:
            return []
        code = demand_code(rule.cameo if rule else None)
        demand = Rule(tok.lemma_.lower(), "V", code, frozenset(), frozenset())
        return [self._build(doc, s_index, sent, tok, demand, source, tgt, places, modality="asserted")
                for tgt in with_conjuncts(target, by_token, sent.doc)]

    def _build(self, doc: Document, s_index: int, sent: Any, tok: Any, rule: Rule,
               source: Actor | None, target: Actor | None, places: tuple[Place, ...],
               *, modality: str | None = None) -> Event:
        code = rule.cameo
        if code.startswith("19") and source is not None and source.sector in RIOTING_SECTORS:
            code = "145"  # violence by protesters is a riot, not military force
        elif code == "144" and source is not None and source.sector in STATE_SECTORS:
            code = "170"  # a blockade by the state coerces; by others it is a protest
        elif code in KILLING_CODES and tok.lemma_.lower() in KILL_WORDS and target is not None \
                and target.kind == "person" and target.sector in {"GOV", "MIL"}:
            code = "186"  # killing a named official or commander is an assassination
        else:
            code = ground_code(tok, code, source, target, places)  # taking ground, driving out (language/ground.py)
            code = violence_code(tok, code, source)  # a bombing by its means (language/means.py)
        if modality is None and code[:2] in ANONYMOUS_ROOTS and purposed(tok):
            modality = "hypothetical"  # 'launched an offensive to capture X': under way (news gold)
        modality = modality or modality_of(tok)
        if modality in {"asserted", "hypothetical", "negated"}:
            stance = stated_intent(tok)
            stated = intent_code(code, stance) if stance else None
            if stated is not None:  # "will send aid": the announcement is the event
                code, modality = stated, "asserted"
        info = cameo(code)
        plover_type, plover_mode = info.plover_type, info.plover_mode
        if rule.plover and code == rule.cameo:  # the row's own PLOVER reading, unless re-coded above
            plover_type, _, plover_mode = rule.plover.partition(":")
        confidence = 0.35 + 0.25 * (source is not None) + 0.25 * (target is not None) + 0.05 * rule.specificity \
            - BORROWED_DOUBT * rule.strict
        return Event(
            doc_id=doc.id, sentence_index=s_index, evidence_start=sent.start_char,
            evidence_end=sent.end_char, evidence_text=sent.text, trigger=tok.text,
            trigger_start=tok.idx, cameo=info.code, plover_type=plover_type,
            plover_mode=plover_mode, goldstein=info.goldstein, quad_class=info.quad_class,
            source=source, target=target, modality=modality, locations=places,
            confidence=min(confidence, 0.95),
        )

    def _match(self, tok: Any, pos: str, by_token: dict[int, Actor] | None = None) -> Rule | None:
        """The first rule of the lemma whose conditions the token meets; a row for armed actors
        only (Rule.armed) when ``by_token`` is given and the subject is one."""
        lemma = tok.lemma_.lower()
        rules = self.rules.get((lemma, pos)) or []
        if tok.lower_ != lemma:  # rows for the surface form ("is"), when no lemma row matches
            rules = rules + self.rules.get((tok.lower_, pos), [])
        if not rules and pos == "V":
            rules = self.rules.get((_past_stem(tok.lower_), pos)) or []
        if not rules:
            return None
        preps = {c.lower_ for c in tok.children if c.dep_ in {"prt", "prep", "agent"}}
        words = [c for c in tok.children if c.dep_ in OBJECTS | {"compound"}]
        # the object's own noun modifiers: "launched a mediation effort", "a naval blockade"
        words += [g for c in words if c.dep_ in OBJECTS for g in c.children if g.dep_ == "compound"]
        # and what it is of: "lifted a state of emergency", "ended the siege of the city"
        words += [g for c in words if c.dep_ in OBJECTS for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"]
        # where the act happened is not what it was done to: 'captured in the city of X' takes
        # no city for the project's own rows, unless the row names the preposition; the borrowed
        # table's rows read the place phrase as their object ('held in custody')
        placed = []
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                (placed if prep.lower_ in LOCATIVE else words).extend(pobj.subtree)
        objects = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
        where = objects | {t.lemma_.lower() for t in placed} | {t.lower_ for t in placed}
        for rule in rules:
            if rule.armed and (by_token is None or not armed_subject(tok, by_token)):
                continue
            if rule.preps and not rule.preps & preps:
                continue
            if rule.objects and not rule.objects & (where if rule.borrowed or rule.preps & LOCATIVE else objects):
                continue
            return rule
        return None


def _carried(kids: list[Any]) -> list[Any]:
    """The nouns a verb of occurrence may carry: its subject, object or attribute, or what such
    a word of quantity is a part of ('some of the fighting took place in Y')."""
    out = []
    for c in (k for k in kids if k.dep_ in SUPPORTED):
        out.append(c)
        if c.lemma_.lower() in PARTS:
            out.extend(g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                       for g in p.children if g.dep_ == "pobj")
    return out


def _past_stem(word: str) -> str:
    """'staged' -> 'stage': the small model's lemmatizer reads some past forms as other words
    ('stag'); a past form in -ed whose lemma has no row is tried as its stem plus 'e'."""
    return word[:-1] if word.endswith("ed") and len(word) > 4 else ""

