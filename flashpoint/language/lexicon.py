"""The verb and event-noun lexicon the events stage codes triggers with: the project's own
table (``resources/verbs.tsv``) first, then the borrowed Phoenix table
(``resources/verbs_phoenix.tsv``), read into :class:`Rule` rows by (lemma, pos). The gate reads
it too, to tell the project's own reading of a trigger from the borrowed table's
(:func:`borrowed_reading`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..resources import read_tsv


@dataclass(frozen=True)
class Rule:
    lemma: str
    pos: str
    cameo: str
    objects: frozenset[str]
    preps: frozenset[str]
    borrowed: bool = False  # a row of a borrowed table (not the project's own)
    armed: bool = False  # the row's subject column says 'armed': only an armed actor's act ('forces entered X')
    plover: str = ""  # "TYPE" or "TYPE:mode" where PLOVER's own definitions differ from the crosswalk

    @property
    def strict(self) -> bool:
        """A bare row (no object, no preposition) of a borrowed table: it needs a source actor."""
        return self.borrowed and not self.objects and not self.preps

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.preps else 0)


# The project's own lexicon first, then the borrowed Phoenix table (see load_rules).
LEXICONS = ("verbs.tsv", "verbs_phoenix.tsv")
# Borrowed rows keyed on these say nothing on their own (the Phoenix table has a bare "is" 030).
AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "have", "has", "had",
                         "do", "does", "did"})
LIGHT_VERBS = frozenset("""be have do come go get make take look give put see say break stage decide seek
become keep let set turn run hold bring show leave feel find know think want use work call try ask need
begin start continue remain stay move end open close play lead follow include communicate mean pass
reach raise return build carry bear stand hit""".split())
# Verbs of thought, attitude, having, managing and change of degree: the borrowed table gives
# each a bare code (Phoenix falls back to a verb family's code), but on their own they state a
# view or a state of affairs, not an act ("Ankara considers the YPG a branch of the PKK", "Idlib
# is controlled by ...", "managed to widen its role", "faces a trial"). Their own rows with
# an object or a preposition still apply ("improve relations", "establish ties").
GENERIC_VERBS = frozenset("""appreciate admire favor favour prefer respect consider contemplate weigh find
learn hear determine expect regret contend aim tend face serve add contain control command govern
administer direct handle manage steer relate constitute affect impact influence involve benefit link
unite found increase expand deepen improve intensify escalate issue task supply ensure struggle
dominate catch tear reveal admit confess expose gather claim insist prepare hope signal join send""".split())


def load_rules(paths: tuple[str, ...] = LEXICONS) -> dict[tuple[str, str], list[Rule]]:
    """Trigger rules by (lemma, pos). The project's own lexicon comes first; rows from later
    tables only apply when no earlier row matches. Within a table, specific rows win."""
    rules: dict[tuple[str, str], list[Rule]] = {}
    for rank, path in enumerate(paths):
        table: dict[tuple[str, str], list[Rule]] = {}
        for r in read_tsv(path, required=("lemma", "pos", "cameo")):
            objects = frozenset(filter(None, r.get("object", "").split("|")))
            preps = frozenset(filter(None, r.get("prep", "").split("|")))
            lemma = r["lemma"].lower()
            bare = not objects and not preps
            if rank and (lemma in AUXILIARIES or bare and lemma in LIGHT_VERBS | GENERIC_VERBS):
                continue  # "come", "decide", "consider": too general to be an event on their own
            rule = Rule(lemma, r["pos"].upper(), r["cameo"], objects, preps, borrowed=bool(rank),
                        plover=(r.get("plover") or "").strip(), armed=r.get("subject") == "armed")
            table.setdefault((rule.lemma, rule.pos), []).append(rule)
        for key, lst in table.items():
            rules.setdefault(key, []).extend(sorted(lst, key=lambda x: -x.specificity))
    return rules


@lru_cache(maxsize=1)
def default_rules() -> dict[tuple[str, str], list[Rule]]:
    """The packaged lexicon, read once (shared by the events stage and the gate; not to be changed)."""
    return load_rules()


def borrowed_reading(lemma: str, word: str, pos: str, code: str) -> bool:
    """Is ``code`` a borrowed row's reading of the trigger (its lemma or surface ``word``, ``pos``
    'V' or 'N'), and no row of the project's own table gives it? False for a code no row of the
    word gives (one the events stage re-coded: an intent, a riot, an assassination)."""
    rules = default_rules()
    rows = rules.get((lemma, pos), []) + rules.get((word, pos), [])
    codes = [r for r in rows if r.cameo == code]
    return bool(codes) and all(r.borrowed for r in codes)
