"""Word files (``.docx``) read with python-docx: the body's paragraphs in order, headings
included, one paragraph per Word paragraph; tables, images, headers, footers, footnotes and
comments are left out and counted in a warning."""

from __future__ import annotations

import io
import re
import zipfile

from bilingual.errors import InputError, Warn
from bilingual.inputs import check_extracted, examples

_SPACE = re.compile(r"[^\S\n]+")


def docx_text(data: bytes, name: str, *, warn: Warn | None = None) -> str:
    """The body text of the Word file ``data``, paragraphs separated by a blank line.

    A line break inside a Word paragraph (Shift+Enter) stays a single ``\\n``, so the splitter
    keeps it in the same paragraph.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            f"{name}: not a Word .docx file ({exc})",
            "save it from Word as .docx (not .doc or .odt), or give --input-format text",
        ) from None
    paragraphs = []
    for paragraph in document.paragraphs:
        text = _SPACE.sub(" ", paragraph.text.replace("\r", "\n").replace("\v", "\n")).strip()
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        if text:
            paragraphs.append(text)
    if warn is not None:
        dropped = []
        cells = [cell.text.strip() for table in document.tables for row in table.rows for cell in row.cells]
        cells = list(dict.fromkeys(cell for cell in cells if cell))
        if document.tables:
            dropped.append(f"{len(document.tables)} table(s) ({len(cells)} cells, e.g. {examples(cells)})")
        images = len(document.inline_shapes)
        if images:
            dropped.append(f"{images} image(s)")
        headers = [p.text.strip() for s in document.sections for p in s.header.paragraphs + s.footer.paragraphs]
        headers = list(dict.fromkeys(text for text in headers if text))
        if headers:
            dropped.append(f"page headers/footers {examples(headers)}")
        if dropped:
            warn(f"{name}: read {len(paragraphs)} paragraphs of the body; dropped " + "; ".join(dropped))
    return check_extracted("\n\n".join(paragraphs), name, "Word file")
