"""The training script's labels and its score: the multiset root matching of the news score."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import train_event_plausibility as T  # noqa: E402


def test_root_tp_counts_each_gold_event_once():
    assert T.root_tp(["19", "19", "01"], ["19", "11"]) == 1
    assert T.root_tp(["19", "19"], ["19", "19", "19"]) == 2
    assert T.root_tp([], ["19"]) == 0


def test_scored_recomputes_matches_among_the_kept_events_only():
    meta = [{"sentence": "a", "root": "19", "gold": ["19"]}, {"sentence": "a", "root": "19", "gold": ["19"]},
            {"sentence": "b", "root": "01", "gold": []}]
    p, r, f, n = T.scored(meta, [True, True, True], n_gold=1)
    assert (round(p, 4), r, n) == (0.3333, 1.0, 3)
    p, r, f, n = T.scored(meta, [False, True, False], n_gold=1)
    assert (p, r, n) == (1.0, 1.0, 1)  # the second of two same-root events counts once the first is gone
    assert T.f_beta(1, 2, 4) == (0.5, 0.25, (1.25 * 0.5 * 0.25) / (0.25 * 0.5 + 0.25))
