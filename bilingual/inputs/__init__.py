"""Article readers: plain text, Markdown, HTML pages and Word files, each turned into the plain
text every stage splits.

The format is chosen by ``--input-format`` or, with ``auto``, by the file's extension (for
stdin, by its first bytes). Character offsets in every output refer to the text returned here
(the extracted text), not to the markup; what a reader leaves out (menus, footers, tables,
images, link targets) is said through ``warn``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from bilingual.errors import InputError, Warn
from bilingual.textio import STDIO, decode_text, read_bytes

INPUT_FORMATS = ("auto", "text", "md", "html", "docx")
"""What ``--input-format`` accepts."""

_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}


@dataclass(frozen=True)
class Article:
    """An article as read: ``text`` is what the pipeline splits; ``markup`` is the HTML page
    itself for an HTML input (so ``translate --format html`` can keep it), else ``None``."""

    name: str
    format: str
    text: str
    markup: str | None = None


def input_format(name: str, data: bytes, fmt: str = "auto") -> str:
    """The reader for ``name``: ``fmt`` unless ``auto``, else the extension, else the first bytes."""
    if fmt != "auto":
        if fmt not in INPUT_FORMATS:
            raise InputError(f"unknown input format {fmt!r}", "use one of: " + ", ".join(INPUT_FORMATS))
        return fmt
    if name != STDIO:
        by_name = _BY_EXTENSION.get(PurePath(name).suffix.lower())
        if by_name is not None:
            return by_name
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
        return "docx"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def parse_article(data: bytes, name: str, fmt: str = "auto", *, warn: Warn | None = None) -> Article:
    """Read ``data`` (the bytes of ``name``) as an article in format ``fmt``."""
    chosen = input_format(name, data, fmt)
    if chosen == "docx":
        from bilingual.inputs.docx import docx_text

        return Article(name, "docx", docx_text(data, name, warn=warn))
    text = decode_html(data, name) if chosen == "html" else decode_text(data, name)
    if chosen == "html":
        from bilingual.inputs.html import html_text

        return Article(name, "html", html_text(text, name, warn=warn), markup=text)
    if chosen == "md":
        from bilingual.inputs.markdown import markdown_text

        return Article(name, "md", markdown_text(text, name, warn=warn))
    return Article(name, "text", text)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, name: str) -> str:
    """An HTML page's text: UTF-8, else the encoding its ``<meta charset>`` declares (older
    newspaper sites still serve windows-1252 or ISO-8859-1)."""
    try:
        return decode_text(data, name)
    except InputError:
        declared = _META_CHARSET.search(data[:8192])
        if declared is None:
            raise
        try:
            return data.decode(declared.group(1).decode("ascii")).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            raise InputError(
                f"{name}: not valid {declared.group(1).decode('ascii')} as its <meta charset> says",
                "save the page again as UTF-8",
            ) from None


def read_article(path: str, fmt: str = "auto", *, warn: Warn | None = None) -> Article:
    """Read the article at ``path`` (``-`` for stdin) with the reader ``fmt`` chooses."""
    return parse_article(read_bytes(path), path, fmt, warn=warn)


def check_extracted(text: str, name: str, what: str) -> str:
    """``text`` if it holds some words, else an :class:`InputError` saying the reader found none."""
    if not text.strip():
        raise InputError(f"{name}: no text found in the {what}", "check the file, or give --input-format text")
    return text


def examples(items: list[str], limit: int = 3, width: int = 40) -> str:
    """A few of ``items`` quoted and shortened, for a warning line."""
    shown = [f"«{item[:width]}{'…' if len(item) > width else ''}»" for item in items[:limit]]
    return ", ".join(shown) + (", …" if len(items) > limit else "")
