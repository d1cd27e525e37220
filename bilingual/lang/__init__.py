"""Languages: the codes the tool knows, accent folding, the shipped word lists, and detection.

Every stage asks this package which languages exist and what a text is written in; it imports
nothing from the stages (only :mod:`bilingual.errors`).
"""

from __future__ import annotations

from bilingual.lang.codes import LANGUAGES, NAMES, fold, other_language
from bilingual.lang.detect import Detection, detect_language, normalize_lang

__all__ = ["LANGUAGES", "NAMES", "Detection", "detect_language", "fold", "normalize_lang", "other_language"]
