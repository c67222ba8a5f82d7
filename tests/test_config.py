from __future__ import annotations

import pytest

from flashpoint.config import load_config
from flashpoint.errors import ConfigError


def test_layers_file_env_override(tmp_path, monkeypatch):
    f = tmp_path / "fp.toml"
    f.write_text("[flashpoint]\nbatch_size = 8\nmax_bytes = 20000\n", encoding="utf-8")
    monkeypatch.setenv("FLASHPOINT_BATCH_SIZE", "4")
    cfg = load_config(path=f, max_bytes=30000)
    assert (cfg.batch_size, cfg.max_bytes) == (4, 30000)


def test_bad_values_name_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASHPOINT_BATCH_SIZE", "lots")
    with pytest.raises(ConfigError, match="FLASHPOINT_BATCH_SIZE"):
        load_config()
    monkeypatch.delenv("FLASHPOINT_BATCH_SIZE")
    with pytest.raises(ConfigError, match="unknown settings"):
        load_config(colour="red")
    with pytest.raises(ConfigError, match="actor table"):
        load_config(actor_files=(str(tmp_path / "none.tsv"),))
