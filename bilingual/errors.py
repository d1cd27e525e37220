"""Exception hierarchy and the warning channel.

The library raises these errors; only the CLI turns them into ``Error: …`` lines. Problems that
do not stop the work (a skipped model package, a recovered cache, a fallback engine) go through
one channel: library functions take ``warn: Warn | None`` and call it with one line each; the CLI
prints ``Warning: …`` on stderr (nothing with ``-q``).
"""

from __future__ import annotations

from collections.abc import Callable

Warn = Callable[[str], None]
"""Receives one human-readable warning line (no ``Warning:`` prefix)."""


class BilingualError(Exception):
    """Base class for every error the library raises on purpose.

    ``message`` says what went wrong (with ``path:line`` when known), ``hint`` says how to fix it.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class InputError(BilingualError):
    """An input file is missing, unreadable, not UTF-8 text, or empty."""


class OutputError(BilingualError):
    """An output cannot be written (or would overwrite an input)."""


class LanguageError(BilingualError):
    """An unsupported language code, or a language that could not be detected."""


class FormatError(BilingualError):
    """A parallel-text file (TSV/JSONL/TMX/…) is malformed."""


class EngineError(BilingualError):
    """A translation engine is missing, broken, or produced unusable output."""


class ModelError(BilingualError):
    """A translation model package is missing, corrupt, or cannot be installed."""


class GlossaryError(BilingualError):
    """A glossary file or entry is malformed or conflicting."""


class UsageError(BilingualError):
    """Options that contradict each other or name something that does not exist (exit status 2)."""
