"""The import graph runs one way: shared layers import no stage, and no stage imports a later one."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "flashpoint"
ORDER = ["parse", "actors", "places", "events", "classify", "locate", "gate", "retype", "rank", "acts", "event_places", "dates"]
# Layers below the stages: grammar, knowledge bases, the codebook, the carrier, file readers.
SHARED = ["language", "knowledge", "codebook.py", "model.py", "errors.py", "resources", "readers.py",
          "config.py", "pipeline.py"]


def imported_modules(path: Path, source: str | None = None) -> set[str]:
    """Dotted names of the flashpoint modules a file imports (relative imports resolved)."""
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)[:-1]
    found = set()
    source = path.read_text(encoding="utf-8") if source is None else source
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found |= {module} | {f"{module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m.startswith("flashpoint")}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "stages" and parts[2] in ORDER else None


def test_stages_holds_only_pipeline_stages():
    modules = {p.stem for p in (PACKAGE / "stages").glob("*.py")} - {"__init__"}
    assert modules == set(ORDER)


@pytest.mark.parametrize("stage", ORDER)
def test_no_stage_imports_a_later_stage(stage):
    later = {s for m in imported_modules(PACKAGE / "stages" / f"{stage}.py")
             for s in [stage_of(m)] if s is not None and ORDER.index(s) > ORDER.index(stage)}
    assert not later, f"stage '{stage}' imports later stages {sorted(later)}"


@pytest.mark.parametrize("layer", SHARED)
def test_shared_layers_import_no_stage(layer):
    root = PACKAGE / layer
    files = [root] if root.suffix == ".py" else sorted(root.rglob("*.py"))
    for path in files:
        stages = sorted(m for m in imported_modules(path) if m.startswith("flashpoint.stages"))
        assert not stages, f"{path.relative_to(PACKAGE)} imports {stages}"


def test_the_import_reader_sees_a_later_stage():
    """The check itself can fail: a relative import of a later stage is found."""
    path = PACKAGE / "stages" / "actors.py"
    assert "flashpoint.stages.events" not in imported_modules(path)
    probe = "from .events import OWNERS\nfrom ..language.grammar import OWNERS\n"
    found = imported_modules(path, probe)
    assert {"flashpoint.stages.events", "flashpoint.language.grammar"} <= found
    assert stage_of("flashpoint.stages.events.OWNERS") == "events"
