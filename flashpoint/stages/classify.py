"""Classify: a trained sentence classifier for PLOVER event type and mode, beside the rules.

The rule coder (stage ``events``) finds triggers in its lexicon and their arguments in the
parse; it is precise but misses sentences whose verbs it does not know. This stage reads every
sentence with a small trained model (TF-IDF over the sentence's lemmas and main-verb markers,
logistic regression; trained by ``scripts/train_classifier.py``; see
``resources/model/MODEL_CARD.md``) and

- **adds** a sentence-level event to a sentence where the rules found none, when the model is
  confident the sentence reports an event (it has a ``NONE`` class for sentences that do not).
  Its trigger is the sentence's main verb (the clause under a reporting verb such as "said"),
  its source and target the actors of that clause's subject and object;
- **re-types** a sentence's lead rule event (:func:`lead_event`: happened, attributed, confident)
  when the model is confident of another type. By default only a generic "not specified
  below" CAMEO code such as 020 or 190 is re-typed: a specific code (082 "call off a strike",
  186 "assassinate", the demand 105 read off the parse) is the lexicon's considered reading of the
  trigger, and the sentence-level model, which cannot tell which clause it reads, overturned
  more of them wrongly than rightly (``retype_specific_threshold`` sets a threshold for them
  too), and
- **fills** a missing source or target of the lead event, when it is on the main verb, from the
  clause's actors, and
- **weighs** every rule event it keeps: its confidence rises by ``agreement`` when the model
  reads the sentence as the event's PLOVER type and falls by as much when it reads another
  type or none (the gate stage drops rule events left below its ``min_confidence``).

Rule events are never removed. ``policy`` selects what to do: ``combined`` (the above),
``rules`` (nothing; the rule coder alone) or ``model`` (rule events replaced by the model's
sentence events: for measuring the model alone). The model is loaded lazily from the package;
nothing is downloaded. Sentences of a document are vectorised in one batch.
"""
from __future__ import annotations

import dataclasses
import re
import weakref
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..codebook import CameoCode, generic_codes, is_generic
from ..config import CLASSIFIER_POLICIES
from ..errors import ConfigError, ResourceError
from ..model import Document, Event
from ..language.armed import ARMED_SECTORS
from ..language.arguments import clause_actors
from ..language.clauses import main_verb
from ..language.modality import modality_of
from ..language.spans import starting_in
from ..language.bombings import bombed
from ..language.victims import captured
from ..language.tokens import TokenTable
from ..language.countable import VIOLENCE

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "plover_classifier.joblib"
POLICIES = CLASSIFIER_POLICIES
NONE = "NONE"
# CAMEO roots of statements about an action (intent to cooperate, threat): the rules read the
# stance off the parse ("will send", "agreed to send", "threatened to strike"); not re-typed.
STANCE_ROOTS = {"03", "13"}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text the classifier sees: lower case, numbers as '0', single spaces."""
    return _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).strip()


def sentence_features(span: Any, *, toks: TokenTable | None = None, verb: Any | None = None) -> str:
    """What the classifier reads from a parsed sentence (a Span, or a Doc of one sentence): its
    lower-cased lemmas, then markers of its main verb (``v_<lemma>``, ``v_<lemma>_<particle>``,
    ``x_<lemma>`` for the verb of an open complement: "agreed to *release*"), and ``neg`` when
    the main verb is negated. ``toks`` (the document's columns) and ``verb`` (its main verb)
    spare the stage making a Token per word when it reads every sentence of a document."""
    toks = toks or TokenTable(span.doc)
    start, end = getattr(span, "start", 0), getattr(span, "end", len(span))
    lemma, wordlike = toks.lemma, toks.wordlike
    words = [_feature_word(lemma[i]) for i in range(start, end) if wordlike[i]]
    verb = verb if verb is not None else main_verb(span, toks=toks)
    lemma = verb.lemma_.lower()
    marks = [f"v_{lemma}"]
    marks += [f"v_{lemma}_{c.lower_}" for c in verb.children if c.dep_ in {"prt", "prep"}]
    marks += [f"x_{c.lemma_.lower()}" for c in verb.children if c.dep_ in {"xcomp", "ccomp"}]
    marks += ["neg"] if any(c.dep_ == "neg" for c in verb.children) else []
    return " ".join(words + marks)


@lru_cache(maxsize=65_536)
def _feature_word(lemma: str) -> str:
    return _DIGITS.sub("0", lemma.lower())


@dataclass(frozen=True)
class Guess:
    """The model's reading of one sentence."""

    event: str
    probability: float
    mode: str = ""


class SentenceModel:
    """The packaged classifier: type and mode probabilities for a batch of sentences."""

    def __init__(self, path: Path = MODEL_PATH):
        try:
            import joblib

            bundle = joblib.load(path)
        except (OSError, EOFError) as err:
            raise ResourceError(f"cannot load the event classifier: {err}", where=str(path),
                                fix="reinstall flashpoint, or run scripts/train_classifier.py") from None
        if not isinstance(bundle, dict) or bundle.get("format") != 1:
            raise ResourceError("the event classifier file has an unknown layout", where=str(path),
                                fix="retrain it with scripts/train_classifier.py")
        self.vectorizer = bundle["vectorizer"]
        self.types = bundle["types"]
        self.modes = bundle["modes"]
        for clf in (self.types, self.modes):  # stored sparse (small file); dense is faster to apply
            if hasattr(clf.coef_, "toarray"):
                clf.densify()
            # Fortran order and float64, so coef_.T is what X @ coef_.T needs: no copy per batch.
            clf.coef_ = np.asfortranarray(clf.coef_, dtype=np.float64)
        self.type_names = [str(c) for c in self.types.classes_]
        # For each type, the columns of its modes in the mode model ("TYPE/mode" labels).
        labels = [str(c) for c in self.modes.classes_]
        self.mode_columns = {t: [(i, lab.split("/", 1)[1]) for i, lab in enumerate(labels)
                                 if lab.startswith(t + "/")] for t in self.type_names}

    def guess(self, sentences: list[Any]) -> list[Guess]:
        """Guesses for parsed sentences (spaCy spans), vectorised as one batch."""
        return self.guess_features([sentence_features(s) for s in sentences])

    def guess_features(self, features: list[str]) -> list[Guess]:
        """Guesses for sentences given as :func:`sentence_features` strings."""
        if not features:
            return []
        X = self.vectorizer.transform(features)
        p_type = self.types.predict_proba(X)
        p_mode = self.modes.predict_proba(X)
        out = []
        for row, mrow in zip(p_type, p_mode):
            best = int(row.argmax())
            kind = self.type_names[best]
            out.append(Guess(kind, float(row[best]), self._mode(kind, mrow)))
        return out

    def _mode(self, kind: str, probs: Any) -> str:
        """The likeliest mode of the chosen type, if it has more than half of the type's share."""
        columns = self.mode_columns.get(kind) or []
        total = sum(float(probs[i]) for i, _ in columns)
        if not columns or total <= 0:
            return ""
        i, mode = max(columns, key=lambda c: probs[c[0]])
        return mode if probs[i] / total > 0.5 else ""


@lru_cache(maxsize=2)
def sentence_model(path: Path = MODEL_PATH) -> SentenceModel:
    """The packaged sentence model, loaded once per process (the classify, retype and rank stages
    share it)."""
    return SentenceModel(path)


# The packaged model's reading of every sentence of a document, by sentence index, kept by the
# classify stage for the retype and rank stages, keyed by the document's token table: an entry goes
# when its document does, so this holds the documents in flight, never the corpus.
_READINGS: weakref.WeakKeyDictionary[TokenTable, dict[int, Guess]] = weakref.WeakKeyDictionary()


def sentence_guesses(doc: Document, indices: Any) -> dict[int, Guess]:
    """The packaged sentence model's reading of the sentences ``indices`` of a parsed document, by
    sentence index: each read from the document's token columns with its main verb, as the
    classify stage reads it (the retype and rank stages' input). What the classify stage read of
    the same parse with the packaged model is reused, not read again."""
    known = _READINGS.get(doc.tokens) if doc.tokens is not None else None
    if known is not None:
        return {i: known[i] for i in sorted(set(indices)) if i in known}
    sents = list(doc.parse.sents)
    wanted = sorted({i for i in indices if i < len(sents)})
    toks = doc.tokens  # the document's token columns: one table, not one per sentence
    features = [sentence_features(sents[i], toks=toks, verb=main_verb(sents[i], toks=toks)) for i in wanted]
    return dict(zip(wanted, sentence_model(MODEL_PATH).guess_features(features)))


class EventTypeClassifier:
    """Pipeline stage: re-type and complete each sentence's lead rule event, and add attributed
    events to sentences the rules missed, where the trained model is confident."""

    name = "classify"
    requires = frozenset({"parse", "tokens", "actors", "places", "events"})
    # adds sentence-level events and re-types or completes rule events: a new list
    assigns = frozenset({"events"})
    updates: frozenset[str] = frozenset()

    def __init__(self, *, policy: str = "combined", add_threshold: float = 0.7,
                 retype_threshold: float = 0.5, retype_specific_threshold: float | None = None,
                 fill_actors: bool = True, require_source: bool = True, agreement: float = 0.2,
                 model_path: str | Path | None = None):
        if policy not in POLICIES:
            raise ConfigError(f"unknown classifier policy {policy!r}", where="policy",
                              fix=f"use one of {list(POLICIES)}")
        self.policy = policy
        self.add_threshold = add_threshold
        self.retype_threshold = retype_threshold
        self.retype_specific_threshold = retype_specific_threshold
        self.fill_actors = fill_actors
        self.require_source = require_source
        self.agreement = agreement
        self.model_path = Path(model_path) if model_path else MODEL_PATH

    @cached_property
    def model(self) -> SentenceModel:
        return sentence_model(self.model_path)

    def __call__(self, doc: Document) -> Document:
        if self.policy == "rules" or doc.parse is None:
            return doc
        sents = list(doc.parse.sents)
        toks = doc.tokens
        verbs = [main_verb(s, toks=toks) for s in sents]
        guesses = self.model.guess_features([sentence_features(s, toks=toks, verb=v)
                                             for s, v in zip(sents, verbs)])
        if self.model_path == MODEL_PATH and toks is not None:  # the retype and rank stages' input
            _READINGS[toks] = dict(enumerate(guesses))
        by_sentence: dict[int, list[Event]] = {}
        for ev in doc.events:
            by_sentence.setdefault(ev.sentence_index, []).append(ev)
        events: list[Event] = []
        for index, (sent, guess) in enumerate(zip(sents, guesses)):
            rule_events = [] if self.policy == "model" else by_sentence.get(index, [])
            if rule_events:
                lead = lead_event(rule_events, main_verbs=frozenset({verbs[index].idx}))
                events.extend(self._weigh(self._fill(self._retype(ev, guess), sent, verbs[index], doc)
                                          if ev is lead else ev, guess) for ev in rule_events)
            elif guess.event != NONE and guess.probability >= self.add_threshold:
                event = self._sentence_event(doc, index, sent, verbs[index], guess)
                if event.source is not None or not self.require_source:
                    events.append(event)
        events += [ev for i, evs in by_sentence.items() if i >= len(sents) for ev in evs]
        events = [bombed(ev, doc.parse) for ev in events]  # a death from a bomb on the ground: 183
        events = [captured(ev, doc.parse) for ev in events]  # people captured: 173, by fighters 181
        return dataclasses.replace(doc, events=tuple(events))

    def _fill(self, ev: Event, sent: Any, verb: Any, doc: Document) -> Event:
        """A sentence's lead rule event, on its main verb, that lacks a source or target takes
        the clause's actors; the place an act happened stands in for its target only for
        violence, whose victims the annotators give the country of where it happened."""
        if not self.fill_actors or (ev.source and ev.target) or ev.trigger_start != verb.idx:
            return ev
        source, target = clause_actors(verb, sent, doc.actors, scenes=ev.cameo[:2] in VIOLENCE)
        source = ev.source or (source if source != ev.target else None)
        target = ev.target or (target if target != source else None)
        return dataclasses.replace(ev, source=source, target=target)

    def _weigh(self, ev: Event, guess: Guess) -> Event:
        """A rule event's confidence, up when the model reads its sentence as the event's type
        and down when it reads another type or none."""
        if ev.coder != "rule" or not self.agreement:
            return ev
        change = self.agreement if guess.event == ev.plover_type else -self.agreement
        return dataclasses.replace(ev, confidence=round(min(max(ev.confidence + change, 0.0), 1.0), 3))

    def _retype(self, ev: Event, guess: Guess) -> Event:
        if ev.cameo[:2] in STANCE_ROOTS:
            return ev  # the model reads the action's words, not the stance taken on it
        needed = self.retype_threshold if is_generic(ev.cameo) else self.retype_specific_threshold
        if needed is None or guess.event in {NONE, ev.plover_type} or guess.probability < needed:
            return ev
        code = self._code(guess)
        if ev.quad_class == 4 and code.quad_class in {1, 2} and ev.source is not None \
                and ev.source.sector in ARMED_SECTORS:
            return ev  # armed men's act of force: the model may say which, never turn it into cooperation
        return dataclasses.replace(ev, cameo=code.code, plover_type=guess.event, plover_mode=code.plover_mode,
                                   goldstein=code.goldstein, quad_class=code.quad_class, coder="model")

    def _code(self, guess: Guess) -> CameoCode:
        return generic_codes().get(f"{guess.event}/{guess.mode}") or generic_codes()[guess.event]

    def _sentence_event(self, doc: Document, index: int, sent: Any, anchor: Any, guess: Guess) -> Event:
        source, target = clause_actors(anchor, sent, doc.actors, strict=self.require_source)
        code = self._code(guess)
        places = starting_in(doc.places, sent.start_char, sent.end_char)
        return Event(
            doc_id=doc.id, sentence_index=index, evidence_start=sent.start_char,
            evidence_end=sent.end_char, evidence_text=sent.text, trigger=anchor.text,
            trigger_start=anchor.idx, cameo=code.code, plover_type=guess.event,
            plover_mode=guess.mode or code.plover_mode, goldstein=code.goldstein, quad_class=code.quad_class,
            source=source, target=target, modality=modality_of(anchor), locations=places,
            confidence=round(0.5 * guess.probability, 3), coder="model",
        )


def lead_event(events: list[Event], *, main_verbs: frozenset[int] = frozenset()) -> Event:
    """The event that speaks for its sentence: one that happened, with a source, on the
    sentence's main verb (``main_verbs``: their character offsets; an event in a purpose or
    relative clause is background), with a target, the most confident, the earliest."""
    return max(events, key=lambda e: (e.happened, e.trigger_start in main_verbs, e.source is not None,
                                      e.target is not None, e.confidence, -e.trigger_start))


def main_verb_starts(doc: Document) -> frozenset[int]:
    """Character offsets of the main verb (:func:`main_verb`) of each sentence of a document."""
    return frozenset(main_verb(s).idx for s in doc.parse.sents) if doc.parse is not None else frozenset()
