"""Where did an event happen: candidate places of a sentence and the features of an
(event trigger, candidate place) pair, read from the spaCy parse.

Read by the ``event_places`` stage and by ``scripts/train_event_places.py``, which fits the
attachment model on them. A candidate is a place the places stage resolved or, because the
gazetteer knows fewer than half of the small places news reports name ("the Reshimbagh area",
"Dumayr Military Airport"), an entity or proper-noun run it did not resolve: the model decides
from the parse, not the gazetteer, whether it is where the event happened.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import Place
from .grammar import ATTACK_CAUSES, LOCATIVE as GRAMMAR_LOCATIVE

# Labels of names that may hold a place's name ("the New York Times", "15 billion US dollars"),
# which the places stage looks inside. Not PERSON ("Paris Hilton"), nor EVENT, PRODUCT or
# WORK_OF_ART: a place there says which war or which thing ("the 1967 Middle East war").
HOLDER_LABELS = frozenset({"ORG", "FAC", "MONEY"})
# Entity labels that may name a place (the small English model often calls a village ORG or
# PERSON); numbers, dates and amounts never do.
NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LANGUAGE"})
# Verbs that report speech: a place attached to them is where something was said.
SPEECH = frozenset({"say", "tell", "report", "announce", "state", "add", "claim", "quote", "confirm",
                    "deny", "declare", "write", "note", "explain", "insist", "warn", "accuse", "allege",
                    "according", "speak", "brief", "cite"})
# Nouns for people: "a man from Aleppo", "residents of Homs" place the person, not the event.
PEOPLE = frozenset({"man", "woman", "men", "women", "resident", "native", "people", "person", "boy",
                    "girl", "child", "children", "family", "citizen", "national", "student", "worker",
                    "official", "officer", "soldier", "journalist", "reporter", "correspondent",
                    "ambassador", "envoy", "minister", "leader", "member", "spokesman", "spokeswoman",
                    "refugee", "migrant", "villager", "farmer", "doctor", "victim", "driver", "tourist",
                    "commander", "chief", "governor", "mayor", "head", "emir", "president", "director"})
# Words that end a name of a place ("Gunane village", "Wajir District Hospital") or of a body
# that is none ("the Syrian Army", "Security Council"): the model weighs them.
PLACE_WORDS = frozenset({"city", "town", "village", "district", "province", "governorate", "camp", "street",
                         "road", "square", "airport", "base", "mountains", "mountain", "hospital", "school",
                         "mosque", "market", "checkpoint", "bridge", "area", "suburb", "island", "river",
                         "valley", "region", "county", "state", "tehsil", "agency", "neighbourhood",
                         "neighborhood", "quarter", "prison", "university", "hotel", "station", "border",
                         "plains", "hills", "desert", "countryside", "highway", "port", "palace", "church",
                         "refinery", "compound", "embassy", "stadium", "zone", "strip", "bank", "coast",
                         "lake", "sea", "gulf", "oblast", "municipality", "subdistrict", "parish", "ward"})
# Prepositions that may set where an event happens: the locate stage's settings and a few more
# that news uses for a place ("on the outskirts", "along the border", "off the coast").
LOCATIVE = GRAMMAR_LOCATIVE | {"on", "into", "within", "along", "off", "between", "over", "through",
                               "towards", "toward"}
# Labels of numbers and times, which the small model sometimes stretches over a name ("Sogam
# last September", "1857 - Delhi"): a proper noun inside one that is no calendar word is a name.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "ORDINAL"})
CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                      "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                      "saturday", "sunday", "ramadan", "eid", "christmas", "easter", "gmt", "utc", "bc", "ad"})
CLIMB = frozenset({"compound", "conj", "appos", "amod", "nmod", "nummod", "cc"})


@dataclass(frozen=True)
class Candidate:
    """A span that may name the event's place; ``place`` is the resolved place, if any."""

    start: int  # token offsets in the parsed document
    end: int
    label: str  # GAZ (resolved by the places stage), an entity label, or PROPN
    place: Place

    @property
    def resolved(self) -> bool:
        return self.label == "GAZ"


def sentence_candidates(parsed: Any, sent: Any, places: tuple[Place, ...], *, ents: Any = None
                        ) -> list[Candidate]:
    """The resolved places of a sentence, then its unresolved names (entities, proper-noun runs)
    that overlap none of them, in text order. ``ents``: the sentence's entities when the caller
    has them (spaCy's ``sent.ents`` walks the whole document's entities on every call). A demonym
    ("Russian officials") says whose, never where, and a place named inside an organisation's or
    facility's name ("the Minya University", "Seattle police") leaves the whole name to be judged as one."""
    out: list[Candidate] = []
    taken: set[int] = set()
    ents = sent.ents if ents is None else ents
    holders = [(e.start, e.end) for e in ents if e.label_ in HOLDER_LABELS]
    for p in places:
        if not sent.start_char <= p.start < sent.end_char:
            continue
        span = parsed.char_span(p.start, p.end, alignment_mode="expand")
        if p.feature == "demonym":  # says whose: neither a candidate nor, as a NORP entity, a name to judge
            taken.update(range(span.start, span.end) if span is not None else ())
            continue
        if span is None or not (sent.start <= span.start < sent.end) or any(
                s <= span.start and span.end <= e and e - s > len(span) for s, e in holders):
            continue
        out.append(Candidate(span.start, span.end, "GAZ", p))
        taken.update(range(span.start, span.end))
    for ent in ents:
        if ent.label_ in NAME_LABELS and not taken.intersection(range(ent.start, ent.end)):
            _add_name(out, taken, parsed, ent.start, ent.end, ent.label_)
    run: int | None = None
    for i in range(sent.start, sent.end + 1):
        inside = i < sent.end and parsed[i].pos_ == "PROPN" and name_word(parsed[i].text) and i not in taken \
            and (not parsed[i].ent_type_ or parsed[i].ent_type_ in NUMERIC_LABELS and parsed[i].lower_ not in CALENDAR)
        if inside and run is None:
            run = i
        elif not inside and run is not None:
            if not (i < sent.end and parsed[i].ent_type_ == "PERSON"):  # "President" before a name
                _add_name(out, taken, parsed, run, i, "PROPN")
            run = None
    return sorted(out, key=lambda c: c.start)


APOSTROPHES = ("\u2019", "'")


def name_word(text: str) -> bool:
    """A word of letters, or of letters around an apostrophe inside it: names transliterated from
    Arabic write the ayn or hamza so ("Ma\u2019arin", "Da'el"), which spaCy does not count as
    alphabetic; a word that starts or ends with one (a possessive, a quote) is none."""
    if text.isalpha():
        return True
    bare = text
    for a in APOSTROPHES:
        bare = bare.replace(a, "")
    return bare.isalpha() and len(bare) < len(text) and text[0].isalpha() and text[-1].isalpha() \
        and not text.lower().endswith(("\u2019s", "'s"))  # "Iraq’s" is an owner's name


def _add_name(out: list[Candidate], taken: set[int], parsed: Any, start: int, end: int, label: str) -> None:
    while start < end and parsed[start].lower_ in {"the", "'s", "\u2019s"}:
        start += 1
    while end > start and parsed[end - 1].lower_ in {"'s", "\u2019s", "'", "."}:
        end -= 1
    while start < end and parsed[start].text[:1].islower() and not _article_name(parsed, start, end):
        start += 1  # "west Baghdad", "suburban Paris": the name after a lower-case word
    if start >= end or not (parsed[start].text[:1].isupper() or parsed[start].text[:1].isdigit()
                            or _article_name(parsed, start, end) and not _named_party(parsed, start, end, label)):
        return
    span = parsed[start:end]
    if sum(ch.isalpha() for ch in span.text) < 2:
        return
    out.append(Candidate(start, end, label, Place(name=span.text, start=span.start_char, end=span.end_char)))
    taken.update(range(start, end))


# Arabic articles a place's name starts with in lower case ("al-Tarikh", "el-Ain", "ash-Shaykh").
ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ath"})


def _article_name(parsed: Any, start: int, end: int) -> bool:
    """Is ``parsed[start:end]`` a name after a lower-case article and a hyphen ("al-Nasr")?"""
    return end - start >= 3 and parsed[start].lower_ in ARTICLES and parsed[start + 1].text == "-" \
        and parsed[start + 2].text[:1].isupper()


def _named_party(parsed: Any, start: int, end: int, label: str) -> bool:
    """Is a person's name the subject or object of its clause ("shot al-Harsis")?"""
    return label == "PERSON" and parsed[start:end].root.dep_ in {"nsubj", "nsubjpass", "dobj", "appos"}


def _chain(tok: Any) -> list[Any]:
    """The token and its heads up to the sentence root."""
    out = [tok]
    while out[-1].head.i != out[-1].i and len(out) < 40:
        out.append(out[-1].head)
    return out


def phrase_noun(head: Any) -> Any:
    """The noun of the phrase a place's name is part of ("the al-Tarikh area of Jiddah" and
    "Mogadishu's Huriwa district": the area, the district; "Aleppo" alone: itself)."""
    return _climb(head)[0]


def _governor(head: Any) -> tuple[Any, str, bool, bool]:
    """The preposition that introduces a place ("in Aleppo", "near the town of Samarra",
    "in Iraq's Anbar province"), the word it attaches to, and whether the place came through
    "of" or an owner's "'s"."""
    tok, via_of, via_poss = _climb(head)
    if tok.dep_ == "pobj":
        return tok.head, tok.head.lower_, via_of, via_poss
    return tok, "", via_of, via_poss


def _climb(head: Any) -> tuple[Any, bool, bool]:
    tok, via_of, via_poss = head, False, False
    for _ in range(6):
        if tok.dep_ in CLIMB and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "poss":
            tok, via_poss = tok.head, True
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in {"NOUN", "PROPN"}:
            tok, via_of = tok.head.head, True
        else:
            break
    return tok, via_of, via_poss


def pair_features(verb: Any, cand: Candidate, parsed: Any, *, rank: int, count: int, rivals: int = 0,
                  actor: str | None = None) -> dict[str, Any]:
    """Features of 'did the event at ``verb`` happen at ``cand``' (a dict for DictVectorizer);
    ``rivals``: how many other candidates are settings of the verb's clause (:func:`rivals`);
    ``actor``: the kind of the actor the candidate's words also name (state, person ...), if any."""
    head = parsed[cand.start:cand.end].root
    prep, prep_word, via_of, via_poss = _governor(head)
    attach = prep.head if prep_word else prep
    up_c, up_v = _chain(head), _chain(verb)
    ids_v = {t.i: n for n, t in enumerate(up_v)}
    k = next((n for n, t in enumerate(up_c) if t.i in ids_v), len(up_c) - 1)
    lca, down = up_c[k], ids_v.get(up_c[k].i, len(up_v))
    path = up_c[1:k] + up_v[1:down]
    sent_start = head.sent.start
    f: dict[str, Any] = {
        "label=" + cand.label: 1, "feature=" + str(cand.place.feature): 1,
        "prep=" + prep_word: 1, "dep=" + head.dep_: 1, "via_of": via_of, "via_poss": via_poss,
        "attach_pos=" + attach.pos_: 1, "attach_is_verb": attach.i == verb.i,
        "path_len": min(k + down, 8), "up_c=" + str(min(k, 5)): 1, "up_v=" + str(min(down, 4)): 1,
        "in_verb_subtree": lca.i == verb.i, "verb_in_cand_subtree": lca.i == head.i,
        "path_verbs": min(sum(t.pos_ in {"VERB", "AUX"} for t in path), 3),
        "path_speech": any(t.lemma_.lower() in SPEECH for t in path + [lca] if t.i != verb.i),
        "lca_pos=" + lca.pos_: 1, "lca_dep=" + lca.dep_: 1,
        "attach_people": attach.lemma_.lower() in PEOPLE, "attach_speech": attach.lemma_.lower() in SPEECH,
        "after_verb": cand.start > verb.i, "distance": min(abs(cand.start - verb.i), 30) / 30,
        "sent_initial": cand.start - sent_start <= 1,
        "dateline": cand.start - sent_start <= 1 and _dateline(parsed, cand.end),
        "rank=" + str(min(rank, 3)): 1, "count=" + str(min(count, 5)): 1, "only": count == 1,
        "verb_pos=" + verb.pos_: 1, "verb_dep=" + verb.dep_: 1,
        "cap_words": min(cand.end - cand.start, 4),
    }
    last = parsed[cand.end - 1].lower_
    f["placeword"] = last in PLACE_WORDS
    if not cand.resolved:
        f["last=" + last] = 1
    f["attach_is_root"] = attach.dep_ == "ROOT"
    f["attach_above_verb"] = attach.i in ids_v and attach.i != verb.i
    f["fronted"] = cand.start < verb.i and bool(prep_word) and attach.i in ids_v
    f["locative"] = prep_word in LOCATIVE
    f["verb=" + verb.lemma_.lower()] = 1
    f["rivals=" + str(min(rivals, 2))] = 1
    f["actor=" + str(actor)] = 1
    f[f"actor_label={actor}_{cand.label}"] = 1
    f["attach_dep=" + attach.dep_] = 1
    f["attach_event"] = attach.lemma_.lower() in ATTACK_CAUSES  # "a strike near X killed ..."
    f["cause_setting"] = f["attach_event"] and prep_word in LOCATIVE and attach.head.i == verb.i \
        and attach.dep_ in {"nsubj", "nsubjpass", "pobj"}
    f["setting"] = is_setting(verb, cand, parsed)
    f[f"prep_dep={prep_word}_{head.dep_}"] = 1
    f[f"prep_attach={prep_word}_{'verb' if attach.i == verb.i else attach.pos_}"] = 1
    f[f"label_prep={cand.label}_{prep_word}"] = 1
    if attach.pos_ in {"NOUN", "PROPN"}:
        f["attach_lemma=" + attach.lemma_.lower()] = 1
    f.update(path_words(up_c[1:k] + ([lca] if lca.i not in (verb.i, head.i) else []) + up_v[1:down]))
    f["dep_path=" + ">".join(t.dep_ for t in up_c[:min(k, 4)])] = 1
    f.update(context_vectors(parsed, head.i, verb.i))
    return f


PATH_POS = frozenset({"NOUN", "VERB", "ADP", "PROPN"})


def path_words(path: list[Any]) -> dict[str, int]:
    """The words and dependency labels on the tree path between place and verb: the model learns
    which pass the setting on ("killed in clashes in X", "a village in X") and which do not
    ("residents of X", "told reporters in X")."""
    f: dict[str, int] = {}
    for t in path:
        if t.pos_ in PATH_POS:
            f["path_word=" + ("PROPN" if t.pos_ == "PROPN" else t.lemma_.lower())] = 1
        f["path_dep=" + t.dep_] = 1
    return f


def context_vectors(parsed: Any, place: int, verb: int) -> dict[str, float]:
    """The spaCy model's own context vectors (``doc.tensor``, made by its tok2vec layer) of the
    place's head and of the verb, each scaled to unit length, and their cosine: they say what
    kind of word each is in its context, which the labels alone do not. None when the parse
    has no tensor."""
    tensor = getattr(parsed, "tensor", None)
    if tensor is None or len(tensor) != len(parsed) or not tensor.size:
        return {}
    a, b = tensor[place].astype(np.float64), tensor[verb].astype(np.float64)
    na, nb = float(np.linalg.norm(a)) or 1.0, float(np.linalg.norm(b)) or 1.0
    width = len(a)
    f = dict(zip(_VECTOR_KEYS[0][:width], (a / na).tolist()))
    f.update(zip(_VECTOR_KEYS[1][:width], (b / nb).tolist()))
    f["vec_cosine"] = float(a @ b) / (na * nb)
    return f


_VECTOR_KEYS = ([f"vec_place{j}" for j in range(512)], [f"vec_verb{j}" for j in range(512)])


def is_setting(verb: Any, cand: Candidate, parsed: Any) -> bool:
    """Is the candidate in a locative phrase of the verb or of a word above it ("killed in X",
    "In X, gunmen killed ...")?"""
    prep, word, _, _ = _governor(parsed[cand.start:cand.end].root)
    if word not in LOCATIVE:
        return False
    up = {t.i for t in _chain(verb)}
    return prep.head.i in up


def subject_home(verb: Any, cand: Candidate, parsed: Any) -> bool:
    """Is the candidate in a phrase of a participle that describes the verb's subject ("teams
    based in X are patrolling ...", "troops stationed in X fired ...")? It says where the actor
    is from or kept, not where it acted."""
    prep, word, _, _ = _governor(parsed[cand.start:cand.end].root)
    if not word:
        return False
    participle = prep.head
    return participle.dep_ == "acl" and participle.tag_ == "VBN" and participle.head.dep_ in {"nsubj", "nsubjpass"} \
        and participle.head.head.i == verb.i


def rivals(verb: Any, cands: list[Candidate], parsed: Any) -> list[int]:
    """For each candidate, how many of the others are settings of the verb's clause."""
    flags = [is_setting(verb, c, parsed) for c in cands]
    total = sum(flags)
    return [total - f for f in flags]


MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})


# Nouns of a settlement or a division of a country: a country that modifies one says where
# ("in the Ruritania capital", "an eastern Ruritania town"), not whose.
SETTLEMENTS = frozenset({"city", "town", "village", "capital", "province", "district", "region", "county",
                         "countryside", "governorate", "zone", "suburb"})


def names_an_owner(cand: Candidate, parsed: Any) -> bool:
    """Is the candidate a country that modifies a noun ("a U.S. contractor", "a U.S. base")? It
    says whose, not where: on the tune half such a country was the gold place in 11 of 307 pairs.
    Not when the noun is a settlement or a division of the country (SETTLEMENTS): the model
    then scores it as any other candidate."""
    root = parsed[cand.start:cand.end].root
    return cand.place.feature == "country" and root.dep_ in MODIFIER_DEPS \
        and root.head.lemma_.lower() not in SETTLEMENTS


def actor_kinds(cands: list[Candidate], actors: Any) -> list[str | None]:
    """For each candidate, the kind of the first actor mention its span overlaps. The model was
    trained before facilities stood for the forces they host (kind ``hosted``): a named one ("Al
    Udeid") counts as no actor, as then, and a phrase that says whom it hosts ("Iraqi bases housing
    US forces") as the state it was read as then."""
    out = []
    for c in cands:
        p = c.place
        kinds = (("state" if a.kind == "hosted" else a.kind) for a in actors
                 if a.start < p.end and p.start < a.end and not (a.kind == "hosted" and a.name))
        out.append(next(kinds, None))
    return out


def _dateline(parsed: Any, end: int) -> bool:
    """Is the name followed by the marks of a dateline ("BAGHDAD (AP) --", "KABUL, Afghanistan --")?"""
    nxt = [t.text for t in parsed[end:end + 6]]
    return any(t in {"(", "--", "\u2014", "\u2013", "_"} for t in nxt[:4]) and (
        "AP" in nxt or "Reuters" in nxt or "AFP" in nxt or "Xinhua" in nxt or "--" in nxt or "\u2014" in nxt)


def tree_ranks(verb: Any, cands: list[Candidate], parsed: Any) -> list[int]:
    """Each candidate's rank by tree distance from the verb (0: nearest)."""
    dist = []
    up_v = {t.i: n for n, t in enumerate(_chain(verb))}
    for c in cands:
        up_c = _chain(parsed[c.start:c.end].root)
        k = next((n for n, t in enumerate(up_c) if t.i in up_v), len(up_c))
        dist.append(k + up_v.get(up_c[k].i if k < len(up_c) else -1, 20))
    order = sorted(range(len(cands)), key=lambda i: (dist[i], abs(cands[i].start - verb.i)))
    ranks = [0] * len(cands)
    for r, i in enumerate(order):
        ranks[i] = r
    return ranks


def candidate_features(verb: Any, cands: list[Candidate], parsed: Any, actors: Any) -> list[dict[str, Any] | None]:
    """:func:`pair_features` of each candidate, or None for one that is never the place (a
    country naming an owner, a known person). Those are neither scored nor counted as rivals:
    rank and count are taken among the others."""
    kinds = actor_kinds(cands, actors)
    never = [names_an_owner(c, parsed) or k == "person" for c, k in zip(cands, kinds)]
    kept = [c for c, n in zip(cands, never) if not n]
    ranks, others = iter(tree_ranks(verb, kept, parsed)), iter(rivals(verb, kept, parsed))
    return [None if n else pair_features(verb, c, parsed, rank=next(ranks), count=len(kept), rivals=next(others),
                                         actor=k)
            for c, k, n in zip(cands, kinds, never)]
