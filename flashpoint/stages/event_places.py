"""Event places: each event keeps in ``locations`` only the place(s) where it happened, and the
sentence's other places go to ``mentioned_places``.

Until this stage an event carries every place of its sentence, which is what the ``locate``
stage reads to give groups a country ("police in Dili"); so this stage runs after it. For each
event, every candidate place of its sentence (:mod:`flashpoint.language.place_attachment`: the
resolved places, and names the gazetteer did not resolve) is scored by a model (a logistic
regression blended with gradient-boosted trees) on the parse between the event's trigger and
the place ("killed in Aleppo" yes; "a man from Aleppo", "told reporters in Washington", "the war
in Syria was discussed" no). A country that
modifies a noun ("a U.S. contractor") and a known person ("the assassination of Soleimani") are
never the place; places joined by "and" share the
reading of the first ("in Erbil and al Anbar province"). Candidates at or above the model's
threshold are the event's ``locations``; a sentence that gives no place for
the event gives none. An unresolved name kept as the event's place has a name and offsets but
no country or coordinates.

The model (``resources/model/event_place.json``: the regression's weights by feature name and
intercept, the trees over named features, the trees' share and the threshold) is trained by
``scripts/train_event_places.py`` on the tune half of the event_location development set; see
``resources/model/MODEL_CARD.md``.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from pathlib import Path
from typing import Any

from ..knowledge.linear import LinearModel
from ..knowledge.trees import Blend
from ..language.grammar import trigger_token
from ..model import Actor, Document, Place
from ..language.place_attachment import Candidate, candidate_features, phrase_noun, sentence_candidates, subject_home

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "event_place.json"


class PlaceModel(LinearModel):
    """A place model stored as weights by feature name: a logistic regression
    (:class:`flashpoint.knowledge.linear.LinearModel`)."""

    what = "event place model"
    trainer = "scripts/train_event_places.py"

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> PlaceModel | Blend:
        """The model file's model: a logistic regression blended with gradient-boosted trees
        when the file holds ``trees`` (the shipped model since the fifteenth session), else the
        regression alone."""
        return cls._read(path, lambda d: Blend.from_dict(d) if "trees" in d else cls.from_dict(d))


class SentenceIndex:
    """A document's places, actors and entities grouped by sentence once, so that scoring an
    event reads only its own sentence's (time linear in the document, not events x places)."""

    def __init__(self, doc: Document) -> None:
        sents = list(doc.parse.sents)
        self._chars = [s.start_char for s in sents]
        self._tokens = [s.start for s in sents]
        self._places: dict[int, list[Place]] = {}
        self._actors: dict[int, list[Actor]] = {}
        self._ents: dict[int, list[Any]] = {}
        for p in doc.places:
            self._places.setdefault(bisect_right(self._chars, p.start) - 1, []).append(p)
        for a in doc.actors:  # an actor that runs over a sentence end belongs to each sentence it touches
            for n in range(bisect_right(self._chars, a.start) - 1, bisect_left(self._chars, a.end)):
                self._actors.setdefault(n, []).append(a)
        for ent in doc.parse.ents:
            self._ents.setdefault(bisect_right(self._tokens, ent.start) - 1, []).append(ent)

    def places_and_actors(self, sent: Any) -> tuple[tuple[Place, ...], tuple[Actor, ...]]:
        n = bisect_right(self._chars, sent.start_char) - 1
        return tuple(self._places.get(n, ())), tuple(self._actors.get(n, ()))

    def ents(self, sent: Any) -> list[Any]:
        """The entities inside the sentence (what spaCy's ``sent.ents`` gives)."""
        n = bisect_right(self._tokens, sent.start) - 1
        return [e for e in self._ents.get(n, ()) if e.end <= sent.end]


def score_places(verb: Any, parsed: Any, places: tuple[Place, ...], model: PlaceModel | Blend, *,
                 actors: tuple[Actor, ...] = (), ents: Any = None) -> list[tuple[Candidate, float]]:
    """Every candidate place of the verb's sentence with the probability that the verb's event
    happened there (``ents``: the sentence's entities, see ``sentence_candidates``)."""
    cands = sentence_candidates(parsed, verb.sent, places, ents=ents)
    probs = [0.0 if f is None or subject_home(verb, c, parsed) else model.probability(f)
             for c, f in zip(cands, candidate_features(verb, cands, parsed, actors))]
    return list(zip(cands, share_within_phrase(cands, share_with_conjuncts(cands, probs, parsed), parsed)))


def share_with_conjuncts(cands: list[Candidate], probs: list[float], parsed: Any) -> list[float]:
    """Places joined by "and"/"or" share their reading ("fired missiles at bases in Erbil and al
    Anbar province"): a conjunct takes the probability of the place it is joined to when higher."""
    at = {i: n for n, c in enumerate(cands) for i in range(c.start, c.end)}
    out = list(probs)
    for n, c in enumerate(cands):
        tok = parsed[c.start:c.end].root
        for _ in range(4):
            if tok.dep_ != "conj" or tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.i in at:
                out[n] = max(out[n], out[at[tok.i]])
                break
    return out


def share_within_phrase(cands: list[Candidate], probs: list[float], parsed: Any) -> list[float]:
    """Names in one phrase share their reading: "in the al-Tarikh area of Jiddah" and "in
    Mogadishu's Huriwa district" place the event in both, the finer place and the one it lies in
    (:func:`~flashpoint.language.place_attachment.phrase_noun`). Only a phrase whose noun is a
    common noun (an area, a district, a village) is a place's phrase: the pieces of one long
    name ("the Joint Plan of Action (JPA)", a treaty) keep their own readings."""
    best: dict[int, float] = {}
    roots = [parsed[c.start:c.end].root for c in cands]
    nouns = [phrase_noun(r).i for r in roots]
    own = [n == r.i or parsed[n].pos_ == "NOUN" or c.resolved for n, r, c in zip(nouns, roots, cands)]
    # a candidate that shares no phrase gets a key of its own (negative: no token's index)
    nouns = [_container(parsed[n], nouns) if ok else -1 - k for k, (n, ok) in enumerate(zip(nouns, own))]
    for n, p in zip(nouns, probs):
        best[n] = max(best.get(n, 0.0), p)
    return [best[n] if p > 0.0 else p for n, p in zip(nouns, probs)]


def _container(noun: Any, nouns: list[int]) -> int:
    """The phrase a place's phrase lies in ("in Kabbara in the province of Deir Ezzor": Kabbara's
    phrase), followed up the "in" phrases that hang on another candidate's phrase noun."""
    for _ in range(4):
        if noun.dep_ != "pobj" or noun.head.lower_ != "in":
            break
        outer = phrase_noun(noun.head.head)  # "Pervomayskaya, a village in Dagestan": the village's phrase
        if outer.i not in nouns or outer.i == noun.i:
            break
        noun = outer
    return noun.i


def split_places(scored: list[tuple[Candidate, float]], threshold: float, *, parties: tuple[Actor, ...] = ()
                 ) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """(the event's places, the sentence's other resolved places), each in text order. A place
    inside one of ``parties`` (the source or target of a statement) is not the event's."""
    def is_party(place: Place) -> bool:
        return any(a.start < place.end and place.start < a.end for a in parties)

    where = tuple(c.place for c, p in scored if p >= threshold and not is_party(c.place))
    named = tuple(c.place for c, p in scored if c.resolved and c.place not in where)
    return where, named


# CAMEO quad classes of statements (verbal cooperation, verbal conflict): "Israel condemned Iran"
# happened nowhere the sentence says; the countries named as its parties are not its place. The
# event_location training sentences are mostly violence, where the object is often the place
# ("rebels captured Kandahar"), so the model alone takes such a party for the place.
VERBAL = frozenset({1, 3})


class EventPlaceAttacher:
    """Pipeline stage: narrow each event's ``locations`` to where it happened."""

    name = "event_places"
    requires = frozenset({"parse", "actors", "places", "events"})
    updates = frozenset({"events"})  # narrows each event's locations
    assigns: frozenset[str] = frozenset()

    def __init__(self, *, model_path: str | Path = MODEL_PATH, threshold: float | None = None,
                 model: PlaceModel | Blend | None = None) -> None:
        self.model_path = Path(model_path)
        self._threshold = threshold
        self._model = model  # a model in memory (cross-validation folds) instead of the file

    @property
    def model(self) -> PlaceModel | Blend:
        if self._model is None:
            self._model = PlaceModel.load(self.model_path)
        return self._model

    @property
    def threshold(self) -> float:
        return self.model.threshold if self._threshold is None else self._threshold

    def _score(self, verb: Any, doc: Document, index: SentenceIndex) -> list[tuple[Candidate, float]]:
        sent = verb.sent
        places, actors = index.places_and_actors(sent)
        return score_places(verb, doc.parse, places, self.model, actors=actors, ents=index.ents(sent))

    def __call__(self, doc: Document) -> Document:
        if doc.parse is None or not doc.events:
            return doc
        return self.place(doc, self.scores(doc), self.threshold)

    def scores(self, doc: Document) -> dict[int, list[tuple[Candidate, float]]]:
        """Each event trigger's candidates with their probabilities, by the trigger's offset."""
        by_trigger: dict[int, list[tuple[Candidate, float]]] = {}
        index = SentenceIndex(doc)
        for e in doc.events:
            if e.trigger_start not in by_trigger:
                verb = trigger_token(e, doc.parse)
                by_trigger[e.trigger_start] = [] if verb is None else self._score(verb, doc, index)
        return by_trigger

    @staticmethod
    def place(doc: Document, by_trigger: dict[int, list[tuple[Candidate, float]]], threshold: float) -> Document:
        """The document with each event's places split at ``threshold`` (:meth:`scores` read once
        serves every threshold: ``scripts/choose_place_threshold.py``)."""
        events = []
        for e in doc.events:
            parties = tuple(a for a in (e.source, e.target) if a is not None) if e.quad_class in VERBAL else ()
            where, named = split_places(by_trigger[e.trigger_start], threshold, parties=parties)
            events.append(dataclasses.replace(e, locations=where, mentioned_places=named))
        return dataclasses.replace(doc, events=tuple(events))
