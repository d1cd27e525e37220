"""Data model of a quote review: what ``bilingual review`` writes as JSONL, Markdown or HTML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FLAG_KINDS = ("unmatched", "low_confidence", "addition", "omission", "number", "negation", "name", "speaker")


@dataclass(frozen=True)
class Flag:
    """One fidelity problem: ``kind`` (see FLAG_KINDS), the words involved, and an explanation."""

    kind: str
    text: str
    detail: str
    side: str = ""
    """Which column the words are in: ``"article"``, ``"source"`` or ``""`` (both / neither)."""
    other: str = ""
    """The corresponding words on the other side, when there are any (the name the original
    has where the article has another)."""


@dataclass(frozen=True)
class SourceMatch:
    """Where a quote's original was found: the file, its text and sentence ids, its speaker."""

    source: str
    text: str
    sentences: tuple[int, ...]
    speaker: str | None = None
    translation: str = ""
    """Machine translation of ``text`` into the article's language (what the checks compared)."""


@dataclass(frozen=True)
class ReviewItem:
    """One reviewed quote, or one part of a quote of several sentences (or a sentence pair):
    the article side, its match, a score and flags."""

    quote: int
    speaker: str | None
    article_text: str
    article_sentences: tuple[int, ...]
    match: SourceMatch | None
    score: float
    flags: tuple[Flag, ...] = ()
    part: int = 0
    """1, 2, … for the parts of a quote reviewed sentence by sentence; 0 for a whole quote."""

    @property
    def flagged(self) -> bool:
        return bool(self.flags)

    @property
    def label(self) -> str:
        """How reports number the item: ``3``, or ``3.2`` for the second part of quote 3."""
        return f"{self.quote}.{self.part}" if self.part else str(self.quote)

    def record(self) -> dict[str, object]:
        """The JSONL object (field names and order as documented in the README)."""
        match: dict[str, object] | None = None
        if self.match is not None:
            match = {
                "source": self.match.source,
                "text": self.match.text,
                "sentences": list(self.match.sentences),
                "speaker": self.match.speaker,
            }
        return {
            "quote": self.quote,
            "part": self.part or None,
            "speaker": self.speaker,
            "article_text": self.article_text,
            "article_sentences": list(self.article_sentences),
            "match": match,
            "score": round(self.score, 4),
            "flags": [{"kind": f.kind, "text": f.text, "detail": f.detail} for f in self.flags],
        }


@dataclass(frozen=True)
class Review:
    """A whole review: the article, its language, the sources, the items and a signature."""

    article: str
    article_lang: str
    source_lang: str
    sources: tuple[str, ...]
    items: tuple[ReviewItem, ...]
    signature: Mapping[str, str] = field(default_factory=dict)
    mode: str = "quotes"
    """``"quotes"`` (article against sources) or ``"pairs"`` (a translate/align file)."""
    locations: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    """Article sentence id → (paragraph, line), both 1-based, where the sentence starts in the
    article as read (for HTML/Word input, its extracted text); empty when unknown (pairs)."""

    def location(self, item: ReviewItem) -> tuple[int, int] | None:
        """Where ``item`` starts in the article: its first sentence's (paragraph, line)."""
        found = [self.locations[i] for i in item.article_sentences if i in self.locations]
        return min(found) if found else None

    def counts(self) -> dict[str, int]:
        """Flag counts by kind (for the summary line)."""
        out: dict[str, int] = {}
        for item in self.items:
            for f in item.flags:
                out[f.kind] = out.get(f.kind, 0) + 1
        return out


@dataclass(frozen=True)
class Texts:
    """The two sides of a comparison and their machine translations into the other language."""

    article: str
    original: str
    article_lang: str
    original_lang: str
    original_mt: str | None = None
    """The original translated into the article's language."""
    article_mt: str | None = None
    """The article's quote translated into the original's language."""
    labels: tuple[str, str] = ("article", "original")
    """What to call the two sides in explanations (pairs: "source", "translation")."""
