"""The newsroom's translation memory: approved human translations in SQLite, imported from TMX,
XLIFF or TSV, exported again, and used by ``translate`` before any engine (exact matches)."""

from bilingual.tm.store import TMEntry, TMError, TMStats, TranslationMemory, default_tm_path

__all__ = ["TMEntry", "TMError", "TMStats", "TranslationMemory", "default_tm_path"]
