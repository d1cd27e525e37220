"""Stage 1 — split: news text → paragraphs, sentences and quotation spans.

Language rules (abbreviations, sentence openers) are plain word lists read by
:mod:`bilingual.split.rules`; the splitter lives in :mod:`bilingual.split.splitter`. May import
:mod:`bilingual.lang` and :mod:`bilingual.errors` only.
"""

from __future__ import annotations

from bilingual.lang.codes import LANGUAGES
from bilingual.split.splitter import Sentence, Splitter, SplitText, paragraph_spans, split_text

__all__ = ["LANGUAGES", "Sentence", "SplitText", "Splitter", "paragraph_spans", "split_text"]
