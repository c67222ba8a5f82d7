"""Contract: every CLI command has help and is documented in the README."""
from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from flashpoint.cli import build_parser, main

README = Path(__file__).resolve().parents[1] / "README.md"


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_readme_starts_with_the_two_commands():
    head = README.read_text(encoding="utf-8")[:400]
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize("name", sorted(commands()))
def test_command_has_help_and_is_in_readme(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    assert len(capsys.readouterr().out) > 100
    assert f"flashpoint {name}" in README.read_text(encoding="utf-8"), f"README lacks 'flashpoint {name}'"
