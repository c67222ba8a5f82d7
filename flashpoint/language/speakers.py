"""Speakers: who tells of an act, read off the parse, so that the teller is not made a party to it.

Two structures of reported speech the argument readers (:mod:`.arguments`) got wrong:

- **A speech act coordinated with the reporting verb, hung by the parser in the reported
  clause.** "Pakistan's military said Indian missiles hit mosques and killed 26 civilians, and
  vowed to retaliate": the parser makes 'vowed' a conjunct of 'hit', so the reported clause's
  subject ("Indian missiles") became the one who vowed. A verb of speaking, promising,
  threatening or accusing with no subject of its own, joined by a comma and a conjunction (", and
  vowed") to the verb of a clause that a reporting verb before it governs, is the reporting verb's
  conjunct: it shares the reporting verb's subject (:func:`reporting_head`).
- **A trailing or parenthetical speaker.** "Eritrean troops withdrew from parts of Tigray, the
  United Nations said": the United Nations tells of the withdrawal and is no party to it; the
  fallback that takes "the next actor" as a sentence-level event's target took it
  (:func:`trailing_speakers`). Only a reporting verb after the clause it reports, or one set in it
  as a parenthesis, counts: a speaker before the clause ("X said Y attacked") is left to the
  readers as it was (the wider rule, any speaker, cost the international gold; docs/evaluation.md,
  twenty-first session, s27-spk).
"""
from __future__ import annotations

from typing import Any

from .clauses import REPORTING
from .modality import CLAIM_VERBS, DENY_VERBS, THREAT_VERBS

# Speech acts a speaker goes on to make after reporting something: "said ..., and vowed to
# retaliate", "..., and warned", "..., and called for", "..., and accused".
SPEECH_ACTS = frozenset(REPORTING | CLAIM_VERBS | DENY_VERBS | THREAT_VERBS | {
    "call", "urge", "demand", "condemn", "appeal", "ask", "express", "reiterate", "denounce",
    "criticise", "criticize", "welcome", "praise", "insist", "repeat", "stress", "vow"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def reporting_head(tok: Any) -> Any | None:
    """The reporting verb that the speech-act conjunct ``tok`` belongs to, when the parser hung it
    on the verb of the reported clause ("X said Y hit A, and vowed ..."), else None."""
    if tok.dep_ != "conj" or tok.lemma_.lower() not in SPEECH_ACTS or tok.pos_ != "VERB":
        return None
    if any(c.dep_ in SUBJECTS for c in tok.children):
        return None  # "..., and they vowed": a subject of its own
    clause = tok.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "said Y hit A and killed B, and vowed": up the chain of conjuncts
    reporter = clause.head
    if clause.dep_ != "ccomp" or reporter.i > clause.i or reporter.lemma_.lower() not in REPORTING:
        return None
    conjunction = max((c for c in tok.head.children if c.dep_ == "cc" and c.i < tok.i), key=lambda c: c.i,
                      default=None)
    if conjunction is None or conjunction.i == 0 or tok.doc[conjunction.i - 1].text != ",":
        return None  # ", and vowed" closes the reported clause; "hit A and vowed" may not
    return reporter


def trailing_speakers(verb: Any) -> list[tuple[int, int]]:
    """The character spans of the speakers that tell of ``verb``'s clause from after it ("Y
    withdrew, the UN said": the words between the last comma and the reporting verb) or from a
    parenthesis inside it ("Y, the UN said, withdrew": the reporting verb's subject). Only the
    words after that comma count, so a misparse that makes words of the reported clause the
    reporting verb's subject ("the strike killed five members, including X ..., an activist told
    ...") does not make the clause's own actors speakers."""
    spans = []
    for child in verb.children:
        if child.dep_ == "parataxis" and child.lemma_.lower() in REPORTING:
            spans += [(s.left_edge.idx, s.right_edge.idx + len(s.right_edge))
                      for s in child.children if s.dep_ == "nsubj"]
    head = verb.head
    if verb.dep_ == "ccomp" and head.i > verb.i and head.lemma_.lower() in REPORTING:
        doc = verb.doc
        comma = next((i for i in range(head.i - 1, verb.i, -1) if doc[i].text == ","), None)
        subjects = [s for s in head.children if s.dep_ == "nsubj" and comma is not None and s.i > comma]
        if subjects:
            last = doc[head.i - 1]
            spans.append((doc[comma + 1].idx, last.idx + len(last)))
    return spans
