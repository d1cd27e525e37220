"""Stage 2 — translate: an article → one translation per sentence, as sentence pairs.

Splits with :mod:`bilingual.split`, translates with :mod:`bilingual.engines` (through the cache),
keeps glossary names with :mod:`bilingual.glossary`, and returns a
:class:`bilingual.formats.Document`.
"""

from __future__ import annotations

from bilingual.translate.document import translate_sentences, translate_text

__all__ = ["translate_sentences", "translate_text"]
