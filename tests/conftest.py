from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_de64bc4fc7a26023.txt"
DEMO = ROOT / "data" / "demo" / "us_iran_2019_2020.jsonl"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared data folder is needed for this test")
    return path


@pytest.fixture(scope="session")
def pipeline():
    from flashpoint.coder import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """The demo corpus coded into a store once per test session; open it with read_only=True."""
    from flashpoint.scale import ingest
    from flashpoint.store import Store

    path = tmp_path_factory.mktemp("demo-store") / "demo.duckdb"
    with Store(path) as store:
        assert ingest([DEMO], store).failed == 0
    return path
