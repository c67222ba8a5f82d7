"""Gate: drop coded events that are not political events.

Runs after classify and locate (it sees every event's final code, source and target) and
before dates. Each check reads the event's trigger in the spaCy parse and its actors; an event
that fails one is dropped, not kept with a lower confidence, because every consumer (store,
dyad series, escalation) counts events and none filters by confidence. The checks, each
chosen on the tune half of the project's news gold (``docs/news-gold.md``) and kept only where
the check half agreed:

- ``modifier``: a verb that only describes a noun is not a new event ("forces backed by
  foreign powers", "the move to withdraw troops", "those kidnapped by the group"); but a
  participle with an object is a finite verb the parse misread ("a car bomb targeting recruits
  killed nine people"), so is one with no agent on the noun a sentence with no verb hangs on
  ("some thirty teachers protested in the square"), and a weapon's own blast is the act ("a car
  bomb detonated at the market");
- ``infinitive``: an infinitive is the content or purpose of another word, not an act that
  happened ("launched the assault, aiming to force them out", "urged them to ensure ...",
  "an effort to help"); the act that carries it (urging, threatening, vowing) is coded by its own verb; material
  conflict a purpose gives at a named place is under way, kept ``hypothetical`` (``intent.purposed``);
- ``agent``: a political event needs an actor that acts. A source whose head word is an
  event, a state of affairs, an object, a vehicle or a natural phenomenon ("Russia's
  intervention", "the Syrian war", "a passenger jet", "the earthquake") acts for nobody, except
  an attack or weapon as the source of violence ("a U.S. drone strike killed ..."); a source
  named inside such a subject's phrase does not act either ("an explosion at a mine in Shanxi
  killed ...");
- ``unattributed``: violence (CAMEO 18-20) with no actor named for it is not an event when a
  disaster or an accident is told of in its sentence or the one before (deaths in a stampede, a
  crash, an explosion of a gas tank, a flood), unless the text calls it an attack, nor when its
  subject cannot act; a bare "four civilians were killed" stays, as news of that kind nearly
  always reports an attack; an explosion (a blast, "exploded", "detonated") is violence only
  when the text names a weapon, an attack or fighters, a vehicle blew up, or it hit a state's or
  an armed actor's people or premises, and never with a word of an industrial accident ("gas",
  "mine", "plant") unless called an attack;
- ``mishap`` (:mod:`flashpoint.language.mishaps`): violence by no actor whose cause the clause
  gives as a fire, a disaster, an accident or an illness: a participle's shared subject ("a fire
  ripped through a factory, killing 14"), the subject of a verb of harm or the trigger's cause
  ("the fire killed three", "killed in a fire"; not "sniper fire") or a clause of time ("killed
  when the roof collapsed"), unless the sentence names an attack, a weapon or fighters; ``afflicted``
  (:mod:`flashpoint.language.afflictions`): force whose own doer is an illness or a natural object ("a new
  strain killed eleven", whatever source was found), or done to an illness or only to animals ("fighting malaria");
- ``opinion``: a verb of opinion or agreement whose content is a clause ("analysts agreed that
  Tehran would seek revenge", "officials believe that ...") states a view, not an act;
- ``warning``: a warning that something is so ("the Red Cross warned that families had no clean
  water") is a statement, not a threat; warning someone against an act, or of what someone will
  do, is a threat;
- ``logistics``: moving people about ("troops were flown to Germany", "the families arrive after a
  drive") is not a meeting, a pledge or aid; a head of government arriving abroad is a visit;
- ``metaphor``: violence against a quality ("damaged America's image", "hurt its credibility") is not violence;
- ``mood``: an act only supposed or denied, or the content of a threat ("warned Greece against
  sending ships"), is not an event; a stated intent or threat, a decision, an attempt and an act an actor will do at a named place are;
- ``participle``: a participle clause that only adds to a statement about something else
  ("died in Syria fighting with the YPG", "the jet crashed, killing all on board"), unless it goes
  with another coded act or an attack ("rockets struck the base, wounding four"); ``question``: asks, reports nothing;
- ``nameless``: a word or a cooperative act (CAMEO 01-13, 16) with no known country or
  organisation on either side, nor a named one ("the fighters praised the decision") is
  nothing a dyad can count; material conflict (protest, posture, coercion, violence) stays, as
  "fighters were killed" is news whoever did it, and so are threats of force (138);
- ``redundant``: one event per pair of countries on a trigger: an event whose countries another
  event on the same trigger and code has too, or adds to ("officials and Turkish ministers
  urged Iraq": the officials' event goes);
- ``conditional``: an act in a condition ("if Greece threatened ...") is only supposed (``mood`` keeps threats);
- ``prepositional``: a gerund that is the object of a preposition is background ("criticised
  after meeting ...", "thanked for helping ..."), except the means of an act ("by threatening")
  and material conflict;
- ``purpose``: an infinitive of purpose says what an act is for ("retain a force to fight
  terrorists", "left London to join the group"), whether or not that act is coded; the mission
  of people sent somewhere stays ("dispatched inspectors to monitor the plant");
- ``nominal`` (:mod:`flashpoint.language.clauses`): an event noun that is not its clause's
  subject or object ("on the eve of the airstrikes", "is a threat to peace"), unless it is the
  attack a death happened in ("killed in an airstrike") or names both sides or a person as
  target ("Iran's missile attack on the base", "the assassination of General X");
- ``habitual``, ``circumstance``, ``present_state`` (:mod:`flashpoint.language.descriptions`), ``aside`` (clauses),
  ``unattributed_quote`` (:mod:`flashpoint.language.voices`): a quotation whose sentence names no speaker;
- ``idiom`` (:mod:`flashpoint.language.idioms`): force used on a prize, a mind or a picture, or by a
  camera ("captured the title", "captured the imagination"): sport, elections, the arts;
- ``posture``, ``procession``, ``exhibit`` (:mod:`flashpoint.language.displays`): a show with no one to show it
  to: a patrol with no object or place ("Soldiers often patrol"), a march by no crowd for no cause, a thing demonstrated;
- ``crime``, ``peacetime_force``, ``private_act`` (:mod:`flashpoint.language.crime`): in a story naming no force
  of war or strife, force with no police or court on a side, words and deals between private people;
- ``eventless`` (:mod:`flashpoint.language.emptiness`; config ``gate_empty_sentences``, on): every event of a
  sentence a model trained on blind-coded real news finds empty of events (a writer's story, an aside);
- ``implausible`` (:mod:`flashpoint.language.plausibility`; config ``gate_plausibility``) and ``doubtful``
  (config ``gate_min_confidence``), both off by default: a model trained on blind-coded real news finds
  the event unlikely; a rule event's confidence (actors, lexicon row, classifier's agreement) is too low.
"""
from __future__ import annotations

import bisect
import dataclasses
from typing import Any

from ..model import Actor, Document, Event
from ..language.armed import ARMED_SECTORS, BLASTS, is_weapon  # an actor of ARMED_SECTORS is armed
from ..language.blasts import BLAST_WORDS, EXPLICIT, armed_blast, blast
from ..language.grammar import ATTACK_CAUSES, first_conjunct, mention_head, trigger_token
from ..language.intent import INTENT_HEADS, planned, purposed  # purposes: judged by infinitive, purpose
from ..language.countable import VIOLENCE, conditional, nameless, prepositional, purpose, redundant
from ..language.clauses import aside, nominal
from ..language.descriptions import circumstance, habitual, located, present_state
from ..language.mishaps import MISHAPS, mishap  # disasters and accidents: no political author
from ..language.afflictions import afflicted  # illness, nature, animals: force no party uses
from ..language.plausibility import implausible  # the learned check, last
from ..language.idioms import idiom
from ..language.displays import exhibit, posture, procession  # shows no one is shown
from ..language.crime import crime, peaceful, peacetime_force, private_act  # private people's acts in a story of no war
from ..language.voices import question, unattributed_quote
from ..language.emptiness import eventless  # a sentence a learned model finds empty of events

# Words that make unattributed violence an attack: attacks and weapons (the events stage's
# own ATTACK_CAUSES) and the people who fight.
ARMED = frozenset({"gunman", "militant", "sniper", "insurgent", "rebel", "jihadist", "fighter",
                   "soldier", "troop", "force", "militia", "terrorist", "bomber", "army", "police",
                   "war", "fighting", "clash", "battle", "offensive", "raid", "assault", "massacre",
                   "shell", "shelling", "execution", "torture", "kidnapping", "abduction"})
# Heads of phrases that name an actor though they are common nouns in no actor table.
PEOPLE = frozenset({"people", "person", "man", "woman", "child", "family", "group", "crowd",
                    "resident", "villager", "civilian", "citizen", "member", "worker", "student",
                    "mourner", "protester", "demonstrator", "refugee", "migrant", "activist",
                    "supporter", "analyst", "expert", "official", "leader", "one", "other",
                    "some", "many", "all", "both", "each", "several", "most", "none", "who"})
# Heads that cannot act: events, states of affairs, objects, vehicles, natural phenomena.
NON_AGENTS = frozenset({
    "intervention", "incursion", "invasion", "operation", "campaign", "move", "decision", "plan",
    "policy", "strategy", "measure", "step", "war", "conflict", "crisis", "fortune", "situation", "deal", "agreement",
    "talk", "process", "effort", "attempt", "pressure", "threat", "violence", "presence",
    "withdrawal", "pullout", "sanction", "announcement", "report", "statement", "claim",
    "evidence", "result", "analysis", "investigation", "influx", "flow", "rise", "fall", "loss",
    "death", "killing", "image", "reputation", "economy", "region", "area", "territory",
    "airliner", "freighter", "ferry", "tanker", "car", "truck", "lorry", "van", "bus", "train", "vehicle", "pipeline", "plant", "factory", "building", "bridge",
    "dam", "gas", "oil", "fuel", "water", "fire", "smoke", "weather", "rain", "snow", "wind",
    "heat", "cold",
} | MISHAPS)
COURSES = frozenset({"strategy", "policy", "campaign", "plan", "programme", "program", "effort"})  # their owner acts
# Craft that stand for the forces that use them, unless they carry civilians.
CRAFT = frozenset({"jet", "plane", "aircraft", "warplane", "helicopter", "gunship", "drone", "tank",
                   "ship", "warship", "boat", "gunboat", "vessel", "frigate", "submarine", "bomber"})
CIVILIAN = frozenset({"passenger", "civilian", "commercial", "cargo", "private", "fishing", "tourist",
                      "gas", "fuel", "oil", "water", "storage", "septic"})
# Road vehicles a word marks as a force's (FORCE_MARKS: 'military trucks', 'an army jeep') stand for the forces
# in them, as a tank does; with no such word a vehicle is a thing. Not 'car': police cars figure as objects.
ROAD_VEHICLES = frozenset({"truck", "lorry", "vehicle", "jeep", "van", "carrier"})
FORCE_MARKS = frozenset({"army", "military", "armoured", "armored", "armed", "troop", "naval", "navy",
                         "police", "fighter", "combat", "war"})
# An attack or weapon may be the source of violence ("a U.S. drone strike killed ...").
ATTACKS = ATTACK_CAUSES | {"strike", "airstrike", "attack", "raid", "bombing", "missile", "rocket"}
COMMENTATORS = frozenset({"EDU", "JRN"})
VERBAL = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})  # commentators speaking: comment
OPINION = frozenset({"agree", "believe", "think", "argue", "feel", "hope", "fear", "expect",
                     "suspect", "suggest", "insist", "reckon", "assume", "conclude", "predict",
                     "doubt", "wonder", "worry", "know", "understand", "consider", "imagine"})
MOTION = frozenset({"arrive", "go", "come", "fly", "travel", "drive", "walk", "sail", "head",
                    "move", "return", "flee", "cross", "transfer", "ferry", "airlift", "ship"})
ATTEMPTS = frozenset({"attempt", "bid"})  # "an attempt to assassinate X was thwarted" is an act
STATED = frozenset({"03", "13"})
DECIDED = frozenset({"decide", "try", "attempt", "vote", "resolve"})
FUTURE = frozenset({"will", "would", "shall", "'ll"})
STATES = frozenset({"die", "be", "remain", "live", "stay", "regard", "seem", "appear", "balk"})
SEEMING = frozenset({"appear", "seem", "be"})
ASPECT = frozenset({"continue", "begin", "start", "resume", "keep", "proceed", "manage", "succeed"})
ENVOYS = frozenset({"GOV", "LEG", "ELI"})  # whose travel abroad is a visit ('arrived in Amman')
MEETING_ROOTS = frozenset({"03", "04"})
QUALITIES = frozenset({"image", "reputation", "credibility", "standing", "prestige", "legitimacy",
                       "morale", "confidence", "trust", "relation", "relationship",
                       "tie", "chance", "prospect", "hope", "economy", "pride", "dignity",
                       "honour", "honor", "brand", "influence", "sentiment", "career"})


@dataclasses.dataclass(frozen=True)
class Seen:
    """What the checks read of a document, gathered once per document so that the gate stays
    linear in its events: its parse, where its coded events' triggers start and where the armed
    actors it names start."""

    parse: Any
    triggers: frozenset[int]
    armed: tuple[int, ...]  # sorted start offsets of the armed actors named (ARMED_SECTORS)
    # the events coded on each (trigger offset, CAMEO code), in document order
    alike: dict[tuple[int, str], tuple[Event, ...]] = dataclasses.field(default_factory=dict)
    peaceful: bool = False  # a story naming no force of war or strife (language.crime)

    @classmethod
    def of(cls, doc: Document) -> Seen:
        armed = sorted(a.start for a in doc.actors if a.sector in ARMED_SECTORS and a.kind != "unidentified")
        alike: dict[tuple[int, str], tuple[Event, ...]] = {}
        for e in doc.events:
            alike[e.trigger_start, e.cameo] = alike.get((e.trigger_start, e.cameo), ()) + (e,)
        return cls(doc.parse, frozenset(e.trigger_start for e in doc.events), tuple(armed), alike, peaceful(doc))


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def modifier(event: Event, tok: Any, seen: Seen) -> bool:
    """A verb that only describes a noun: 'forces backed by ...', 'those kidnapped by ...'."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ != "acl" or tok.tag_ not in {"VBN", "VBG"}:
        return False
    if tok.tag_ == "VBN" and any(c.dep_ == "dobj" for c in tok.children) or located(event, tok):
        return False  # a passive participle takes no object ('a car bomb targeting X killed eight'); or its place
    if tok.head.dep_ == "ROOT" and tok.head.pos_ in {"NOUN", "PROPN", "NUM"} \
            and not any(c.dep_ == "agent" for c in tok.children):
        return False  # a sentence with no verb of its own: the participle is its verb, misread
        # ('Some 30 teachers today protested in Pellam'), or a headline's ('Two guards wounded in
        # ambush'); not one with its agent, a reduced relative ('rebel groups supported by Turkey')
    if _lemma(tok) in BLASTS and is_weapon(tok.head, blast=True):
        return False  # the weapon's own blast is the act: 'a car bomb detonated at the market'
    # a participle with its own subject or auxiliary is a clause ('the claim that X had taken')
    return not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children)


def infinitive(event: Event, tok: Any, seen: Seen) -> bool:
    """'aiming to force', 'urged Putin to ensure', 'an effort to help'; not the act a verb of
    aspect or achievement carries ('continue to pound the area', 'managed to push them out')."""
    if planned(event, tok):  # 'launched an offensive to capture X' at a named place: under way (intent.purposed)
        return False
    tok = first_conjunct(tok)  # 'to attend meetings and offer lifts': both infinitives
    if tok.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    if head.pos_ in {"NOUN", "PROPN"}:
        return _lemma(head) not in ATTEMPTS
    if head.pos_ == "ADJ":  # 'right to warn', 'quick to travel'; not 'ready to send' (intent.py)
        return _lemma(head) not in INTENT_HEADS
    if head.pos_ in {"VERB", "AUX"} and _lemma(head) in SEEMING:
        return True  # 'appear to be associated', 'his job was to go from house to house'
    return head.pos_ in {"VERB", "AUX"} and _lemma(head) not in ASPECT and head.idx in seen.triggers


def participle(event: Event, tok: Any, seen: Seen) -> bool:
    """A participle clause that only adds to a statement about something else ('died in Syria
    fighting with the YPG', 'the jet crashed, killing all on board', 'balk at it, claiming ...');
    one that goes with another coded act stays ('rockets struck the base, wounding four')."""
    tok = first_conjunct(tok)
    if tok.dep_ != "advcl" or tok.tag_ not in {"VBG", "VBN"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in tok.children):
        return False
    head = tok.head
    if head.idx in seen.triggers:
        return False
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(_lemma(c) in ATTACKS | ARMED for c in subjects):
        return False  # 'eight rockets struck the base, wounding four'
    # what the clause says is a state or a mishap: 'died fighting', 'the jet crashed, killing'
    return _lemma(head) in STATES or any(_lemma(c) in NON_AGENTS for c in subjects)


def mood(event: Event, tok: Any, seen: Seen) -> bool:
    """An act the sentence only supposes ('would help us if ...', 'the answers could include')
    or says did not happen, or the content of a threat ('warned Greece against sending ships': the threat is
    the event, coded 13). A stated intent or threat (CAMEO 03, 13) is itself the act, and so
    is a decision or an attempt ('decided to allow', 'tried to hack')."""
    if event.modality == "negated":
        return True
    if event.modality not in {"hypothetical", "threatened"} or event.cameo[:2] in STATED:
        return False
    return not (tok.dep_ == "xcomp" and _lemma(tok.head) in DECIDED or planned(event, tok) or purposed(tok))


def is_actor(actor: Actor, parsed: Any, *, violence: bool = False) -> bool:
    """Can this mention act? A named entity, a pronoun, a person or a group can, and so can the
    craft a state's forces fight with ('Israeli tanks shelled ...'); an event, a state of
    affairs, an object, a civilian vehicle or a natural phenomenon cannot (an attack or weapon
    can be the author of violence)."""
    head = mention_head(actor, parsed)
    if head is None or head.pos_ in {"PROPN", "PRON"}:
        return True
    lemma = _lemma(head)
    if lemma in COURSES and any(c.dep_ == "poss" for c in head.children):
        return True  # 'the administration's strategy of threatening Tehran': the owner acts
    if lemma in CRAFT:
        return not any(_lemma(c) in CIVILIAN for c in head.children)
    if lemma in ROAD_VEHICLES and any(_lemma(c) in FORCE_MARKS for c in head.children
                                      if c.dep_ in {"compound", "amod", "nmod"}):
        return True
    if violence and lemma in ATTACKS:
        return True
    return lemma not in NON_AGENTS


def agent(event: Event, tok: Any, seen: Seen) -> bool:
    """The source cannot act: 'Russia's intervention to prevent ...', 'the Syrian war ...'."""
    if event.source is None or event.source.kind == "unidentified":
        return False
    head = mention_head(event.source, seen.parse)
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if head is not None and subject is not None and head.i != subject.i and event.cameo[:2] in VIOLENCE \
            and subject.left_edge.i <= head.i <= subject.right_edge.i:
        head = subject  # named inside the subject's phrase: 'an explosion at a mine in Shanxi killed ...'
        if _lemma(head) in NON_AGENTS and _lemma(head) not in ATTACKS:
            return True
    if head is not None and _lemma(head) in BLAST_WORDS:  # 'a gas explosion (occurred)': no weapon, no author
        return not armed_blast(event, tok, tok.sent)
    if head == tok:  # "Washington's withdrawal": the act itself
        return False
    return not is_actor(event.source, seen.parse, violence=event.cameo[:2] in VIOLENCE)


def _attack_cued(sentence: Any, seen: Seen) -> bool:
    """Does the sentence call it an attack: an attack, weapon or armed actor named in it?"""
    for t in sentence:
        if {_lemma(t), t.lower_} & (ATTACKS | ARMED):  # 'shooting' may be lemmatised 'shoot'
            return True
    at = bisect.bisect_left(seen.armed, sentence.start_char)
    return at < len(seen.armed) and seen.armed[at] < sentence.end_char


def unattributed(event: Event, tok: Any, seen: Seen) -> bool:
    """Violence by nobody named that a disaster or an accident caused: 'an earthquake killed
    eight people', 'killed in a stampede', and the injured of a stampede told of in the sentence
    before. Violence with no cause given ('at least two civilians were killed') stays: in the
    news it is nearly always an attack."""
    if event.cameo[:2] not in VIOLENCE:
        return False
    source = event.source
    if source is not None and source.kind != "unidentified" and is_actor(source, seen.parse):
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if source is None and any(c.pos_ in {"PROPN", "PRON"} for c in subjects):
        return False  # an author the actor tables do not know: 'the NPFL had taken over the city'
    if any(_lemma(c) in NON_AGENTS and _lemma(c) not in ATTACKS for c in subjects):
        return True  # 'the measures target eight officials', 'the flood killed ...'
    sentence = tok.sent
    if _mishap(sentence):  # unless the text calls it an attack: 'a bomb attack caused a stampede'
        return not any(_lemma(t) in EXPLICIT for t in sentence)
    if blast(tok) and not armed_blast(event, tok, sentence):
        return True  # 'an explosion at the chemical plant killed two': no weapon, no attack
    if _attack_cued(sentence, seen):
        return False
    before = sentence.start - 1
    return before >= 0 and _mishap(sentence.doc[before].sent)


def _mishap(sentence: Any) -> bool:
    return any(_lemma(t) in MISHAPS for t in sentence)


def opinion(event: Event, tok: Any, seen: Seen) -> bool:
    """'analysts agreed that Tehran would seek revenge': a view, not an act."""
    if _lemma(tok) not in OPINION:
        return False
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(_commits(c) for c in clauses)


def warning(event: Event, tok: Any, seen: Seen) -> bool:
    """'the Red Cross warned that families had no clean water': a warning of a state of affairs
    is a statement (CAMEO 010, not coded on its own), not a threat; warning someone ('warned
    Greece against sending ships') or of what someone will do ('warned that it would strike
    back') is."""
    if _lemma(tok) != "warn" or event.cameo[:2] != "13":
        return False
    if any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"against", "of"}) for c in tok.children):
        return False
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    return bool(clauses) and not any(_commits(c) or _promised(c) for c in clauses)


def _promised(clause: Any) -> bool:
    """Does the clause say what someone will do ('officers will no longer tolerate the
    marches'), rather than how things are or will be ('the fighting could be worse', 'many will
    die')?"""
    return _lemma(clause) not in STATES and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in clause.children)


OWN = frozenset({"we", "they", "it", "i", "our", "their", "its", "my"})


def _commits(clause: Any) -> bool:
    """Is the clause about the speakers' own conduct ('agreed that their countries should
    cooperate', 'insisted they would stay')? That is a pledge or a demand, not a view."""
    for subj in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subj.lower_ in OWN or any(c.dep_ == "poss" and c.lower_ in OWN for c in subj.children):
            return True
    return False


def commentary(event: Event, tok: Any, seen: Seen) -> bool:
    """Analysts, experts and journalists speaking, or the media helping ('a wire agency contributed reporting')."""
    sector = event.source.sector if event.source is not None else None
    return sector in COMMENTATORS and event.cameo[:2] in VERBAL or sector == "JRN" and event.cameo[:2] in {"06", "07", "08"}


def logistics(event: Event, tok: Any, seen: Seen) -> bool:
    """'troops were flown to Germany', 'the families arrive': movement is not a meeting."""
    if _lemma(tok) not in MOTION or any(c.dep_ == "dobj" for c in tok.children):  # 'return weapons'
        return False
    moved = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children) \
        and not any(c.dep_ == "agent" for c in tok.children)  # 'were flown to Germany'
    if not moved and event.cameo[:2] not in MEETING_ROOTS:
        return False
    return event.source is None or event.source.sector not in ENVOYS


def metaphor(event: Event, tok: Any, seen: Seen) -> bool:
    """'damaged America's image': violence against a quality."""
    if event.cameo[:2] not in VIOLENCE:
        return False
    return any(c.dep_ in {"dobj", "nsubjpass"} and _lemma(c) in QUALITIES for c in tok.children)


CHECKS = (modifier, infinitive, agent, unattributed, mishap, afflicted, opinion, warning, commentary, logistics,
          metaphor, idiom, posture, procession, exhibit, crime, peacetime_force, private_act, mood, participle,
          question, nameless, redundant, conditional, prepositional, purpose, nominal, habitual, circumstance, aside,
          present_state, unattributed_quote, eventless, implausible)


class EventGate:
    """Drops the events that fail any of ``checks`` (see the module's docstring)."""

    name = "gate"
    requires = frozenset({"parse", "actors", "events"})
    # drops events, keeping the rest as they are; after classify, so its events are gated too
    updates = frozenset({"events"})
    assigns: frozenset[str] = frozenset()

    def __init__(self, *, checks: tuple[Any, ...] = CHECKS, min_confidence: float = 0.0, learned: bool = False,
                 empty_sentences: bool = True):
        off = {c for c, on in ((implausible, learned), (eventless, empty_sentences)) if not on}
        self.checks = tuple(c for c in checks if c not in off)
        self.min_confidence = min_confidence

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or not doc.events:
            return doc
        kept = self._kept(doc)
        return doc if len(kept) == len(doc.events) else dataclasses.replace(doc, events=kept)

    def failed(self, event: Event, doc: Document) -> str | None:
        """The name of the first check the event fails, or None."""
        return self._failed(event, Seen.of(doc))

    def _kept(self, doc: Document) -> tuple[Event, ...]:
        """The events that pass every check."""
        seen = Seen.of(doc)
        return tuple(e for e in doc.events if not self._failed(e, seen))

    def _failed(self, event: Event, seen: Seen) -> str | None:
        if event.coder == "rule" and event.confidence < self.min_confidence:
            return "doubtful"
        tok = trigger_token(event, seen.parse)
        if tok is None:
            return None
        return next((c.__name__ for c in self.checks if c(event, tok, seen)), None)
