"""Actors: mentions of states, their organs, organisations and armed groups.

Each noun phrase is matched against the project's actor knowledge base
(``resources/actors/``, see :mod:`flashpoint.knowledge.actor_kb`): country names,
adjectives, capitals and places; known people and organisations with
date-bounded roles; and agent nouns that give a sector. The composition rules
(:mod:`flashpoint.knowledge.composition`) turn the matches inside one phrase into one actor:

* a known entity wins ("Angela Merkel" -> DEU GOV while in office, DEU ELI after);
* else a country word plus the sector of the phrase's head agent
  ("Iraqi police" -> IRQ COP, "Chile's Defense Ministry" -> CHL GOV);
* a capital on its own is the government ("Tehran" -> IRN GOV), a partially
  recognised state is PRE, another place just its country;
* "former"/"retired" make an office holder an elite (ELI);
* a state word before "-backed", "-sponsored", "-funded" ... is the group's sponsor (``proxy_of``),
  not its country ("Turkish-backed Syrian rebels" -> SYR REB, proxy of TUR; "Iran-backed
  militias" -> REB, proxy of IRN, country from where they act); "-led" is not a sponsor;
* a facility or vehicle a state owns stands for its forces or diplomats ("an American base" ->
  USA MIL, "the Saudi consulate" -> SAU GOV); one that says whom it hosts stands for them
  ("bases in Iraq housing US troops", "a base where American forces are stationed", "a convoy
  carrying Turkish soldiers" -> the hosted state, kind ``hosted``), and so does a named base of
  ``facilities.tsv`` ("Al Udeid" -> USA MIL) while it hosts them. The place stays a place;
* a role noun defers to the organisation it belongs to ("members of SANDF",
  "president of the Riigikogu"); a prepositional phrase supplies a missing
  country ("trade unions in Denmark", "Foreign Minister of Iran").

:func:`resolve_actor_string` resolves a bare actor string with the same rules.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from ..model import Actor, Document
from ..knowledge.actor_kb import HOSTED, KnowledgeBase, Match, Token, norm_token
from ..knowledge.composition import ROLE_NOUNS, Composer, Resolution, matches_within, restates_role
from ..knowledge.shared_names import read_shared_names
from ..language.grammar import HOUSING, LOCATIVE_OR_GOAL, OWNERS

__all__ = ["ActorResolver", "KnowledgeBase", "resolve_actor_string"]

class ActorResolver:
    """Pipeline stage: attach resolved actor mentions to a parsed document."""

    name = "actors"
    requires = frozenset({"date", "parse", "tokens"})
    assigns = frozenset({"actors"})
    updates: frozenset[str] = frozenset()

    def __init__(self, *, extra_files: tuple[str | Path, ...] = ()):
        self.extra_files = tuple(extra_files)

    @cached_property
    def kb(self) -> KnowledgeBase:
        return shared_kb(self.extra_files)

    def __call__(self, doc: Document) -> Document:
        parsed = doc.parse
        tokens = [Token(w, norm_token(w)) for w in doc.tokens.text]
        matches = read_shared_names(sorted(self.kb.match(tokens), key=lambda m: m.start))
        starts = [m.start for m in matches]
        seen = {e.name for m in matches if m.kind == "entity" and not m.weak and m.end - m.start > 1
                for e in m.entries if e.name}
        composer = Composer(self.kb, seen=seen)
        found: list[tuple[Any, Resolution]] = []
        chunks = list(parsed.noun_chunks)  # read once: the phrases, then the facility nouns
        for span in _phrases(parsed, matches, chunks):
            inside = matches_within(matches, span.start, span.end, starts)
            if not inside:
                continue
            res = composer.resolve(tokens[span.start:span.end], doc.date, matches=inside)
            if res is not None and span.root.lemma_.lower() in ACTION_NOUNS and (
                    res.country is None or _only_places(inside)):
                continue  # "a new military offensive", "the Paris attacks": an act, not an actor
            if res is not None:
                found.extend(_coordinated(parsed, span, _as_place(span, res, inside), inside, self.kb))
        # the phrase-level readings that look at neighbouring phrases, in order
        found = _hosted(parsed, _located(parsed, _restated(_owned(_distributed(found)))), self.kb,
                        chunks=chunks, lower=doc.tokens.lower)
        actors = [Actor(text=span.text, start=span.start_char, end=span.end_char,
                        country=res.country, sector=res.sector, proxy_of=res.proxy_of,
                        name=res.name, kind=res.kind) for span, res in found]
        return dataclasses.replace(doc, actors=tuple(actors))


def _distributed(found: list[tuple[Any, Resolution]]) -> list[tuple[Any, Resolution]]:
    """'Israeli helicopters and tanks': a group with no country coordinated with a common noun
    that a country word modifies shares that country (not so after a country's name: in
    'Israel and rebels' the rebels are not Israel's)."""
    out = list(found)
    rooted: dict[int, list[int]] = {}  # root token -> the positions of the spans it roots, ascending
    for j, (span, _res) in enumerate(found):
        rooted.setdefault(span.root.i, []).append(j)
    for i, (span, res) in enumerate(out):
        if res.country is not None or not res.sector or span.root.dep_ != "conj":
            continue
        head = span.root.head
        for prev, pres in (out[j] for j in rooted.get(head.i, ()) if j < i):
            if prev.start <= head.i < prev.end and prev.root.i == head.i and head.pos_ == "NOUN" \
                    and pres.country and pres.name is None and pres.kind == "state":
                out[i] = (span, dataclasses.replace(res, country=pres.country, kind="state"))
                break
    return out


def _owned(found: list[tuple[Any, Resolution]]) -> list[tuple[Any, Resolution]]:
    """'Bosnian Serbs said their forces had withdrawn': a group with no country owned by a
    pronoun, as a subject, belongs to the nearest subject before it in the sentence that has
    one. (As an object, 'strengthened its forces', it is the actor's own means, not a target.)"""
    out = list(found)
    # in document order (as the phrases are), the look back stops at the sentence's start
    starts = [span.start for span, _ in found]
    ordered = all(a <= b for a, b in zip(starts, starts[1:]))
    for i, (span, res) in enumerate(out):
        if res.country is not None or not res.sector or span.root.dep_ not in {"nsubj", "nsubjpass"} \
                or not any(c.dep_ == "poss" and c.lower_ in OWNERS for c in span.root.children):
            continue
        sent_start = span.root.sent.start
        first = bisect.bisect_left(starts, sent_start, 0, i) if ordered else 0
        owner = next((r for prev, r in reversed(out[first:i]) if prev.start >= sent_start and r.country
                      and prev.root.dep_ in {"nsubj", "nsubjpass"} and r.kind != "igo"), None)
        if owner is not None:
            out[i] = (span, dataclasses.replace(res, country=owner.country, kind="state"))
    return out


def _restated(found: list[tuple[Any, Resolution]]) -> list[tuple[Any, Resolution]]:
    """A person followed by an apposition naming their office ('Kenzo Oshima, the United Nations
    relief coordinator, said'): the apposition's organisation, as within one phrase."""
    out = list(found)
    for i in range(len(out) - 1):
        (span, res), (nxt, nres) = out[i], out[i + 1]
        if nxt.root.dep_ == "appos" and span.start <= nxt.root.head.i < span.end and restates_role(res, nres):
            out[i] = (span, dataclasses.replace(res, country=nres.country, sector=nres.sector))
    return out


# Nouns of acts: a phrase headed by one names no actor unless a country is in it ("a U.S. air
# strike" still says who struck).
ACTION_NOUNS = frozenset({"offensive", "attack", "strike", "airstrike", "raid", "operation", "campaign",
                          "assault", "bombing", "invasion", "war", "exercise", "drill", "crackdown",
                          "shooting", "massacre", "blast", "explosion", "siege", "uprising", "riot"})


def _only_places(matches: list[Match]) -> bool:
    """Do the phrase's matches name only cities or places ("the Paris attacks", "the Baghdad
    bombing")? Those say where an act happened; a country's name or adjective ("US strikes",
    "Israeli raids") says who did it."""
    return bool(matches) and all(m.kind == "country" and all(e.entity_kind in {"capital", "place"} for e in m.entries)
                                 for m in matches)


def _as_place(span: Any, res: Resolution, matches: list[Match]) -> Resolution:
    """A capital stands for its government ("Tehran said"), but not as the object of a locative
    preposition ("talks in Tehran"), where it is only a place of that country."""
    root = span.root
    if res.sector == "GOV" and res.name is None and all(m.kind == "country" for m in matches) \
            and root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_OR_GOAL:
        return dataclasses.replace(res, sector=None)
    return res


# Words that join coordinated actors ("Hungarian and Romanian officials").
COORDINATORS = frozenset({"and", ",", "or", "&"})


def _coordinated(parsed: Any, span: Any, res: Resolution, matches: list[Match],
                 kb: KnowledgeBase) -> list[tuple[Any, Resolution]]:
    """'Hungarian and Romanian officials', 'US and British forces': one phrase, one actor per
    coordinated country word, each with the head's sector. The parts are 'Hungarian' and
    'Romanian officials'; the events stage joins them again through the 'conj' arc."""
    countries = [m for m in matches if m.kind == "country"]
    if res.name is not None or len(countries) < 2 or any(m.kind == "entity" for m in matches):
        return [(span, res)]
    run = [countries[0]]
    for m in countries[1:]:
        between = [t.lower_ for t in span[run[-1].end:m.start]]
        if between and all(w in COORDINATORS for w in between):
            run.append(m)
        elif len(run) < 2:
            run = [m]
    if len(run) < 2 or any(t.i >= span.start + run[-1].end for t in span if t.lower_ in COORDINATORS):
        return [(span, res)]  # the coordination must be the phrase's modifier, before its head
    parts = []
    for i, m in enumerate(run):
        start = span.start if i == 0 else span.start + m.start
        end = span.start + m.end if i + 1 < len(run) else span.end
        country = kb.pick_country(m.entries, None).country
        parts.append((parsed[start:end], dataclasses.replace(res, country=country)))
    return parts


# "Demonstrators in Baghdad", "residents of Gaza", "a group based in Trinidad": the place is
# where the group is from.
LOCATING = (("in",), ("from",), ("of",), ("based", "in"), ("inside",))
# "Workers affiliated with the Serbian Workers' Union": the group belongs where the body does.
# ("backed by" is left out: an Iran-backed militia is not Iranian, it is Iran's proxy.)
AFFILIATING = (("affiliated", "with"), ("loyal", "to"), ("linked", "to"), ("allied", "with"),
               ("belonging", "to"), ("attached", "to"))


# Sectors of fighters that belong to the armed body an "of" phrase names ("fighters of the Free
# Syrian Army", "armed groups of the X organisation"); not victims, relatives or residents of it.
FIGHTING_SECTORS = frozenset({"MIL", "REB", "UAF", "INS", "IMG", "SPY", "COP"})


def _located(parsed: Any, found: list[tuple[Any, Resolution]]) -> list[tuple[Any, Resolution]]:
    """A group with no country followed by a prepositional phrase on its head naming a state or
    a place in one ("protesters in Baghdad", "officials in Iraq's northern region": a place noun
    of no sector, UNK, is still a place), or a body it belongs to or comes from ("workers
    affiliated with the Serbian Workers' Union", "nurses from two foreign charities"; fighters
    "of" an armed body, FIGHTING_SECTORS; "gunmen suspected to be members of X"), takes
    that country and absorbs the phrase, which then names no actor of its own."""
    out: list[tuple[Any, Resolution]] = []
    i = 0
    while i < len(found):
        span, res = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        if res.country is None and res.sector and nxt is not None and nxt[1].country \
                and _gives_country(parsed, span, res, *nxt):
            merged = parsed[span.start:nxt[0].end]
            out.append((merged, dataclasses.replace(res, country=nxt[1].country, kind="state")))
            i += 2
            continue
        out.append((span, res))
        i += 1
    return out


def _gives_country(parsed: Any, span: Any, res: Resolution, other: Any, other_res: Resolution) -> bool:
    """Does the mention after a country-less group give it its country (see :func:`_located`)?"""
    if other_res.kind == "state" and other_res.sector in (None, "GOV", "PRE", "UNK") \
            and _locating_link(parsed, span, other, LOCATING):
        return True
    if other_res.kind == "igo":
        return False
    return (_locating_link(parsed, span, other, AFFILIATING + (("from",),))
            or res.sector in FIGHTING_SECTORS and _locating_link(parsed, span, other, (("of",),))
            or _between(parsed, span, other, max(map(len, SUSPECTED))) in SUSPECTED)


# Verbs by which a facility or vehicle holds people or is held ("bases housing US troops", "a convoy
# carrying Turkish soldiers", "the base used by American forces", "a checkpoint manned by Iraqi
# police"; only an organ of a state counts, see OCCUPANTS), and the finite forms of those the
# small parser often reads as nouns after a relative pronoun ("bases ... that house U.S. forces").
HOUSING_VERBS = frozenset(HOUSING | {"base", "deploy", "use", "carry", "transport", "accommodate", "garrison",
                                     "quarter", "protect", "guard", "man", "staff", "run", "operate",
                                     "occupy", "control"})
HOUSING_FORMS = frozenset({"house", "houses", "housed", "host", "hosts", "hosted"})
PARTICIPLES = frozenset({"housing", "hosting", "carrying", "sheltering"})
RELATIVES = frozenset({"that", "which", "where"})
# Whom a facility stands for when it holds them: organs of a state (a tanker "carrying British
# crew members" is not Britain's), or people of a state with no sector ("hosts American and
# Iraqi personnel") when the noun gives one.
OCCUPANTS = frozenset({"MIL", "GOV", "COP", "SPY", "LEG", "JUD"})
PRESENCE = frozenset({"presence", "contingent", "personnel"})  # "with a US presence": forces held
HOSTING_WINDOW = 6  # tokens after a facility noun read for "(in X) that house(s) ..."


def _hosted(parsed: Any, found: list[tuple[Any, Resolution]], kb: KnowledgeBase, *, chunks: list[Any],
            lower: list[str]) -> list[tuple[Any, Resolution]]:
    """A facility or vehicle noun (resources/actors/facility_nouns.tsv) whose phrase says whom it
    holds stands for them: 'bases in Iraq that house U.S. forces' and 'Iraqi bases where US
    forces maintain a presence' are US forces (MIL), 'a compound housing American diplomats' US
    diplomats (GOV); its kind is ``hosted``. The place it is in stays a place ('in Iraq'): an
    attack on it is an attack on them, where the base is. A named entity keeps its own reading.
    ``chunks``: the document's noun chunks; ``lower``: its tokens' lower-case forms (a Token is
    made only for a facility noun)."""
    owner = {i: n for n, (span, _) in enumerate(found) for i in range(span.start, span.end)}
    by_root: dict[int, Any] | None = None  # noun chunks by their root, made at the first need
    out = list(found)
    for i, low in enumerate(lower):
        noun_sector = kb.facility_nouns.get(low)
        if noun_sector is None:
            continue
        tok = parsed[i]
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        n = owner.get(tok.i)
        if n is not None and (out[n][1].name is not None or out[n][1].country and noun_sector == "GOV"):
            continue  # a named entity; an owned embassy ("the US embassy, which hosted Iraqi officials")
        if n is None and by_root is None:
            by_root = {c.root.i: c for c in chunks}
        span = out[n][0] if n is not None else by_root.get(tok.i, parsed[tok.i:tok.i + 1])
        guest = _guest(parsed, tok, span, owner, found)
        if guest is None or guest.sector not in OCCUPANTS and (guest.sector or not noun_sector):
            continue
        res = Resolution(country=guest.country, sector=guest.sector or noun_sector or None,
                         proxy_of=guest.proxy_of, kind=HOSTED)
        if n is not None:
            out[n] = (span, res)
        else:
            out.append((span, res))
    return sorted(out, key=lambda f: f[0].start) if len(out) > len(found) else out


def _guest(parsed: Any, tok: Any, span: Any, owner: dict[int, int],
           found: list[tuple[Any, Resolution]]) -> Resolution | None:
    """Whom a facility noun's phrase says it holds: the first actor with a country in a clause
    on it (or on the place it is in) of housing ('housing', 'where ... are stationed'), after
    'home to', or a force after 'with'; else, for a misread parse, in '(in X) that house ...'."""
    def first(tokens: Any) -> Resolution | None:
        for t in tokens:
            n = owner.get(t.i)
            if n is not None and not span.start <= t.i < span.end and found[n][1].country:
                return found[n][1]
        return None

    heads = [tok] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ in LOCATIVE_OR_GOAL
                     for o in p.children if o.dep_ == "pobj"]
    for head in heads:
        for c in head.children:
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in HOUSING_VERBS:
                got = first(c.subtree)
            elif c.dep_ == "relcl" and any(g.dep_ == "advmod" and g.lower_ == "where" for g in c.children):
                got = first(t for s in c.children if s.dep_ in {"nsubj", "nsubjpass"} for t in s.subtree)
            elif head.i == tok.i and c.lower_ == "home" and c.dep_ in {"amod", "appos", "npadvmod"}:
                got = first(t for p in c.children if p.lower_ == "to" for t in p.subtree)
            elif head.i == tok.i and c.dep_ == "prep" and c.lower_ == "with":  # "bases with a US presence"
                got = first(c.subtree)
                held = got is not None and (got.sector == "MIL" or any(
                    g.lemma_.lower() in PRESENCE for g in c.children if g.dep_ == "pobj"))
                got = got if held else None
            else:
                continue
            if got is not None:
                return got
    return _guest_by_words(parsed, tok, first)


def _guest_by_words(parsed: Any, tok: Any, first: Any) -> Resolution | None:
    """'two bases in Iraq that house U.S. forces', parsed with 'house' as a noun: a relative
    pronoun within a few words (no verb between) and a form of 'house' or 'host' right after it;
    'bases housing American soldiers' and 'bases with a US presence', the participle or the 'with'
    hung on the verb: right after the noun."""
    end = min(tok.sent.end, tok.i + HOSTING_WINDOW)
    after = parsed[tok.i + 1:end]
    if len(after) and after[0].lower_ in PARTICIPLES:  # "air bases housing American soldiers"
        return first(parsed[tok.i + 2:min(tok.sent.end, tok.i + 2 + HOSTING_WINDOW)])
    if len(after) and after[0].lower_ == "with":
        words = next((parsed[tok.i + 2:w.i + 1] for w in after if w.lemma_.lower() in PRESENCE), None)
        return first(words) if words is not None else None
    for j in range(tok.i + 1, end):
        word = parsed[j]
        if word.lower_ in RELATIVES:
            if j + 1 < tok.sent.end and parsed[j + 1].lower_ in HOUSING_FORMS:
                return first(parsed[j + 2:min(tok.sent.end, j + 2 + HOSTING_WINDOW)])
            return None
        if word.pos_ in {"VERB", "AUX"} or word.is_punct:
            return None
    return None


# "Gunmen suspected to be members of X": who the text takes them for, read by the words alone
# (the parser often makes the participle the sentence's verb).
SUSPECTED = frozenset({("suspected", "to", "be"), ("believed", "to", "be"), ("thought", "to", "be"),
                       ("suspected", "of", "being")})


def _between(parsed: Any, span: Any, other: Any, longest: int) -> tuple[str, ...] | None:
    """The words between a mention and the next one, if there are 1 to ``longest`` of them
    (linear: a long gap is never read)."""
    if not 0 < other.start - span.end <= longest:
        return None
    return tuple(t.lower_ for t in parsed[span.end:other.start])


def _locating_link(parsed: Any, span: Any, place: Any, links: tuple[tuple[str, ...], ...]) -> bool:
    between = _between(parsed, span, place, max(len(link) for link in links))
    if between is None or between not in links:
        return False
    prep = parsed[place.start - 1]
    attach = prep.head if len(between) == 1 else prep.head.head  # "based", "loyal" hang on the group
    return span.start <= attach.i < span.end


# Heads of a noun phrase that take an "of X" complement into the actor ("the president of Iran").
OF_HEADS = ROLE_NOUNS | {"minister", "ministry", "government", "army", "parliament", "king", "prime",
                         "ambassador", "foreign", "defense", "defence", "interior"}


def _phrases(parsed: Any, matches: list[Match], chunks: list[Any]) -> list[Any]:
    """Noun phrases to resolve: noun chunks (``chunks``: the document's) and entities, plus alias
    matches outside any."""
    from spacy.util import filter_spans

    ents = [e for e in parsed.ents if e.label_ in {"ORG", "NORP", "GPE", "PERSON", "FAC"}]
    spans = filter_spans(chunks + ents + [parsed[m.start:m.end] for m in matches])
    spans = sorted(spans, key=lambda s: s.start)
    merged: list[Any] = []
    for span in spans:
        prev = merged[-1] if merged else None
        if (prev is not None and span.start == prev.end + 1 and parsed[prev.end].lower_ == "of"
                and prev[-1].lower_ in OF_HEADS):
            merged[-1] = parsed[prev.start:span.end]
        else:
            merged.append(span)
    return merged


@lru_cache(maxsize=4)
def shared_kb(extra_files: tuple[str | Path, ...] = ()) -> KnowledgeBase:
    """One knowledge base per set of user tables, loaded on first use."""
    return KnowledgeBase(extra_files=extra_files)


def resolve_actor_string(text: str, *, date: dt.date | None = None,
                         context: str | None = None) -> Actor | None:
    """Resolve a bare actor string ("Iraqi police", "Angela Merkel") to an actor, or None.

    ``date`` chooses among date-bounded roles; ``context`` is a hint such as a
    country word ("Saudi") that supplies a country the string lacks.
    """
    kb = shared_kb()
    res = Composer(kb).resolve(kb.tokens(text), date, context=context)
    if res is None:
        return None
    return Actor(text=text, start=0, end=len(text), country=res.country, sector=res.sector,
                 proxy_of=res.proxy_of, name=res.name, kind=res.kind)
