"""Deaths told of a bombing take the bombing's code (the classify stage's rule re-typer).

Wire copy tells a bombing by its dead: "two people were killed when a roadside bomb exploded",
"a suicide bomber killed eleven", "killed in a car bomb blast". The verb lexicon reads "killed"
as fighting (CAMEO 190); the annotators of the project's golds code such a death by what killed
(``docs/news-gold.md``: a suicide bomber among a crowd is 1831), so the coder's 190
was a root they never wrote. A verb of harm whose sentence names a bomb, an explosive or a blast
as the weapon takes the bombing's code: 1831 for a suicide bombing, 1832 for a car bomb, 1833
for a roadside bomb, 183 otherwise; a suicide attack, or a bomber who blew himself up, is 1831.
Verbs of destruction and striking (destroyed, struck, hit, targeted, attacked) take the code too
(a bomb that hit a convoy). Bombs from the air (a barrel bomb, an aircraft, an air
strike) stay fighting: the annotators code air strikes 195. Chosen on the wire training set
(``data/training/wire_events.jsonl``) and measured on the check halves (``docs/evaluation.md``)."""
from __future__ import annotations

import dataclasses
from typing import Any

from ..codebook import cameo
from ..model import Event
from .grammar import trigger_token

HARM = frozenset({"kill", "wound", "injure", "die", "maim", "destroy", "strike", "hit", "damage", "target", "attack"})
# Words that name a bomb set off on the ground, or its blast.
BOMBS = frozenset({"bomb", "bombing", "bomber", "explosive", "ied", "vbied", "blast", "explosion", "grenade", "landmine",
                   "detonate", "explode", "car-bomb", "booby-trapped"})
AIR = frozenset({"barrel", "air", "aircraft", "airstrike", "jet", "warplane", "plane", "helicopter", "drone",
                 "raid", "airstrikes", "aerial", "shell", "shelling", "artillery", "mortar", "rocket", "missile"})
KINDS = (("suicide", "1831"), ("car", "1832"), ("vehicle", "1832"), ("truck", "1832"), ("roadside", "1833"))


def bombed(event: Event, parsed: Any) -> Event:
    """The event with its bombing's code when it is a death or an injury from a bomb on the ground."""
    if not event.cameo.startswith("19") or parsed is None:
        return event
    tok = trigger_token(event, parsed)
    if tok is None or tok.lemma_.lower() not in HARM:
        return event
    words = {t.lemma_.lower() for t in tok.sent if t.pos_ in {"NOUN", "VERB", "ADJ", "PROPN"}} \
        | {t.lower_ for t in tok.sent}
    suicide = "suicide" in words and bool(words & {"attack", "attacker"}) \
        or "blow" in words and bool(words & {"himself", "herself", "themselves"})
    if not (words & BOMBS or suicide) or words & AIR:
        return event
    code = "1831" if suicide else next((c for word, c in KINDS if word in words), "183")
    row = cameo(code)
    return dataclasses.replace(event, cameo=row.code, plover_type=row.plover_type, plover_mode=row.plover_mode,
                               goldstein=row.goldstein, quad_class=row.quad_class)
