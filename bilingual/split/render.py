"""Renderings of ``bilingual split``: one sentence a line (blank line between paragraphs), or JSONL."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from bilingual.split.splitter import Sentence

_NEWLINES = re.compile(r"\s*[\r\n]\s*")
FORMATS = ("lines", "jsonl")


def render_sentences(sentences: Sequence[Sentence], fmt: str) -> str:
    """``lines`` or ``jsonl`` (id, paragraph, start, end, text, quote)."""
    out: list[str] = []
    previous = None
    for s in sentences:
        if fmt == "jsonl":
            record = {"id": s.id, "paragraph": s.paragraph, "start": s.start, "end": s.end, "text": s.text}
            record["quote"] = s.quote
            out.append(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        if previous is not None and s.paragraph != previous:
            out.append("\n")
        out.append(_NEWLINES.sub(" ", s.text) + "\n")
        previous = s.paragraph
    return "".join(out)
