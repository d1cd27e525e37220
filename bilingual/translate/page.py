"""HTML pages translated in place: every visible text node and the few attributes readers see
(``alt``, ``title``, ``aria-label``, the page description) is translated, and the markup around
them is kept as it was (links keep their ``href``, emphasis stays on its words).

Text nodes are translated sentence by sentence through the same engines, cache and glossary as
articles. A link or an emphasis inside a sentence splits it into separate text nodes, each
translated on its own, which is the price of keeping the markup exactly. Elements marked
``translate="no"`` (the HTML attribute) and code, scripts and styles are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bilingual.engines.cache import TranslationCache
from bilingual.engines.choose import ArgosOptions, make_engine
from bilingual.errors import UsageError, Warn
from bilingual.formats.model import base_language, signature_line
from bilingual.glossary.model import Glossary
from bilingual.inputs import Article
from bilingual.inputs.html import parse_page
from bilingual.split.splitter import Splitter
from bilingual.tm.store import TranslationMemory
from bilingual.translate.document import Progress, languages, translate_inputs

#: Elements whose content is not prose to translate.
UNTRANSLATED = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "var", "noscript", "template", "svg", "math"}
)
#: Attributes a reader sees.
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
#: ``<meta>`` names whose ``content`` is shown to readers (search results, link previews).
META = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)
_LETTER = re.compile(r"[^\W\d_]")
_SEPARATOR = re.compile(r"(\s+[|·•–—]\s+)")


@dataclass
class _Slot:
    """One piece of translatable text: where it lives and its sentences."""

    elem: Any
    where: str  # "text", "tail" or "@<attribute>"
    lead: str
    trail: str
    sentences: list[str]
    glue: list[str]
    """What goes between sentence ``i`` and ``i + 1``: a space, or a title separator kept as it was."""


def _slots(root: Any, lang: str) -> list[_Slot]:
    """Every translatable text of the page, in document order."""
    splitter = Splitter(lang)
    slots: list[_Slot] = []

    def add(elem: Any, where: str, value: str | None) -> None:
        if not value or not _LETTER.search(value):
            return
        match = _EDGES.match(value)
        assert match is not None
        lead, core, trail = match.groups()
        sentences: list[str] = []
        glue: list[str] = []
        pending: str | None = None
        for index, piece in enumerate(_SEPARATOR.split(core)):  # "Headline | Site": each side on its own
            if index % 2:
                pending = piece
                continue
            for sentence in splitter.split(piece) if piece.strip() else []:
                if sentences:
                    glue.append(pending if pending is not None else " ")
                pending = None
                sentences.append(sentence.flat)
        slots.append(_Slot(elem, where, lead, trail, sentences, glue))

    def skipped(elem: Any) -> bool:
        tag = getattr(elem, "tag", None)
        return not isinstance(tag, str) or tag in UNTRANSLATED or elem.get("translate") == "no"

    def walk(elem: Any) -> None:
        if skipped(elem):
            return
        for attr in ATTRIBUTES:
            add(elem, f"@{attr}", elem.get(attr))
        if elem.tag == "meta" and (elem.get("name") or elem.get("property") or "").lower() in META:
            add(elem, "@content", elem.get("content"))
        add(elem, "text", elem.text)
        for child in elem:
            walk(child)
            add(child, "tail", child.tail)  # a child's tail is its parent's text

    walk(root)
    return slots


def mid_sentence(text: str) -> str:
    """``text`` with the capital an engine gives every input's first word undone (``During`` →
    ``during``), for a piece of text that continues a sentence; ``I``, ``USA`` and ``McAllen`` keep it."""
    first_word = text.split(" ")[0]
    if len(text) > 1 and text[0].isupper() and text[1].islower() and not any(c.isupper() for c in first_word[1:]):
        return text[0].lower() + text[1:]
    return text


def translate_page(
    article: Article,
    *,
    source_lang: str = "auto",
    target_lang: str | None = None,
    engine: str = "auto",
    argos: ArgosOptions | None = None,
    cache: TranslationCache | None = None,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    progress: Progress | None = None,
    on_split: Callable[[int], None] | None = None,
    warn: Warn | None = None,
) -> str:
    """``bilingual translate PAGE --format html``: the page with its text translated and its
    markup kept; ``<html lang>`` becomes the target language and a ``<meta name="generator">``
    carries the signature."""
    import lxml.etree
    import lxml.html

    if article.markup is None:
        raise UsageError(
            f"{article.name}: --format html needs an HTML page as input (this is {article.format})",
            "give an .html file, or use --format text for the translation as prose",
        )
    target_tag = target_lang
    source_lang, target_lang = languages(article.text, article.name, source_lang, target_lang)
    root = parse_page(article.markup, article.name)
    slots = _slots(root, source_lang)
    inputs = [sentence for slot in slots for sentence in slot.sentences]
    if on_split is not None:
        on_split(len(inputs))
    chosen = make_engine(engine, source_lang, target_lang, argos, warn=warn)
    translated = translate_inputs(
        chosen,
        inputs,
        source_lang,
        target_lang,
        cache=cache,
        glossary=glossary,
        memory=memory,
        progress=progress,
        warn=warn,
    )
    done = iter(translated.translations)
    for slot in slots:
        sentences = [next(done).text for _ in slot.sentences]
        if sentences and slot.sentences[0][:1].islower():
            sentences[0] = mid_sentence(sentences[0])
        joined = "".join(glue + sentence for glue, sentence in zip(["", *slot.glue], sentences, strict=True))
        text = slot.lead + joined + slot.trail
        if slot.where.startswith("@"):
            slot.elem.set(slot.where[1:], text)
        else:
            setattr(slot.elem, slot.where, text)
    root.set("lang", target_tag if target_tag and base_language(target_tag) == target_lang else target_lang)
    sig = translated.signature(chosen, source_lang, target_lang)
    head = root.find("head")
    if head is None:
        head = lxml.etree.Element("head")
        root.insert(0, head)
    meta = lxml.etree.SubElement(head, "meta", name="generator", content=signature_line(sig))
    meta.tail = "\n"
    doctype = root.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    return lxml.html.tostring(root, encoding="unicode", doctype=doctype) + "\n"
