"""Composition: the actor knowledge base's matches inside one noun phrase become one actor.

The rules (see :mod:`flashpoint.stages.actors` for the list) read only the phrase's words and
the matches the knowledge base found in them, never the parse, so they serve both the actor
stage and :func:`flashpoint.stages.actors.resolve_actor_string`.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass

from .actor_kb import Entry, KnowledgeBase, Match, Token

# Words that open a prepositional phrase after the head of a noun phrase.
PREPS = frozenset({"of", "in", "to", "at", "from", "for", "across", "with", "on", "near", "inside",
                   "outside", "against", "over", "under", "by", "within", "throughout", "based"})
# A former office holder is an elite (PLOVER ELI).
FORMER = frozenset({"former", "ex", "retired", "onetime", "erstwhile", "ousted", "deposed", "exiled"})
# Sectors of office: their holders become elites once former.
ELI_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP", "PTY", "ELI"})
# Nouns that name a member or officer of an organisation: they take its sector.
ROLE_NOUNS = frozenset({
    "member", "members", "official", "officials", "officer", "officers", "spokesman", "spokeswoman",
    "spokesperson", "head", "heads", "chief", "chiefs", "leader", "leaders", "leadership", "president",
    "chairman", "chairwoman", "chair", "director", "commander", "commanders", "representative",
    "representatives", "employee", "employees", "staff", "personnel", "worker", "workers", "source",
    "sources", "secretary", "secretary general", "secretary-general", "deputy", "men", "people",
    "unit", "units", "office", "group", "agent", "agents", "accountant", "boss", "envoy", "delegation",
    "team", "branch", "wing", "faction"})
# Sectors that say nothing: a stronger reading of the phrase replaces them.
WEAK_SECTORS = frozenset({"UNK", ""})
# Military titles that are also common adjectives: a title only before a name or alone.
ADJECTIVE_TITLES = frozenset({"general", "major", "private"})
# Words that may stand between a state's word and a facility noun it owns ("a U.S. military
# base", "Iraq's air bases", "the British-flagged tanker"); any other ("China's industrial base",
# "a Turkish aid convoy") leaves the phrase the country's alone. A short list the rule is written
# around, so it stays here.
FACILITY_MODIFIERS = frozenset({
    "'s", "'", "-", "flagged", "military", "air", "naval", "navy", "army", "marine", "marines",
    "missile", "drone", "forward", "operating", "joint", "coalition", "special", "forces", "force",
    "security", "border", "main", "largest", "big", "biggest", "key", "sprawling", "remote", "new",
    "old", "temporary", "permanent", "overseas", "foreign"})


@dataclass(frozen=True)
class Resolution:
    country: str | None = None
    sector: str | None = None
    proxy_of: str | None = None
    name: str | None = None
    kind: str = "state"
    weak: bool = False  # a known person named by one word only ("Hassan"): the text may mean another

    def fill(self, other: Resolution | None) -> Resolution:
        """Fill missing country/sector from another resolution."""
        if other is None:
            return self
        return dataclasses.replace(self, country=self.country or other.country,
                                   sector=self.sector or other.sector,
                                   proxy_of=self.proxy_of or other.proxy_of)


class Composer:
    """The composition rules: matches inside one phrase -> one resolution."""

    def __init__(self, kb: KnowledgeBase, *, seen: set[str] | None = None):
        self.kb = kb
        self.seen = seen or set()  # names given in full earlier in the document

    def resolve(self, tokens: list[Token], day: dt.date | None, *, context: str | None = None,
                matches: list[Match] | None = None) -> Resolution | None:
        """One phrase's actor; ``matches`` (relative to ``tokens``) saves matching again."""
        if matches is None:
            matches = self.kb.match(tokens)
        if not matches:
            return None
        ctx = self.context_country(context, day)
        found = [r for r in (self._part(tokens[a:b], matches_within(matches, a, b), day, ctx)
                             for a, b in _appositions(tokens, matches)) if r is not None]
        if not found:
            return None
        main = next((r for r in found if r.name), found[0])
        for other in found:
            if other is not main:
                main = main.fill(other) if not restates_role(main, other) else dataclasses.replace(
                    main, country=other.country, sector=other.sector)
        if main.country is None and ctx:
            main = dataclasses.replace(main, country=ctx)
        return main

    def context_country(self, context: str | None, day: dt.date | None) -> str | None:
        if not context:
            return None
        tokens = self.kb.tokens(context)
        res = self._part(tokens, self.kb.match(tokens), day, None)
        return res.country if res else None

    def _part(self, tokens: list[Token], matches: list[Match], day: dt.date | None, ctx: str | None, *,
              nested: bool = False) -> Resolution | None:
        if not matches:
            return None
        split = _prep_split(tokens, matches)
        head = [m for m in matches if m.end <= split]
        res = self._head(head, tokens[:split], day, ctx, alone=not nested)
        tail_res = None
        if split < len(tokens):
            tail_res = self._part(tokens[split:], matches_within(matches, split, len(tokens)), day, ctx, nested=True)
        if res is None:
            if tail_res is None:
                return None
            return dataclasses.replace(tail_res, name=None)
        if tail_res is not None and _defers(head, res) and tail_res.sector and tail_res.sector != "UNK":
            res = dataclasses.replace(res, sector=tail_res.sector, name=tail_res.name or res.name,
                                      country=res.country or tail_res.country)
        if res.country is None and tail_res is not None:
            res = dataclasses.replace(res, country=tail_res.country)
        elif res.weak and tail_res is not None and tail_res.country and tail_res.country != res.country:
            res = Resolution(country=tail_res.country, sector=None if res.sector == "ELI" else res.sector)
        return res

    def _head(self, matches: list[Match], tokens: list[Token], day: dt.date | None, ctx: str | None,
              *, alone: bool = True) -> Resolution | None:
        if not matches:
            return None
        matches = [m for m in matches if _stands(m, matches, tokens, self.seen)]
        if not matches:
            return None
        entities = [(m, self.kb.pick_entity(m.entries, day, ctx)) for m in matches if m.kind == "entity"]
        entities = [(m, e) for m, e in entities if e is not None]
        countries, proxy = self._sponsored([m for m in matches if m.kind == "country"], tokens, ctx)
        agents = [m for m in matches if m.kind == "agent"]
        if proxy and not countries and not entities and not agents:
            return None  # "Iranian-backed" alone names nobody
        country = self.kb.pick_country(countries[0].entries, ctx) if countries else None
        ethnic = country is not None and country.entity_kind == "adjective" \
            and countries[0].start > 0 and tokens[countries[0].start - 1].norm == "ethnic"
        if ethnic and not entities:
            # "ethnic Albanians (in Serbia)" names a people, not Albania's nationals: the country
            # comes from where they live (the locate stage), as in ICEWS and PLOVER.
            return Resolution(sector=_agent_sector(agents) or "CVL", kind="unknown")
        former = any(t.norm in FORMER for t in tokens)
        if entities and countries and _is_head(countries[-1], tokens) \
                and all(m.end <= countries[-1].start for m, _ in entities):
            named = self.kb.pick_country(countries[-1].entries, ctx)
            if named.entity_kind == "name":  # "NATO-member Norway", "EU member Hungary"
                return Resolution(country=named.country, kind="state")
        if entities:
            m, ent = entities[-1]
            weak = m.end - m.start == 1 and ent.entity_kind == "person"
            explicit = country.country if country else None
            if weak and explicit and ent.country and explicit != ent.country:
                entities = []  # "King Hassan of Morocco" is not Jordan's Hassan
            else:
                res = self._entity(ent, m, agents, explicit, former, weak)
                return dataclasses.replace(res, proxy_of=res.proxy_of or proxy)
        sector = _agent_sector(agents)
        if sector is None and country is not None:
            sector = self._facility_sector(tokens, countries[-1].end)
        if sector is None and country is not None and alone and len(countries) == 1 and _is_head(
                countries[0], tokens):
            sector = {"capital": "GOV", "pre": "PRE"}.get(country.entity_kind)
            if _people(countries[0], country, tokens):
                sector = "CVL"
        if former and sector in ELI_SECTORS:
            sector = "ELI"
        if country is None and sector is None:
            return None
        return Resolution(country=country.country if country else None, sector=sector, proxy_of=proxy,
                          kind="state" if country else "unknown")

    def _sponsored(self, countries: list[Match], tokens: list[Token], ctx: str | None
                   ) -> tuple[list[Match], str | None]:
        """The phrase's own country words, and the state a '-backed' word names as its sponsor."""
        sponsors = [m for m in countries if _sponsors(m, tokens)]
        proxy = self.kb.pick_country(sponsors[0].entries, ctx).country if sponsors else None
        return [m for m in countries if m not in sponsors], proxy

    def _facility_sector(self, tokens: list[Token], after: int) -> str | None:
        """'an American base', 'a U.S. military convoy', 'Iraq's bases': a state's word owning a
        facility noun (resources/actors/facility_nouns.tsv) makes the phrase the state's forces
        or diplomats there, with the noun's sector."""
        rest = [t.norm for t in tokens[after:]]
        if not rest or any(w not in FACILITY_MODIFIERS for w in rest[:-1]) or any(t.norm in FORMER for t in tokens):
            return None  # "a former US base" is no longer theirs
        return self.kb.facility_nouns.get(rest[-1]) or None

    @staticmethod
    def _entity(ent: Entry, m: Match, agents: list[Match], explicit: str | None, former: bool,
                weak: bool) -> Resolution:
        """A known entity; a title written before a person's name says their role then."""
        sector = ent.sector or _agent_sector(agents)
        after = [a for a in agents if a.start >= m.end]
        if ent.entity_kind == "state" and after and not _is_role(after[-1]) and _agent_sector(after):
            sector = _agent_sector(after)  # "Westminster magistrates court": the court, in Britain
        titles = [a for a in agents if a.end <= m.start]
        title = _agent_sector(titles)
        if ent.entity_kind == "person" and title not in (None, "UNK", "ELI"):
            held = {e.sector for e in m.entries if e.name == ent.name}
            # "Prime Minister Scott Morrison": the title names one of his offices, so the text
            # is about that time; a bare office title also stands when no role is current.
            if title in held or (ent.sector in (None, "ELI") and not _is_role(titles[-1])):
                sector = title
        if former and (ent.entity_kind == "person" or sector in ELI_SECTORS):
            sector = "ELI"
        return Resolution(country=ent.country or explicit, sector=sector, proxy_of=ent.proxy_of,
                          name=ent.name, kind=ent.entity_kind, weak=weak)


def restates_role(person: Resolution, apposition: Resolution) -> bool:
    """'Kenzo Oshima, the United Nations relief coordinator': an apposition that gives a named
    person an office in a named organisation of another country says what they are in this text,
    over the knowledge base's (dated, possibly stale) role. Only an organisation named at the
    head of the apposition counts: 'X, a critic of the EU' is not the EU."""
    return person.kind == "person" and apposition.kind != "person" and apposition.name is not None \
        and bool(apposition.country) and apposition.country != person.country


def _people(m: Match, country: Entry, tokens: list[Token]) -> bool:
    """'Thousands of Nigerians', 'young Algerians': a plural demonym at the head, qualified and
    with no article, names people (CVL). A bare 'Palestinians' keeps the country alone (as the
    NGEC test cases code it), and 'the Iranians rejected the offer' is left to mean the state,
    as diplomatic reporting uses it."""
    return country.entity_kind == "adjective" and m.norm_text.endswith("s") and m.end - m.start == 1 \
        and m.start > 0 and not any(t.norm == "the" for t in tokens[:m.start])


# Participles that make the state before them a group's sponsor, not its own ("Turkish-backed
# Syrian rebels" are Syrian rebels, Turkey's proxies; "the Saudi-led coalition" stays Saudi's).
SPONSORING = frozenset({"backed", "sponsored", "supported", "funded", "armed", "trained", "financed"})
# ... of which "armed" is also the group's own adjective: "Syrian armed forces" are Syria's, and
# only "Iranian-armed militias", with the hyphen, names a sponsor.
HYPHENED_ONLY = frozenset({"armed"})


def _sponsors(m: Match, tokens: list[Token]) -> bool:
    """Is the country word a sponsor of the group: 'Turkish-backed', 'Iran-sponsored'?"""
    after = [t.norm for t in tokens[m.end:m.end + 2]]
    hyphen = after[:1] == ["-"]
    if hyphen:
        after = after[1:]
    return bool(after) and after[0] in SPONSORING and (hyphen or after[0] not in HYPHENED_ONLY)


def _is_head(m: Match, tokens: list[Token]) -> bool:
    """Is the match the phrase's head ("Tehran", "Tehran's"), not a modifier ("Baghdad airport")?"""
    return all(t.norm in {"'s", "'", "."} or not t.norm[:1].isalnum() for t in tokens[m.end:])


def _stands(m: Match, matches: list[Match], tokens: list[Token], seen: set[str]) -> bool:
    """Does a match name an actor here? Not after 'anti-'/'pro-' ("anti-Assad rebels" are not
    Assad's); a bare surname only after a title or the full name earlier in the text."""
    if m.kind != "agent" and m.start >= 1:
        before = [t.norm for t in tokens[max(0, m.start - 2):m.start]]
        if before[-1:] == ["-"] and before[:1] in (["anti"], ["pro"]) or before[-1:] in (["anti"], ["pro"]):
            return False
    if m.kind == "agent" and m.norm_text in ADJECTIVE_TITLES and m.end < len(tokens) \
            and tokens[m.end].text[:1].islower() and tokens[m.end].text.isalpha():
        return False  # "a general strike", "general elections"; not "General Soleimani"
    if not m.weak:
        return True
    if any(e.name in seen for e in m.entries):
        return True
    return any(a.kind == "agent" and a.end == m.start for a in matches)


def _agent_sector(agents: list[Match]) -> str | None:
    """The head agent's sector; a role noun takes the sector of the agent it follows."""
    if not agents:
        return None
    last = agents[-1]
    if _is_role(last) or last.entries[0].sector in WEAK_SECTORS:
        for m in reversed(agents[:-1]):
            if m.entries[0].sector not in WEAK_SECTORS:
                return m.entries[0].sector
    return last.entries[0].sector or None


def _defers(head: list[Match], res: Resolution) -> bool:
    """Does the head name only a role ("president", "members") that a following 'of X' fills?"""
    if res.name is not None:
        return False
    agents = [m for m in head if m.kind == "agent"]
    return res.sector in WEAK_SECTORS or res.sector is None or (bool(agents) and _is_role(agents[-1]))


def _is_role(m: Match) -> bool:
    """'spokesman', 'members', 'community leader': a noun naming a member of some body."""
    return m.norm_text in ROLE_NOUNS or m.norm_text.rsplit(" ", 1)[-1] in ROLE_NOUNS


def _prep_split(tokens: list[Token], matches: list[Match]) -> int:
    """Index of the first preposition after the head that is not inside an alias match."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    for i, tok in enumerate(tokens):
        if i > 0 and tok.norm in PREPS and i not in covered:
            return i
    return len(tokens)


def _appositions(tokens: list[Token], matches: list[Match]) -> list[tuple[int, int]]:
    """Token ranges of the parts of 'FSB, Russia's security service' (never inside an alias)."""
    covered = {i for m in matches for i in range(m.start, m.end)}
    parts, start = [], 0
    for i, tok in enumerate(tokens):
        if tok.norm in {",", ";", "(", ")"} and i not in covered:
            if i > start:
                parts.append((start, i))
            start = i + 1
    if start < len(tokens):
        parts.append((start, len(tokens)))
    return parts


def matches_within(matches: list[Match], start: int, end: int, starts: list[int] | None = None) -> list[Match]:
    """The matches inside [start, end), re-indexed from start. With `starts` (the matches' start
    positions, matches sorted by start) only the matches from `start` on are looked at."""
    if start == 0 and all(m.end <= end for m in matches):
        return matches
    first = bisect.bisect_left(starts, start) if starts is not None else 0
    inside = []
    for m in matches[first:]:
        if starts is not None and m.start >= end:
            break
        if m.start >= start and m.end <= end:
            inside.append(dataclasses.replace(m, start=m.start - start, end=m.end - start))
    return inside
