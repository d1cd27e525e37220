"""The engine interface shared by every translation backend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Translation:
    """One translated sentence.

    ``flags`` marks problems the engine noticed (e.g. ``"degenerate"`` for runaway repeated
    tokens) so callers can show them instead of silently emitting bad output;
    ``unknown_words`` lists source words the engine could not translate.
    """

    text: str
    flags: tuple[str, ...] = ()
    unknown_words: tuple[str, ...] = ()


@runtime_checkable
class Engine(Protocol):
    """A translation backend that translates a whole batch of sentences in one call.

    One call per document, never one per sentence: both backends are much faster that way.
    """

    name: str

    def supports(self, source_lang: str, target_lang: str) -> bool:
        """Whether this engine has a model for the pair (ISO 639-1 codes)."""
        ...

    def model_version(self, source_lang: str, target_lang: str) -> str:
        """Model name and version for the output signature, e.g. ``translate-es_en 1.0``."""
        ...

    def translate_batch(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[Translation]:
        """Translate ``sentences``; the result has the same length and order."""
        ...
