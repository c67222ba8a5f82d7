"""Dates: each event's date resolved against the publication date, with a precision.

Date expressions are the parser's DATE entities. Each goes to the event trigger the parse
attaches it to ("protested against new US sanctions on Monday": the protest), else to the
trigger nearest it in the dependency tree (within its sentence); the expression is resolved
with dateparser relative to the publication date, preferring the past ("two years ago" is a
year, "three weeks ago" a month, "five days ago" a day). An event with no expression of its
own takes the date of the event it continues: the dated act its subject names ("the 2015
attacks killed 130": 2015), the dated verb it is coordinated with ("two years ago gunmen
stormed a hotel and killed 20") or the dated act in whose phrase it stands ("killed in an air
strike on Friday": the strike too).
Otherwise it is not given the publication date: it is marked as happening before
publication, at unknown precision.

A date that dates a report dates the report, not the earlier acts it tells of: in "the army
said on Saturday it had shot down the plane" or "24 civilians have been killed, the UN said
on Tuesday", Saturday and Tuesday are when it was said; the act, told in a past or perfect
tense, happened before and is not given that day (what the speaker announces or says is under
way, "said on Sunday they would not attend", keeps it). Nor does a date go to an act in a
clause that places it before the dated one ("the announcement on Monday came after 29 people
were killed").
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from ..language.place_attachment import SPEECH
from ..model import Document, Event, EventDate

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTHS = ("january february march april may june july august september october november december "
          "jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Words that name a day relative to publication.
DAY_WORDS = {"today", "yesterday", "tonight", "tomorrow"}
# "<quantity> <unit>s ago": the unit says how precise the date is (weeks: the month they fall in).
AGO = re.compile(r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
                 r"(day|week|month|year|decade)s?\s+ago\b")
MONTH_NUMBER = {name[:3]: n for n, name in enumerate(MONTHS[:12], 1)}
LAST_MONTH = re.compile(r"(?:in |since |until |by )?(?:last|this past|past) (" + "|".join(MONTHS[:12]) + r")")
WEEK = re.compile(r"(?:(?:earlier|later) )?(?:in |during )?(last|this|the past) week")
# The month a season ends in; "last winter" straddles two years and stays unknown.
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}
LAST_SEASON = re.compile(r"(?:in |since |during )?(?:last|this past|past) (spring|summer|autumn|fall)")
# Words whose date is when something was said: verbs of speech and nouns of reports.
REPORTS = (SPEECH - {"speak"}) | {"announcement", "statement", "remark", "interview", "admit", "acknowledge",
                                  "reveal"}
# Marks of a clause that happened before the one it hangs on ("came after 29 were killed").
EARLIER = frozenset({"after", "since", "following"})
# What may come before a date that opens its sentence ("On Monday, ...", "Early on Friday ...").
SCENE = frozenset({"on", "in", "at", "by", "early", "late", "later", "earlier", "and", "but", "then"})
AGO_PRECISION = {"day": "day", "week": "month", "month": "month", "year": "year", "decade": "year"}


def resolve_date(text: str, published: dt.date | None) -> EventDate:
    """A date expression resolved against the publication date; one whose day would fall outside
    the calendar (before 0001-01-01 or after 9999-12-31, from a publication date at either end)
    stays unresolved."""
    try:
        return _resolved(text, published)
    except (OverflowError, ValueError):
        return EventDate(None, "unknown", text)


def _resolved(text: str, published: dt.date | None) -> EventDate:
    low = text.lower().strip()
    if published is None and not _explicit_year(low):
        return EventDate(None, "unknown", text)  # "on Tuesday" of an undated page: no day to count from
    relative = _relative_period(low, published) if published is not None else None
    if relative is not None:
        return dataclasses.replace(relative, text=text)
    precision = _precision(low)
    if precision == "unknown":
        return EventDate(None, "unknown", text)
    value = _parse(low, published)
    if value is None and published is not None and ("this month" in low or "this year" in low):
        value = published  # "earlier this month"
    weekday = next((n for n, w in enumerate(WEEKDAYS) if w in low), None)
    if value is not None and published is not None and weekday == published.weekday() \
            and not re.search(r"\b(last|next|previous)\b", low):
        value = published  # "on Tuesday" in a Tuesday report is that day
    if value is None:
        return EventDate(None, "unknown", text)
    if published is not None and value > published and not _explicit_year(low):
        # "on January 8" read in a February article: the past one is meant.
        if precision in {"day", "month"} and value.year == published.year:
            value = value.replace(year=value.year - 1)
    if precision == "year":
        return EventDate(f"{value.year:04d}", "year", text)
    if precision == "month":
        return EventDate(f"{value.year:04d}-{value.month:02d}", "month", text)
    return EventDate(value.isoformat(), "day", text)


def _relative_period(low: str, published: dt.date) -> EventDate | None:
    """Periods named relative to publication that dateparser leaves unread: "last March" (the
    latest March before the publication month), "last week" and "earlier this week" (the month
    they fall in, when the whole week lies in one month), "last summer" (its year). None when
    the expression is none of these; an EventDate without value when it is one but too vague."""
    match = LAST_MONTH.fullmatch(low)
    if match:
        month = MONTH_NUMBER[match.group(1)[:3]]
        year = published.year if month < published.month else published.year - 1
        return EventDate(f"{year:04d}-{month:02d}", "month", low)
    match = WEEK.fullmatch(low)
    if match:
        monday = published - dt.timedelta(days=published.weekday())
        first, last = {"last": (monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)),
                       "this": (monday, published),
                       "the past": (published - dt.timedelta(days=7), published)}[match.group(1)]
        if (first.year, first.month) != (last.year, last.month):
            return EventDate(None, "unknown", low)
        return EventDate(f"{first.year:04d}-{first.month:02d}", "month", low)
    match = LAST_SEASON.fullmatch(low)
    if match:
        ends = SEASON_END[match.group(1)]
        year = published.year if published.month > ends else published.year - 1
        return EventDate(f"{year:04d}", "year", low)
    return None


def _explicit_year(low: str) -> bool:
    return YEAR.search(low) is not None


def _precision(low: str) -> str:
    words = set(re.findall(r"[a-z]+", low))
    ago = AGO.search(low)
    if ago:
        return AGO_PRECISION[ago.group(1)]
    has_day_number = re.search(r"\b([0-2]?\d|3[01])(st|nd|rd|th)?\b", re.sub(YEAR, "", low)) is not None
    if words & DAY_WORDS or words & set(WEEKDAYS):
        return "day"
    if words & set(MONTHS):
        return "day" if has_day_number else "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low):
        return "day"
    if "this year" in low or "last year" in low or "next year" in low:
        return "year"
    if "this month" in low or "last month" in low:
        return "month"
    if YEAR.search(low):
        return "year"
    return "unknown"


@lru_cache(maxsize=4096)
def _parse(low: str, base: dt.date | None) -> dt.date | None:
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": [],
                                "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12)
    cleaned = re.sub(r"\b(on|in|of|the|early|late|mid|since|by|until|during)\b", " ", low).strip()
    cleaned = re.sub(r"\s+", " ", cleaned)
    if re.fullmatch(r"\d{4}", cleaned):
        return dt.date(int(cleaned), 1, 1)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    return parsed.date() if parsed else None



class DateResolver:
    """Pipeline stage: give every event a date, its precision and its expression."""

    name = "dates"
    requires = frozenset({"date", "parse", "tokens", "events"})
    updates = frozenset({"events"})  # dates each event
    assigns: frozenset[str] = frozenset()

    def __call__(self, doc: Document) -> Document:
        triggers = [doc.tokens.token_at(ev.trigger_start) for ev in doc.events]
        owned = _assign_dates(doc.parse, triggers)
        dated = [self._date(doc, ev, owned.get(i)) for i, ev in enumerate(doc.events)]
        dated = _continued(dated, triggers)
        return dataclasses.replace(doc, events=tuple(dated))

    @staticmethod
    def _date(doc: Document, ev: Event, expr: Any | None) -> Event:
        if expr is not None:
            date = resolve_date(expr.text, doc.date)
            if date.value is not None:
                return dataclasses.replace(ev, date=date)
        before = doc.date.isoformat() if doc.date else None
        return dataclasses.replace(ev, date=EventDate(before, "unknown", None, "before"))


def _continued(events: list[Event], triggers: list[Any | None]) -> list[Event]:
    """Undated events that continue a dated one take its date: the subject of the trigger is
    the dated act's trigger ("the 2015 Paris attacks killed 130"), the trigger is coordinated
    with it ("two years ago gunmen stormed a hotel and killed 20"), or the trigger is the object
    of its preposition ("killed in an air strike on Friday"). One pass, in document order, so a
    chain of conjuncts takes the first one's date."""
    by_token: dict[int, EventDate] = {}
    for ev, tok in zip(events, triggers):
        if tok is not None and ev.date.text is not None:
            by_token.setdefault(tok.i, ev.date)
    if not by_token:
        return events
    out = []
    for ev, tok in zip(events, triggers):
        if tok is not None and ev.date.text is None:
            source = _continues(tok, by_token)
            if source is not None:
                ev = dataclasses.replace(ev, date=source)
                by_token.setdefault(tok.i, source)
        out.append(ev)
    return out


def _continues(tok: Any, by_token: dict[int, EventDate]) -> EventDate | None:
    if tok.dep_ == "conj" and tok.head.i in by_token:
        return by_token[tok.head.i]
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i in by_token:
        return by_token[tok.head.head.i]      # "killed in a U.S. air strike on Friday": the strike too
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i in by_token:
            return by_token[child.i]
    return None


def _assign_dates(parsed: Any, triggers: list[Any | None]) -> dict[int, Any]:
    """Each DATE entity goes to the event trigger the parse attaches it to, else to the nearest
    trigger in its sentence (tree distance); each event keeps the nearest of the expressions it
    was given."""
    best: dict[int, tuple[int, Any]] = {}
    dated = [ent for ent in parsed.ents if ent.label_ == "DATE"]
    if not dated:
        return {}
    in_sentence: dict[int, list[tuple[int, Any]]] = {}  # sentence start -> its (index, trigger)s, in order
    for i, t in enumerate(triggers):
        if t is not None:
            in_sentence.setdefault(t.sent.start, []).append((i, t))
    for ent in dated:
        sent_start = ent.root.sent.start
        governor = _governor(ent)
        report = _report_day(ent, governor)
        scored = [(0 if governor is not None and t.i == governor.i else 1, _distance(t, ent), abs(t.i - ent.start), i)
                  for i, t in in_sentence.get(sent_start, ()) if not (report and _told_before(t, governor))]
        if not scored:
            continue
        _, dist, _, i = min(scored)
        chosen = triggers[i].i
        for j, t in in_sentence[sent_start]:  # one trigger, one act: every event on it ("X and Y attacked")
            if t.i == chosen and (j not in best or dist < best[j][0]):
                best[j] = (dist, ent)
    return {i: ent for i, (_, ent) in best.items()}


def _governor(ent: Any) -> Any | None:
    """The word the parse attaches a date to: the head of "Monday" in "protested ... on Monday"
    (through its preposition) or of "Monday" in "met Monday". A trigger that governs the date
    takes it before any nearer noun ("protested against new US sanctions on Monday": the
    protest was on Monday)."""
    head = ent.root.head
    if head.i == ent.root.i:  # the date is its sentence's root (a new Token at every access: no `is`)
        return None
    if head.dep_ == "prep" and head.head.i != head.i:
        return head.head
    return head


def _report_day(ent: Any, governor: Any | None) -> bool:
    """May this date be a report's day and not its acts' (:func:`_told_before`)? Only a day
    attached to a word: an act told in a month or a year ("in February, Israel said it downed a
    drone") most likely falls in it too, and a date that opens the sentence sets the scene of all
    it tells ("On 1 August, activists said 50 people were killed")."""
    if governor is None or _precision(ent.text.lower()) != "day":
        return False
    return not all(t.is_punct or t.lower_ in SCENE for t in ent.doc[ent.sent.start:ent.start])


def _told_before(trigger: Any, governor: Any) -> bool:
    """Did the trigger's act happen before the day its sentence's report is dated
    (:func:`_report_day`): a past act told in a report the date is of ("said on Saturday they
    had shot down the plane"), or an act in a clause marked as earlier than the dated one ("the
    announcement on Monday came after 29 were killed")?"""
    if governor.i == trigger.i:
        return False
    clause = trigger
    while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
        clause = clause.head  # an event noun's own clause: 'the withdrawal had created ...'
    if clause.i == governor.i:
        return False  # 'the strike on Monday ... hit': the date is of the trigger's own clause
    if governor.lemma_.lower() in REPORTS and _past(clause):
        return True
    return clause.dep_ == "advcl" and not _inside(governor, clause) and any(
        c.dep_ == "mark" and c.lower_ in EARLIER for c in clause.children)


def _past(verb: Any) -> bool:
    """Is the clause in a past or perfect tense ('shot', 'had shot', 'have been killed', 'were
    killed'), not a present, a progressive or a future ('are using', 'would attend')?"""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.lemma_.lower() == "have" for c in auxes):
        return True
    if any(c.dep_ == "aux" for c in auxes):
        return False  # 'would attend', 'were preventing', 'will send'
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.tag_ == "VBD" for c in auxes)  # 'were killed'


def _inside(tok: Any, clause: Any) -> bool:
    return clause.left_edge.i <= tok.i <= clause.right_edge.i


def _distance(trigger: Any, ent: Any) -> int:
    """Tree distance, but a date right after the trigger's phrase ("its withdrawal from
    the deal in 2018") counts as attached to it whatever the parser chose."""
    d = _tree_distance(trigger, ent.root)
    right = trigger.right_edge.i
    if right < ent.start <= right + 3 and all(not t.is_alpha or t.lower_ in {"in", "on", "since"}
                                              for t in trigger.doc[right + 1: ent.start]):
        return min(d, 1)
    return d


def _tree_distance(a: Any, b: Any) -> int:
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index_a = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate(up_b):
        if t.i in index_a:
            return n + index_a[t.i]
    return 50
