"""Every test runs with its own user directories: no real cache, glossary or argos models leak in."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import cli
from bilingual.engines.base import Translation


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BILINGUAL_CACHE", str(home / "cache.sqlite3"))
    monkeypatch.setenv("BILINGUAL_GLOSSARY_DIR", str(home / "glossaries"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos"))
    for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    Path(home / "glossaries").mkdir()


# -- helpers shared by the test modules ------------------------------------------------------

needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


class FakeEngine:
    """A deterministic engine for testing logic without Apertium: a word-for-word dictionary
    (unknown words pass through), every call recorded; ``outputs`` overrides whole sentences."""

    name = "fake"

    def __init__(self, words: dict[str, str] | None = None, outputs: dict[str, str] | None = None) -> None:
        self.words = {k.lower(): v for k, v in (words or {}).items()}
        self.outputs = outputs or {}
        self.calls: list[list[str]] = []

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return source_lang != target_lang

    def model_version(self, source_lang: str, target_lang: str) -> str:
        return "fake-1"

    def translate_batch(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[Translation]:
        self.calls.append(list(sentences))
        out = []
        for sentence in sentences:
            if sentence in self.outputs:
                out.append(Translation(self.outputs[sentence]))
                continue
            words = [self.words.get(w.lower(), w) for w in sentence.split(" ")]
            out.append(Translation(" ".join(words)))
        return out


@pytest.fixture
def argos_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """argos packages, data and cache under this test's tmp_path, and no model kept loaded
    from another test."""
    from bilingual.engines import argos as argos_engine

    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("BILINGUAL_CACHE", str(tmp_path / "cache.sqlite3"))
    argos_engine.clear_model_cache()
    yield
    argos_engine.clear_model_cache()


@pytest.fixture(scope="module")
def copy_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny argos copy model (a real .argosmodel package built with CTranslate2)."""
    from argos_fixture import build_copy_package

    return build_copy_package(tmp_path_factory.mktemp("model"))


def install(model: Path) -> None:
    """Install an argos package through the CLI, asserting it worked."""
    code, _, err = run("models", "install", str(model))
    assert (code, err) == (0, ""), err
