"""Safe XML parsing with line numbers, shared by the TMX and TBX readers.

Parsing goes through :mod:`defusedxml`, so entity declarations (billion laughs), external
entities and external references are refused rather than expanded or fetched. Every error is
raised as the caller's :class:`~bilingual.errors.BilingualError` subclass, located as ``name:line``.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.parsers.expat import ErrorString

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from bilingual.errors import BilingualError

#: The ``xml:lang`` attribute as ElementTree names it.
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _LineTreeBuilder:
    """An ElementTree parser target that remembers the line each element starts on."""

    def __init__(self) -> None:
        self.builder = TreeBuilder()
        self.lines: dict[Element, int] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        elem = self.builder.start(tag, attrs)
        self.lines[elem] = self.parser.parser.CurrentLineNumber if self.parser else 0
        return elem

    def end(self, tag: str) -> Element:
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> Element:
        return self.builder.close()


def parse(
    text: str,
    name: str,
    *,
    error: type[BilingualError],
    hint: str,
    refusal: Callable[[DefusedXmlException], tuple[str, str]],
) -> tuple[Element, dict[Element, int]]:
    """Parse ``text`` safely, returning the root element and the line each element starts on.

    XML that is not well-formed raises ``error("<name>:<line>: not well-formed XML: … (column N)", hint)``.
    XML that defusedxml refuses raises ``error("<name>:<line>: <message>", refusal_hint)``, where
    ``message, refusal_hint = refusal(exc)``, so each format words its own refusal.
    """
    target = _LineTreeBuilder()
    parser = DefusedXMLParser(target=target)
    target.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        message, refusal_hint = refusal(exc)
        raise error(f"{name}:{line}: {message}", refusal_hint) from None
    except ParseError as exc:
        line, column = exc.position
        message = f"not well-formed XML: {ErrorString(exc.code)} (column {column + 1})"
        raise error(f"{name}:{line}: {message}", hint) from None
    return root, target.lines
