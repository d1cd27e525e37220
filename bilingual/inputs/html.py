"""HTML pages: the article body extracted with trafilatura (headline first, one paragraph per
block), and the rest of the page's text reported as dropped."""

from __future__ import annotations

import re
from typing import Any

from bilingual.errors import InputError, Warn
from bilingual.inputs import check_extracted, examples

#: Elements whose text is never page text.
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
#: Elements that start a new block of text (a paragraph, a heading, a list item, a cell …).
_BLOCK_NAMES = (
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul"
)
BLOCKS = frozenset(_BLOCK_NAMES.split(" "))
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def parse_page(markup: str, name: str) -> Any:
    """The page as an lxml HTML tree (an XHTML page's ``<?xml …?>`` declaration dropped first,
    since lxml refuses one in a ``str``)."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: not an HTML page ({exc})", "give an .html file, or --input-format text") from None


def page_blocks(markup: str, name: str) -> list[str]:
    """The page's visible text, one string per block element, in document order."""
    root = parse_page(markup, name)
    blocks: list[list[str]] = [[]]

    def walk(elem: Any) -> None:
        tag = elem.tag if isinstance(elem.tag, str) else ""
        if tag in SKIPPED:
            return
        block = tag in BLOCKS
        if block:
            blocks.append([])
        if isinstance(elem.tag, str) and elem.text:
            blocks[-1].append(elem.text)
        for child in elem:
            walk(child)
            if child.tail:
                blocks[-1].append(child.tail)
        if block:
            blocks.append([])

    walk(root)
    return [text for text in (_squash("".join(parts)) for parts in blocks) if text]


def html_text(markup: str, name: str, *, warn: Warn | None = None) -> str:
    """The article body of the page ``markup`` as plain text, paragraphs separated by a blank line.

    The headline (the page's title as trafilatura finds it) comes first when the body does not
    already start with it. Blocks of page text left out (menus, bylines, related links, footers)
    are named through ``warn`` with their word count.
    """
    import trafilatura

    found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=False)
    body = (found.text or "") if found is not None else ""
    paragraphs = [_squash(line) for line in body.split("\n") if line.strip()]
    title = _squash(found.title or "") if found is not None else ""
    if title and (not paragraphs or paragraphs[0] != title) and title in _squash(markup_title(markup)):
        paragraphs.insert(0, title)
    blocks = page_blocks(markup, name)
    if not paragraphs:
        if warn is not None:
            warn(f"{name}: no article body found; using all the page's text")
        paragraphs = blocks
    text = check_extracted("\n\n".join(paragraphs), name, "HTML page")
    kept = _squash(text)
    dropped = [block for block in blocks if block not in kept]
    if dropped and warn is not None:
        words = sum(len(block.split()) for block in dropped)
        warn(
            f"{name}: kept the article body ({len(paragraphs)} paragraphs, {len(kept.split())} words); "
            f"dropped {words} words of page text outside it in {len(dropped)} blocks: {examples(dropped, limit=5)}"
        )
    return text


def markup_title(markup: str) -> str:
    """The text of the page's ``<h1>`` elements and ``<title>`` (where trafilatura takes a title from)."""
    try:
        root = parse_page(markup, "-")
    except InputError:
        return ""
    return " ".join(elem.text_content() for elem in root.iter("h1", "title"))
