"""Sub-commands (filled in by the issue that owns them)."""
from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register this module's sub-commands."""
