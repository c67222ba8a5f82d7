"""Events: predicate-argument extraction from the dependency parse, coded in CAMEO and PLOVER.

A trigger is a verb or event noun in the lexicon (``resources/verbs.tsv``).
Its source and target come from its arguments: subject and object in the
active voice, the ``by`` agent and the subject in the passive, the ``of`` /
possessive / ``by`` arguments of an event noun, and the subject of an
enclosing clause when the trigger's own is missing. Each event gets a
modality from negation, conditionals, modal verbs and reporting verbs.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..model import Actor, Document, Event, Place
from ..resources import read_tsv
from .intent import (DEMAND_NOUNS, INTENT_HEADS, demand_code, demanded_by, intent_code, intent_words,
                     stated_intent)
from .modality import modality_of
from .parse import TokenTable

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "obj", "attr", "dative"}
TARGET_PREPS = {"at", "on", "against", "to", "with", "into", "upon", "toward", "towards"}
SECONDARY_PREPS = {"for", "from", "over"}
PLACE_PREPS = {"in", "between", "inside", "across"}
INSTRUMENTS = {"missile", "rocket", "drone", "mortar", "bomb", "shell", "weapon", "strike",
               "airstrike", "attack", "sanction", "pressure", "force", "troop", "aid", "assistance"}
FACILITIES = {"base", "bases", "embassy", "camp", "compound", "facility", "installation", "airport",
              "consulate", "headquarters", "site", "position", "outpost"}
HOUSING = {"house", "host", "station", "hold", "shelter"}
# Event nouns whose possessor is the one it happens to: "Soleimani's killing".
PATIENT_NOUNS = {"killing", "assassination", "murder", "death", "arrest", "detention", "release",
                 "capture", "abduction", "execution", "kidnapping", "expulsion"}
PRONOUNS = {"he", "she", "it", "they", "we"}
# Nouns of the subject's own stance after "in" ("staged a strike in protest at Y").
STANCE_NOUNS = {"protest", "retaliation", "response", "revenge", "reprisal", "solidarity", "defiance"}
# Verbs whose subject suffers the event ("X died in the strike").
PATIENT_SUBJECT_VERBS = {"die", "perish"}
# Participles whose passive form states the subject's own stance ("is opposed to", "is committed to").
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote", "resolve", "determine", "opposed", "committed"}
OWNERS = {"its", "their", "his", "her", "our"}
ACCUSING = {"accuse", "suspect", "blame", "charge", "hold", "credit"}
RIOTING_SECTORS = {"OPP"}
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY"}
KILLING_CODES = {"19", "190", "195", "18", "180"}
KILL_WORDS = {"kill", "killing", "slay", "murder", "eliminate", "shoot"}
# Participles that work as prepositions: "according to", "following the talks".
PREPOSITIONAL = {"according", "following", "regarding", "concerning", "including", "pending",
                 "excluding", "considering"}
EVENT_NOUNS = {"attack", "strike", "airstrike", "raid", "bombing", "assault", "killing", "assassination",
               "offensive", "invasion", "shelling", "protest", "sanction"}


@dataclass(frozen=True)
class Rule:
    lemma: str
    pos: str
    cameo: str
    objects: frozenset[str]
    preps: frozenset[str]
    strict: bool = False  # a bare row from a borrowed table: needs a source actor
    plover: str = ""  # "TYPE" or "TYPE:mode" where PLOVER's own definitions differ from the crosswalk

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.preps else 0)


@dataclass(frozen=True)
class CameoInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str
    plover_mode: str


def load_cameo() -> dict[str, CameoInfo]:
    return {
        r["code"]: CameoInfo(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                             r["plover_type"], r["plover_mode"])
        for r in read_tsv("cameo.tsv", required=("code", "goldstein", "plover_type"))
    }


LEXICONS = ("verbs.tsv", "verbs_phoenix.tsv")
# Borrowed rows keyed on these say nothing on their own (the Phoenix table has a bare "is" 030).
AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had",
                         "do", "does", "did"})
LIGHT_VERBS = frozenset("""be have do come go get make take look give put see say break stage decide seek
become keep let set turn run hold bring show leave feel find know think want use work call try ask need
begin start continue remain stay move end open close play lead follow include communicate mean pass
reach raise return build carry bear stand hit""".split())


def load_rules(paths: tuple[str, ...] = LEXICONS) -> dict[tuple[str, str], list[Rule]]:
    """Trigger rules by (lemma, pos). The project's own lexicon comes first; rows from later
    tables only apply when no earlier row matches. Within a table, specific rows win."""
    rules: dict[tuple[str, str], list[Rule]] = {}
    for rank, path in enumerate(paths):
        table: dict[tuple[str, str], list[Rule]] = {}
        for r in read_tsv(path, required=("lemma", "pos", "cameo")):
            objects = frozenset(filter(None, r.get("object", "").split("|")))
            preps = frozenset(filter(None, r.get("prep", "").split("|")))
            lemma = r["lemma"].lower()
            bare = not objects and not preps
            if rank and (lemma in AUXILIARIES or bare and lemma in LIGHT_VERBS):
                continue  # "come", "look", "decide": too general to be an event on their own
            rule = Rule(lemma, r["pos"].upper(), r["cameo"], objects, preps, strict=bool(rank) and bare,
                        plover=(r.get("plover") or "").strip())
            table.setdefault((rule.lemma, rule.pos), []).append(rule)
        for key, lst in table.items():
            rules.setdefault(key, []).extend(sorted(lst, key=lambda x: -x.specificity))
    return rules


class EventExtractor:
    """Pipeline stage: attach coded events to a document with actors and places."""

    name = "events"
    requires = frozenset({"parse", "actors", "places"})
    provides = frozenset({"events"})

    def __init__(self, *, keep_unattributed: bool = False):
        self.keep_unattributed = keep_unattributed

    @cached_property
    def rules(self) -> dict[tuple[str, str], list[Rule]]:
        return load_rules()

    @cached_property
    def cameo(self) -> dict[str, CameoInfo]:
        return load_cameo()

    def __call__(self, doc: Document) -> Document:
        parsed = doc.parse
        by_token = _index_actors(parsed, doc.actors)
        events: list[Event] = []
        lemmas = parsed.to_array("LEMMA").tolist()
        strings = parsed.vocab.strings  # lemma ids, so that no Token is made for the cues
        intent_ids = {strings.add(v) for w in INTENT_HEADS for v in (w, w.capitalize())}
        demand_ids = {strings.add(v) for w in DEMAND_NOUNS | {"must"} for v in (w, w.capitalize())}
        table = TokenTable(parsed)
        lemma, lower = [w.lower() for w in table.lemma], table.lower
        from spacy.symbols import AUX, VERB

        verbs = [p in (VERB, AUX) for p in parsed.to_array("POS").tolist()]
        triggers = self.trigger_words
        for s_index, sent in enumerate(parsed.sents):
            places = tuple(p for p in doc.places if sent.start_char <= p.start < sent.end_char)
            words = set(lemmas[sent.start:sent.end])
            cues = (not words.isdisjoint(intent_ids), not words.isdisjoint(demand_ids))
            for i in range(sent.start, sent.end):
                # only a lexicon word triggers an event, or a verb under a demand ("must return")
                if lemma[i] in triggers or lower[i] in triggers or cues[1] and verbs[i] \
                        or verbs[i] and _past_stem(lower[i]) in triggers:
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
            return []  # "plans to impose", "is prepared to impose": the action is the event (intent.py)
        rule = self._match(tok, pos) if pos else None
        if pos == "V" and demand_cue and (rule is None or rule.strict or rule.cameo[:2] in {"01", "02", "10"}) \
                and _carries_demand(tok):
            return []  # "insisted on its demands that Y grant ...": the demand is the event
        if pos == "V" and demand_cue:
            demands = self._demand(doc, s_index, sent, tok, rule, by_token, places)
            if demands:
                return demands
        if rule is None or rule.cameo.startswith("01") and rule.cameo != "015":
            return []  # plain statements are not events on their own
        if pos == "N" and tok.dep_ in OBJECTS and tok.head.pos_ == "VERB":
            head_rule = self._match(tok.head, "V")
            if head_rule is not None and not head_rule.cameo.startswith("01"):
                return []  # "launched an attack": the verb carries the event
        source, target = (_verb_args if pos == "V" else _noun_args)(tok, by_token)
        if source is None and target is None and not self.keep_unattributed:
            return []
        if rule.strict and source is None:
            return []
        if target is None and rule.cameo.startswith("13"):
            target = _embedded_target(tok, by_token)  # "vowed to retaliate against US forces"
        out = []
        sources = _with_conjuncts(source, by_token, sent.doc)
        partners = {s.country for s in sources if s is not None and s.country} if len(sources) > 1 else set()
        for src in sources:
            for tgt in _with_conjuncts(target, by_token, sent.doc):
                if src is not None and tgt is not None and src.start == tgt.start:
                    tgt = None
                if tgt is not None and tgt.country in partners:
                    tgt = None  # "the US and Jordan agreed ... (the White House said)": joint actors
                out.append(self._build(doc, s_index, sent, tok, rule, src, tgt, places))
        return list({e.event_id: e for e in out}.values())

    def _demand(self, doc: Document, s_index: int, sent: Any, tok: Any, rule: Rule | None,
                by_token: dict[int, Actor], places: tuple[Place, ...]) -> list[Event]:
        """'Russia said Sudan must return the helicopter': Russia's demand of Sudan (see intent.py),
        one event per coordinated addressee ('US and British forces must ...')."""
        carrier = demanded_by(tok)
        if carrier is None:
            return []
        subj = next((s for t in (tok, tok.head, tok.head.head)  # "Y must (be ready to) do Z"
                     for s in [_child(t, {"nsubj", "nsubjpass"})] if s is not None), None)
        target = _actor_in(subj, by_token)
        if target is None and subj is not None and subj.lower_ in PRONOUNS and carrier.pos_ == "NOUN":
            target = _addressee(carrier, by_token)  # "a reminder to Iraq that it must cooperate"
        source = _speaker(carrier, by_token)
        if target is None or source is not None and source.code == target.code:
            return []
        code = demand_code(rule.cameo if rule else None)
        demand = Rule(tok.lemma_.lower(), "V", code, frozenset(), frozenset())
        return [self._build(doc, s_index, sent, tok, demand, source, tgt, places, modality="asserted")
                for tgt in _with_conjuncts(target, by_token, sent.doc)]

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
        modality = modality or modality_of(tok)
        if modality in {"asserted", "hypothetical", "negated"}:
            stance = stated_intent(tok)
            stated = intent_code(code, stance) if stance else None
            if stated is not None:  # "will send aid": the announcement is the event
                code, modality = stated, "asserted"
        info = self.cameo.get(code) or self.cameo[code[:2]]
        plover_type, plover_mode = info.plover_type, info.plover_mode
        if rule.plover and code == rule.cameo:  # the row's own PLOVER reading, unless re-coded above
            plover_type, _, plover_mode = rule.plover.partition(":")
        confidence = 0.35 + 0.25 * (source is not None) + 0.25 * (target is not None) + 0.05 * rule.specificity
        return Event(
            doc_id=doc.id, sentence_index=s_index, evidence_start=sent.start_char,
            evidence_end=sent.end_char, evidence_text=sent.text, trigger=tok.text,
            trigger_start=tok.idx, cameo=info.code, plover_type=plover_type,
            plover_mode=plover_mode, goldstein=info.goldstein, quad_class=info.quad_class,
            source=source, target=target, modality=modality, locations=places,
            confidence=min(confidence, 0.95),
        )

    def _match(self, tok: Any, pos: str) -> Rule | None:
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
        for prep in (c for c in tok.children if c.dep_ == "prep"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                words.extend(pobj.subtree)
        objects = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
        for rule in rules:
            if rule.preps and not rule.preps & preps:
                continue
            if rule.objects and not rule.objects & objects:
                continue
            return rule
        return None


def _past_stem(word: str) -> str:
    """'staged' -> 'stage': the small model's lemmatizer reads some past forms as other words
    ('stag'); a past form in -ed whose lemma has no row is tried as its stem plus 'e'."""
    return word[:-1] if word.endswith("ed") and len(word) > 4 else ""


def _with_conjuncts(actor: Actor | None, by_token: dict[int, Actor], doc: Any) -> list[Actor | None]:
    """An actor and the actors coordinated with it ("Israel and the Palestinians")."""
    if actor is None:
        return [None]
    tokens = [i for i, a in by_token.items() if a is actor]
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


def _index_actors(parsed: Any, actors: Iterable[Actor]) -> dict[int, Actor]:
    """Token index -> the actor mention covering it."""
    out: dict[int, Actor] = {}
    for actor in actors:
        span = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                out[t.i] = actor
    return out


def _actor_in(tok: Any | None, by_token: dict[int, Actor]) -> Actor | None:
    """The actor an argument names: its head's own mention, else one in its subtree."""
    if tok is None:
        return None
    if tok.lemma_.lower() in FACILITIES or tok.lower_ in FACILITIES:
        # "bases (in Iraq) housing US forces": the forces, not the host country, are hit.
        for clause in tok.subtree:
            if clause.dep_ in {"acl", "relcl"} and clause.lemma_.lower() in HOUSING:
                for g in clause.subtree:
                    if g.i in by_token and g.i != clause.head.i:
                        return by_token[g.i]
    if tok.i in by_token:
        return by_token[tok.i]
    for t in _phrase_tokens(tok):
        if t.i in by_token:
            return by_token[t.i]
    # "Salaheddine Sidhoum, Algeria's leading human rights activist, staged ...": a name the
    # tables lack is known by its apposition
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        for t in _phrase_tokens(appos):
            if t.i in by_token:
                return by_token[t.i]
    return None


CLAUSAL = {"relcl", "advcl", "ccomp", "acl", "xcomp", "conj", "cc", "appos", "parataxis"}


def _phrase_tokens(tok: Any) -> list[Any]:
    """The argument's own phrase: its subtree without embedded clauses and conjuncts, and
    without the arguments of an event noun ("a rocket attack on the base" names no actor)."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        skip = CLAUSAL | ({"prep"} if t.lemma_.lower() in EVENT_NOUNS else set())
        stack.extend(c for c in t.children if c.dep_ not in skip)
    return sorted(out, key=lambda t: t.i)


def _child(tok: Any, deps: set[str]) -> Any | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _prep_object(tok: Any, preps: set[str]) -> Any | None:
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            return _child(c, {"pobj"})
    return None


def _inherited_subject(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The subject of the nearest enclosing clause (xcomp, conj, gerund chains); for a
    non-finite trigger whose chain gives none, the first subject-like actor before it."""
    found = _subject_up_the_tree(tok, by_token)
    if found is not None or tok.tag_ not in {"VBG", "VB", "VBN"}:
        return found
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.i in by_token and t.dep_ in {"nsubj", "poss", "attr", "nsubjpass"}:
            return by_token[t.i]
    return None


def _subject_up_the_tree(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    head = tok
    for _ in range(6):
        if head.head is head:
            return None
        head = head.head
        if head.lemma_.lower() in ACCUSING and _child(head, OBJECTS) is not None:
            # "suspected Kataib Hezbollah of carrying out the attack": the accused acts.
            return _actor_in(_child(head, OBJECTS), by_token)
        subj = _child(head, {"nsubj", "csubj"})
        if subj is not None:
            return _actor_in(subj, by_token)
        poss = _child(head, {"poss"})
        if poss is not None and head.pos_ == "NOUN":
            return _actor_in(poss, by_token)
    return None


def _carries_demand(tok: Any) -> bool:
    """The verb carries a demand noun that has its own clause: "reiterated its demand that
    Israel ease ...", "insisted on its demands that the government grant ..." (the caller keeps
    verbs that are events of their own, "rejected the demand that ...", but not a bare row of
    the Phoenix table such as "issue" 060)."""
    nouns = [c for c in tok.children if c.dep_ in OBJECTS]
    nouns += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    clauses = [c for n in nouns for c in n.children if c.dep_ in {"acl", "ccomp"}]
    clauses += [c for c in tok.children if c.dep_ == "ccomp"]  # the parser may hang it on the verb
    return any(n.lemma_.lower() in DEMAND_NOUNS and n.pos_ == "NOUN" for n in nouns) \
        and any(c.pos_ in {"VERB", "AUX"} for c in clauses)


def _addressee(carrier: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Whom a demand noun is addressed to: "a reminder to Iraq", "issued a demand to Iraq"."""
    for tok in (carrier, carrier.head):
        for prep in (c for c in tok.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"):
            found = _actor_in(_child(prep, {"pobj"}), by_token)
            if found is not None:
                return found
    return None


def _speaker(carrier: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Who makes a demand: the subject of the speaking verb, or the owner of the demand noun
    ("the ILO's demand"), else the subject of the verb it hangs under ("X reiterated its demand")."""
    tok = carrier
    for _ in range(4):
        for dep in ("nsubj", "poss"):
            found = _actor_in(_child(tok, {dep}), by_token)
            if found is not None:
                return found
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _verb_args(tok: Any, by_token: dict[int, Actor]) -> tuple[Actor | None, Actor | None]:
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        # Reduced passive: "the American killed in the attack" - the head noun is the patient;
        # but in "Iranian action carried out from Iranian soil" the head is the act itself.
        agent = _actor_in(_prep_object(tok, {"by"}), by_token)
        if tok.head.lemma_.lower() in EVENT_NOUNS | INSTRUMENTS | {"action", "operation"}:
            return agent or _actor_in(tok.head, by_token), None
        return agent, _actor_in(tok.head, by_token)
    passive = _child(tok, {"nsubjpass"})
    if passive is not None and tok.lemma_.lower() in STATIVE_PASSIVES and _prep_object(tok, {"by"}) is None:
        # "Israel is opposed to French mediation": a state of the subject, not done to it
        return _actor_in(passive, by_token), _actor_in(_prep_object(tok, {"to"}), by_token)
    if passive is not None:
        source = _actor_in(_prep_object(tok, {"by"}), by_token) or _cause_author(tok, by_token)
        target = _actor_in(passive, by_token)
        return source, target
    if tok.lemma_.lower() in PATIENT_SUBJECT_VERBS:  # "X died in a US strike": X is the victim
        return _cause_author(tok, by_token), _actor_in(_child(tok, {"nsubj"}), by_token)
    subj = _child(tok, {"nsubj", "csubj"})
    source = _actor_in(subj, by_token) if subj is not None else _inherited_subject(tok, by_token)
    if source is None and subj is not None and subj.lower_ in PRONOUNS and tok.dep_ == "ccomp":
        source = _actor_in(_child(tok.head, {"nsubj"}), by_token)  # "Iran said they had fired"
    if subj is not None and source is None and subj.dep_ == "nsubj" and subj.tag_ == "WDT":
        source = _actor_in(tok.head.head if tok.dep_ == "relcl" else None, by_token)
    return source, _verb_target(tok, by_token)


def _verb_target(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The recipient of a verb event, most direct first: its object or dative; a target
    preposition ("at", "on", "to", "for", "from"); the object's own ("aid to X", "strikes on
    X"); the action it governs ("agreed to provide aid to X"); last, where it went ("in X")."""
    objs = [c for c in tok.children if c.dep_ in OBJECTS]
    for obj in objs:
        if obj.lemma_.lower() not in INSTRUMENTS:
            found = _actor_in(obj, by_token)
            if found is not None:
                return found
    for preps in (TARGET_PREPS, SECONDARY_PREPS):
        found = _actor_in(_prep_object(tok, preps), by_token)
        if found is not None:
            return found
        for obj in objs:
            found = _actor_in(_prep_object(obj, preps), by_token)
            if found is not None:
                return found
    for obj in objs:
        if obj.lemma_.lower() in INSTRUMENTS and any(c.dep_ == "poss" and c.lower_ in OWNERS for c in obj.children):
            continue  # "strengthened its forces (in Lebanon)": the actor's own means
        found = _actor_in(obj, by_token)
        if found is not None:
            return found
    for child in tok.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            found = _verb_target(child, by_token)
            if found is not None:
                return found
    return _actor_in(_prep_object(tok, PLACE_PREPS), by_token)


# Nouns that name an attack or a weapon as what caused violence, and words of quantity before one.
ATTACK_CAUSES = frozenset(EVENT_NOUNS | INSTRUMENTS | {
    "bombardment", "ambush", "explosion", "blast", "device", "ied", "grenade", "mine", "landmine",
    "gunfire", "fire", "shooting", "suicide", "car"})
QUANTITIES = frozenset({"series", "wave", "spate", "string", "volley", "barrage"})


def attack_causes(verb: Any, *, subject: bool = False) -> list[Any]:
    """The attack or weapon nouns a violent verb gives as its cause: the object of its 'in', 'by'
    or 'during' ('killed in a U.S. air strike', 'wounded by an Iraqi mortar') and, with
    ``subject``, its subject ('a roadside bomb killed'); 'a series of rocket attacks' counts as
    the attacks. Shared by the attacker's search here and the locate stage's unidentified forces."""
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


def _cause_author(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Who is named for the attack a victim fell in: 'killed in a U.S. air strike', 'died in
    Israel's raid', 'wounded by an Iraqi mortar' (the actor modifying the attack noun)."""
    for cause in attack_causes(tok):
        for mod in cause.children:
            if mod.dep_ in {"poss", "compound", "amod", "nmod"} and mod.i in by_token:
                return by_token[mod.i]
    return None


def _embedded_target(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """The target of the action a threat is about: 'threatened to strike Iranian sites'; else
    the one the threat's condition is put to: 'threatened to launch an offensive unless
    Baghdad accepted', 'will boycott the elections unless the president steps down'."""
    for child in tok.children:
        if child.dep_ in {"xcomp", "ccomp"}:
            _, target = _verb_args(child, by_token)
            if target is not None:
                return target
    for clause in (tok, *(c for c in tok.children if c.dep_ in {"xcomp", "ccomp"})):
        for cond in (c for c in clause.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in {"unless", "if"} for m in cond.children):
                found = _actor_in(_child(cond, {"nsubj", "nsubjpass"}), by_token)
                if found is not None:
                    return found
    return None


def _noun_args(tok: Any, by_token: dict[int, Actor]) -> tuple[Actor | None, Actor | None]:
    """Arguments of an event noun: 'X's attack on Y', 'the killing of Y by X', 'US sanctions'."""
    poss = _child(tok, {"poss"})
    of = _prep_object(tok, {"of"})
    by = _prep_object(tok, {"by"})
    on = _prep_object(tok, TARGET_PREPS | {"from"})
    modifier = next((c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}
                     and c.i in by_token), None)
    source = _actor_in(by, by_token)
    target = _actor_in(on, by_token)
    if poss is not None:
        actor = _actor_in(poss, by_token)
        if of is not None or by is not None or tok.lemma_.lower() in PATIENT_NOUNS:
            target = target or actor
        else:
            source = source or actor
    if of is not None:
        target = target or _actor_in(of, by_token)
    if source is None and modifier is not None:
        source = by_token[modifier.i]
    if source is None and tok.dep_ in OBJECTS and tok.head.pos_ == "VERB":
        source = _actor_in(_child(tok.head, {"nsubj"}), by_token)  # "X announced sanctions on Y"
    if source is None and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.pos_ == "VERB" \
            and tok.lemma_.lower() in STANCE_NOUNS:
        source = _actor_in(_child(tok.head.head, {"nsubj"}), by_token)  # "X went on strike in protest at Y"
    return source, target
