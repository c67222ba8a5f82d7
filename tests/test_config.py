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


def test_classifier_settings_from_file_and_environment_build_the_stage(tmp_path, monkeypatch):
    from flashpoint.coder import build_pipeline

    f = tmp_path / "fp.toml"
    f.write_text('[flashpoint]\nclassifier_policy = "rules"\nclassifier_add_threshold = 0.9\n', encoding="utf-8")
    monkeypatch.setenv("FLASHPOINT_CONFIG", str(f))
    monkeypatch.setenv("FLASHPOINT_CLASSIFIER_RETYPE_SPECIFIC_THRESHOLD", "0.8")
    monkeypatch.setenv("FLASHPOINT_CLASSIFIER_FILL_ACTORS", "no")
    cfg = load_config()
    assert (cfg.classifier_policy, cfg.classifier_add_threshold) == ("rules", 0.9)
    assert (cfg.classifier_retype_specific_threshold, cfg.classifier_fill_actors) == (0.8, False)
    stage = next(s for s in build_pipeline(cfg).stages if s.name == "classify")
    assert (stage.policy, stage.add_threshold, stage.retype_specific_threshold, stage.fill_actors) \
        == ("rules", 0.9, 0.8, False)
    monkeypatch.setenv("FLASHPOINT_CLASSIFIER_RETYPE_SPECIFIC_THRESHOLD", "none")
    assert load_config().classifier_retype_specific_threshold is None


def test_bad_classifier_settings_name_the_setting(monkeypatch):
    with pytest.raises(ConfigError, match="classifier policy"):
        load_config(classifier_policy="vote")
    with pytest.raises(ConfigError, match="classifier_add_threshold"):
        load_config(classifier_add_threshold=-0.1)
    monkeypatch.setenv("FLASHPOINT_CLASSIFIER_RETYPE_THRESHOLD", "high")
    with pytest.raises(ConfigError, match="FLASHPOINT_CLASSIFIER_RETYPE_THRESHOLD"):
        load_config()
