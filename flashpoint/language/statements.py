"""Which of the coder's verbs of saying is a public statement: a learned decision over the clauses
in which a named political actor speaks.

The news conventions (``docs/news-gold.md``, "Statements") code ``010`` for a substantive public
position taken by a political actor in its role ("Germany insisted that ...", a UN agency warning
that ...), and code nothing for a routine attribution of a report ("police said", "officials
said the attack killed five") or for a saying verb whose content is itself an act (coded as that
act). :func:`candidates` finds the clauses to decide: a verb of saying (:data:`STATING`), not in
a quotation, whose subject names a political actor in its role (:func:`named_speaker`).
:func:`features` describes one: who speaks (kind, sector, a name), the verb and where it stands,
and what is said (the lexicon root of the complement's head verb, whether the coder holds an
event in it or in the sentence, a first-person or modal or negated complement, numbers, a copula).
The model (``resources/model/statement.json``, a :class:`~flashpoint.knowledge.linear.LinearModel`)
is trained by ``scripts/train_statements.py`` on the blind-coded training sentences
(``data/training/``): right when the hand coding has a statement or appeal (CAMEO 01, 02) on the
verb. The stage ``statements`` (``stages/statements.py``) codes the clauses it accepts.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..codebook import cameo
from ..knowledge.linear import LinearModel
from ..model import Actor
from .arguments import quoted, verb_args
from .grammar import trigger_token
from .lexicon import default_rules
from .negation import negated
from .voices import SAYING

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "model" / "statement.json"
STATING = SAYING - {"ask", "claim"}  # an appeal and a claim are acts of their own
SPEAKERS = frozenset({"state", "igo", "nonstate", "person"})  # actor kinds read from a name
UNPOLITICAL = frozenset({"CVL", "MED", "JRN", "EDU", "BUS", "REF", "CRM", "AGR", "LAB"})
FORMER = frozenset({"former", "ex", "retired", "erstwhile"})  # out of office: not speaking in a role
MODALS = frozenset({"will", "would", "must", "should", "could", "can", "may", "might", "shall"})
FIRST = frozenset({"i", "we", "us", "our", "my"})
COMPLEMENTS = ("ccomp", "xcomp")
AUDIENCE = frozenset({"tell"})  # its object is whom it was said to
CLAUSES = frozenset({"ROOT", "conj", "ccomp", "parataxis", "advcl"})  # how the verb of saying hangs, kept


def named_speaker(subject: Any, actor: Actor | None) -> bool:
    """Does the subject name a political actor in its role (not 'an official', 'residents',
    'Syrians', 'he', 'a former adviser')?"""
    if actor is None or subject is None or actor.kind not in SPEAKERS or actor.sector in UNPOLITICAL:
        return False
    if subject.ent_type_ == "NORP" or any(t.lower_ in FORMER for t in subject.subtree):
        return False  # a people ('Syrians warn'), or someone out of office
    return actor.name is not None or subject.pos_ == "PROPN"


def candidates(sent: Any, by_token: dict[int, Actor], coded: dict[int, int]) -> Iterator[tuple[Any, Actor]]:
    """(verb, speaker) of each clause of the sentence in which a named political actor speaks,
    on a verb of saying that carries no coded event (``coded``: as for :func:`features`)."""
    for tok in sent:
        if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in STATING or tok.i in coded or quoted(tok):
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        source, _ = verb_args(tok, by_token)
        if source is not None and named_speaker(subject, source):
            yield tok, source


def content(tok: Any) -> Any | None:
    """The head of what is said: the verb's clausal complement ('said [it would retaliate]'), or,
    when the verb of saying hangs on a clause ('the attack killed five, police said'), that clause."""
    comp = next((c for c in tok.children if c.dep_ in COMPLEMENTS), None)
    if comp is None and tok.dep_ in {"parataxis", "ccomp", "advcl"} and tok.head.i != tok.i \
            and tok.head.pos_ in {"VERB", "AUX"}:
        return tok.head
    return comp


def verb_root(lemma: str) -> str:
    """The CAMEO root of a verb's bare lexicon row ('none' without one)."""
    rows = default_rules().get((lemma, "V"), [])
    bare = [r for r in rows if not r.objects and not r.preps] or rows
    return bare[0].cameo[:2] if bare else "none"


def coded_triggers(events: Any, parsed: Any) -> dict[int, int]:
    """Token index of each event's trigger -> the highest quad class of the events on it."""
    out: dict[int, int] = {}
    for e in events:
        t = trigger_token(e, parsed)
        if t is not None:
            out[t.i] = max(out.get(t.i, 0), cameo(e.cameo[:2]).quad_class)
    return out


def target_of(tok: Any, by_token: dict[int, Actor]) -> Actor | None:
    """Whom the statement is addressed to or about, when the verb names a political actor there.
    Whom something was told to is its audience, not a target (the gold's convention: "told
    reporters", "told state radio")."""
    if tok.lemma_.lower() in AUDIENCE:
        return None
    _, target = verb_args(tok, by_token)
    if target is None or target.kind not in SPEAKERS or target.sector in UNPOLITICAL:
        return None
    return target


def own_code(lemma: str) -> str:
    """The code a statement on this verb takes: its bare lexicon row's when that is a statement or
    an appeal (CAMEO 01, 02), else 010."""
    rows = [r for r in default_rules().get((lemma, "V"), []) if not r.objects and not r.preps]
    return rows[0].cameo if rows and rows[0].cameo[:2] in {"01", "02"} else "010"


def features(tok: Any, source: Actor, coded: dict[int, int]) -> dict[str, Any]:
    """The features of the statement on ``tok`` by ``source``; ``coded`` maps the token index of
    each of the sentence's coded triggers to its event's quad class (the highest of its events)."""
    sent = tok.sent
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    f: dict[str, Any] = {
        "lemma": tok.lemma_.lower(), "dep": tok.dep_ if tok.dep_ in CLAUSES else "other",
        "kind": source.kind, "sector": source.sector or "none", "country": source.country is not None,
        "known": source.name is not None,
        "inverted": subject is not None and subject.i > tok.i,
        "early": (tok.i - sent.start) / max(1, len(sent)) < 0.34,
        "negated": negated(tok), "told": any(c.dep_ in {"dobj", "dative"} for c in tok.children),
        "quotes": any(t.text in {"\u201c", "\u201d", '"'} for t in sent),
    }
    comp = content(tok)
    sent_events = set(coded) - {tok.i}
    f["sent_event"] = bool(sent_events)
    if sent_events:
        f["sent_class"] = str(max(coded[i] for i in sent_events))
    if comp is None:
        f["comp"] = "none"
        return f
    inside = {t.i for t in comp.subtree}
    if comp.i == tok.head.i:  # 'the attack killed five, police said': the clause without the saying
        inside -= {t.i for t in tok.subtree}
    f["comp"] = "head" if comp.i == tok.head.i else comp.dep_
    f["comp_root"] = verb_root(comp.lemma_.lower()) if comp.pos_ in {"VERB", "AUX"} else "noun"
    f["comp_event"] = bool(inside & sent_events)
    words = [sent.doc[i] for i in sorted(inside)]
    f["comp_first"] = any(t.lower_ in FIRST for t in words)
    f["comp_modal"] = any(t.lower_ in MODALS and t.head.i == comp.i for t in words)
    f["comp_neg"] = negated(comp)
    f["comp_num"] = any(t.like_num for t in words)
    f["comp_copula"] = comp.lemma_.lower() == "be" or any(c.dep_ in {"acomp", "attr"} for c in comp.children)
    return f


@cache
def model() -> LinearModel:
    """The packaged statement model (``resources/model/statement.json``)."""
    return LinearModel.read(MODEL_PATH)
