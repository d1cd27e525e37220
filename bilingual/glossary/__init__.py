"""Glossaries of names and places, used by every stage.

:mod:`.model` — the TSV file format, layering (shipped → user → extra files) and the
accent-tolerant matcher; :mod:`.edit` — adding and removing entries; :mod:`.exchange` — CSV and
TBX import/export; :mod:`.enforce` — keeping preferred forms during translation and finding
missing terms in pairs. May import :mod:`bilingual.lang` and the shared helpers only.
"""

from __future__ import annotations

from bilingual.glossary.model import Entry, Glossary, Match, fold

__all__ = ["Entry", "Glossary", "Match", "fold"]
