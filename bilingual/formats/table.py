"""Listings (``models list``, ``glossary list``) as an aligned text table, TSV or JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Sequence

FORMATS = ("text", "tsv", "json")


def render_table(header: Sequence[str], rows: Sequence[Sequence[str | int | None]], fmt: str) -> str:
    """``text``: padded columns under a header (the last column unpadded); ``tsv``: tab-separated,
    no header (tabs and newlines in cells become spaces); ``json``: one object per row."""
    if fmt == "json":
        return "".join(json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False) + "\n" for row in rows)
    cells = [["" if c is None else " ".join(str(c).split()) for c in row] for row in rows]
    if fmt == "tsv":
        return "".join("\t".join(row) + "\n" for row in cells)
    table = [list(header), *cells]
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    return "".join(
        "  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(r[:-1])), r[-1]]).rstrip() + "\n" for r in table
    )


def human_size(size: int | None) -> str:
    """``1.2 MB``-style size, ``-`` when unknown."""
    if size is None:
        return "-"
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"
