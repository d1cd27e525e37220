"""The real tools the interop tests check our files with: the OASIS XLIFF 1.2 schema (shipped by
Debian's php-symfony-translation, which scripts/setup.sh installs) and translate-toolkit (the
test extra), which loads XLIFF, TMX and TBX as CAT tools do."""

from __future__ import annotations

from pathlib import Path

import pytest

SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
XLIFF_XSD = SCHEMAS / "xliff-core-1.2-strict.xsd"
needs_xliff_schema = pytest.mark.skipif(
    not XLIFF_XSD.is_file(), reason="no XLIFF 1.2 schema: run scripts/setup.sh (apt php-symfony-translation)"
)


def xliff_schema_errors(path: Path) -> list[str]:
    """Validate ``path`` against the strict XLIFF 1.2 schema; the errors (empty when valid).

    The schema imports ``xml.xsd`` from w3.org; the copy beside it is used instead, so nothing is
    fetched.
    """
    from lxml import etree

    schema_doc = etree.parse(str(XLIFF_XSD))
    for imp in schema_doc.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
        if imp.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            imp.set("schemaLocation", str(SCHEMAS / "xml.xsd"))
    schema = etree.XMLSchema(schema_doc)
    valid = schema.validate(etree.parse(str(path)))
    return [] if valid else [f"{e.line}: {e.message}" for e in schema.error_log]


def toolkit_store(path: Path) -> object:
    """``path`` loaded by translate-toolkit, the way Pootle, Weblate and Virtaal load it."""
    from translate.storage import factory

    return factory.getobject(str(path))
