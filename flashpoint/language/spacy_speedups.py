"""Speed-ups for the pinned spaCy pipeline that leave its output unchanged.

Each one is checked by tests/language/test_spacy_speedups.py, which codes text with and without
them and requires identical tokens, tags, parses, lemmas and entities.

- Matrix products go to numpy (OpenBLAS) instead of the BLIS kernels that thinc ships: on the
  x86-64 machines measured, BLIS's wheel ran the tok2vec and NER layers about 3x slower.
- The attribute ruler's ~180 single-token rules (tag map, morph rules) are matched by a lookup
  per distinct (tag, lower, dep, is_space) instead of the general Matcher; rules it cannot
  express leave the ruler as it was.
- The rule lemmatizer's word lists become sets, and it reads a document's ORTH, POS, MORPH and
  LEMMA as one array, keeps the lemma of every (ORTH, POS, MORPH) it has seen, and writes the
  lemmas back as one array; spaCy's own per-token loop made a Token object for every word and
  recomputed base forms ("said" as VERB/Past is cached, "say" as VERB/Inf is not). Both its
  cache and spaCy's own are emptied at ``MAX_CACHED`` entries.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_TOKEN_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Predicate = Callable[[Any], bool]


def speed_up(nlp: Any) -> Any:
    use_numpy_gemm(nlp)
    speed_up_attribute_ruler(nlp)
    index_lemmas(nlp)
    lemmatize_from_arrays(nlp)
    return nlp


def use_numpy_gemm(nlp: Any) -> None:
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def index_lemmas(nlp: Any) -> None:
    """Turn the rule lemmatizer's word lists into sets: it tests membership in them for every new
    word, and a list of 57,000 nouns makes that a linear scan (spaCy caches the results itself)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if lemmatizer.mode != "rule" or "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key in list(table.keys()):
        if isinstance(table[key], list):
            table[key] = frozenset(table[key])


MAX_CACHED = 500_000  # entries of a per-process lookup cache before it is emptied


def lemmatize_from_arrays(nlp: Any) -> bool:
    """Give the rule lemmatizer an array-based ``__call__`` (:func:`lemmatize_doc`); False (left
    as it was) for another mode or a lemmatizer class that defines its own ``__call__``."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe("lemmatizer")
    cls = type(lemmatizer)
    if lemmatizer.mode != "rule" or cls.__call__ is not Lemmatizer.__call__:
        return False
    # A subclass, not an instance attribute: Python looks ``__call__`` up on the type, and
    # nlp(text) calls the component while nlp.pipe calls its ``pipe``, which calls it too.
    lemmatizer.__class__ = type(f"Array{cls.__name__}", (cls,), {"__call__": lemmatize_doc})
    lemmatizer.known_lemmas = {}
    return True


def lemmatize_doc(self: Any, doc: Any) -> Any:
    """What ``Lemmatizer.__call__`` does, from arrays: a token's rule lemma depends on its ORTH,
    POS and MORPH only, so each distinct triple is lemmatized once (by spaCy's own
    ``lemmatize``) and remembered, and no Token object is made for a known one.

    The lemma is remembered as a string and added to the string store once per document: a
    string added inside a memory zone (:meth:`Language.memory_zone`) leaves the store when the
    zone ends, so a remembered hash could name a string no longer there. The hashes of ORTH and
    MORPH in the key are content hashes, equal for equal words in any zone."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    if not self._validated:
        self._validate_tables(Errors.E1004)
    try:
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        known: dict[tuple[int, int, int], str] = self.known_lemmas
        if len(known) > MAX_CACHED:
            known.clear()
            self.cache.clear()  # spaCy's own cache of the same triples, bounded with it
        add = self.vocab.strings.add
        ids: dict[tuple[int, int, int], int] = {}  # this document's lemma ids, each added once
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            found = ids.get(key)
            if found is None:
                word = known.get(key)
                if word is None:
                    word = known[key] = self.lemmatize(doc[i])[0]
                found = ids[key] = add(word)
            table[i, 3] = found
        doc.from_array([LEMMA], table[:, 3:])
        return doc
    except Exception as e:  # as spaCy's __call__: the pipeline's error handler decides
        return self.get_error_handler()(self.name, self, [doc], e)


def predicate(spec: Any) -> Predicate | None:
    """A Matcher token condition as a function of the attribute's value, or None if unsupported."""
    if isinstance(spec, (str, bool)):
        return lambda v: v == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op == "IN":
            members = set(arg)
            return lambda v: v in members
        if op == "NOT_IN":
            members = set(arg)
            return lambda v: v not in members
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda v: isinstance(v, str) and rx.search(v) is not None
    return None


def compile_token(token_pattern: dict[str, Any]) -> list[tuple[int, Predicate]] | None:
    if set(token_pattern) - set(_TOKEN_KEYS):
        return None
    preds = []
    for key, spec in token_pattern.items():
        pred = predicate(spec)
        if pred is None:
            return None
        preds.append((_TOKEN_KEYS.index(key), pred))
    return preds


def index_values(token_pattern: dict[str, Any]) -> tuple[int, list[str]] | None:
    """The values (of LOWER, else TAG) a token must have to match, so rules can be looked up."""
    for pos in (1, 0):
        spec = token_pattern.get(_TOKEN_KEYS[pos])
        if isinstance(spec, str):
            return pos, [spec]
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return pos, list(spec["IN"])
    return None


Rule = tuple[int, list[list[tuple[int, Predicate]]], int]  # attr id, token predicates, index


def speed_up_attribute_ruler(nlp: Any) -> bool:
    """Replace the ruler's matching with lookups; False (ruler untouched) if a rule is unsupported."""
    from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
    from spacy.tokens._retokenize import set_token_attrs

    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    by_value: dict[tuple[int, str], list[Rule]] = {}
    always: list[Rule] = []
    for attr_id, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            compiled = [compile_token(t) for t in pattern]
            if not compiled or any(c is None for c in compiled) or any("OP" in t for t in pattern):
                return False
            index = entry["index"] if entry["index"] >= 0 else len(pattern) + entry["index"]
            rule: Rule = (attr_id, compiled, index)  # type: ignore[assignment]
            found = index_values(pattern[0])
            if found is None:
                always.append(rule)
            else:
                for value in found[1]:
                    by_value.setdefault((found[0], value), []).append(rule)
    attrs, strings = ruler.attrs, ruler.vocab.strings
    plans: dict[tuple[int, ...], tuple[list, dict, list[Rule]]] = {}

    def text(key: tuple[int, ...]) -> tuple[str, str, str, bool]:
        return strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3])

    def holds(preds: list[tuple[int, Predicate]], values: tuple) -> bool:
        return all(p(values[i]) for i, p in preds)

    def plan(key: tuple[int, ...]) -> tuple[list, dict, list[Rule]]:
        found = plans.get(key)
        if found is None:
            values = text(key)
            pool = always + by_value.get((0, values[0]), []) + by_value.get((1, values[1]), [])
            pool = sorted({id(r): r for r in pool}.values(), key=lambda r: r[0])
            pool = [r for r in pool if holds(r[1][0], values)]
            hits = [r[0] for r in pool if len(r[1]) == 1]
            merged: dict = {}
            for a in hits:
                merged.update(attrs[a])
            if len(plans) > 500_000:
                plans.clear()
            found = plans[key] = ([(a, attrs[a]) for a in hits], merged,
                                  [r for r in pool if len(r[1]) > 1])
        return found

    def match(doc: Any) -> tuple[list, dict[int, list]]:
        keys = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        planned = [plan(k) for k in keys]
        extra: dict[int, list] = {}
        for i, (_hits, _merged, starts) in enumerate(planned):
            for a, toks, index in starts:
                if i + len(toks) <= len(keys) and all(
                        holds(p, text(keys[i + j])) for j, p in enumerate(toks[1:], 1)):
                    extra.setdefault(i + index, []).append((a, attrs[a]))
        return planned, extra

    def set_annotations(doc: Any, matched: tuple[list, dict[int, list]]) -> None:
        planned, extra = matched
        for i, (hits, merged, _starts) in enumerate(planned):
            if i in extra:  # later rules win, as in AttributeRuler.set_annotations
                for _a, values in sorted(hits + extra[i], key=lambda x: x[0]):
                    set_token_attrs(doc[i], values)
            elif merged:
                set_token_attrs(doc[i], merged)

    ruler.match = match
    ruler.set_annotations = set_annotations
    return True
