"""A plot is not an attack, and a reporter is not the author of what it reports (invented sentences)."""
from __future__ import annotations

from flashpoint import code_text


def _codes(text: str) -> list[tuple[str, str | None, str]]:
    out = []
    for e in code_text(text, date="2021-06-10"):
        source = e["source"] or {}
        out.append((e["cameo"], source.get("country") or source.get("code"), e["modality"]))
    return out


def test_a_plot_to_bomb_is_not_a_bombing():
    events = _codes("Police arrested three men who they said had plotted to bomb the central station.")
    assert not any(code.startswith(("18", "19")) for code, _, _ in events), events


def test_the_speaker_is_not_the_author_of_an_unknown_subjects_act():
    events = _codes("Prosecutors said the cell planned to attack a naval base.")
    assert all(source != "JUD" for _, source, _ in events), events


def test_a_pronoun_subject_still_refers_back_to_the_speaker():
    events = _codes("Kenya's government announced that it is prepared to impose a curfew.")
    assert any(source == "KEN" for _, source, _ in events), events


def test_a_city_naming_an_attack_is_not_its_author():
    events = code_text("The 2019 Karachi bombing killed 14 people. Russian air strikes hit the town.",
                       date="2021-06-10")
    killed = next(e for e in events if e["trigger"] == "killed")
    assert killed["source"] is None
    hit = next(e for e in events if e["trigger"] == "hit")
    assert hit["source"]["country"] == "RUS"   # a country's adjective still says who struck


def test_accepting_responsibility_is_claiming_it():
    # CAMEO 015 "acknowledge or claim responsibility", whichever verb takes it
    for text in ("The Colombian defence minister said he accepted full responsibility for the raid.",
                 "The FARC commander took full responsibility for the ambush."):
        events = _codes(text)
        assert any(code == "015" for code, _, _ in events), (text, events)
        assert not any(code.startswith("08") for code, _, _ in events), (text, events)
