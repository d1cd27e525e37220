"""Every test runs with its own user directories: no real cache, glossary or argos models leak in."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BILINGUAL_CACHE", str(home / "cache.sqlite3"))
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(home / "glossaries"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos"))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    Path(home / "glossaries").mkdir()
