"""The one rule for choosing an output format, shared by every command.

``--format`` wins; else the ``-o`` file's extension names the format when it is one the command
writes; an extension the command cannot write is an error listing the choices (never a silent
fallback); stdout gets the command's default.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath

from bilingual.errors import UsageError

EXTENSIONS: dict[str, tuple[str, ...]] = {
    ".tsv": ("tsv",),
    ".jsonl": ("jsonl",),
    ".json": ("json", "jsonl"),
    ".tmx": ("tmx",),
    ".xlf": ("xliff",),
    ".xliff": ("xliff",),
    ".md": ("md",),
    ".markdown": ("md",),
    ".html": ("html",),
    ".htm": ("html",),
    ".csv": ("csv",),
    ".tbx": ("tbx",),
    ".xml": ("tbx",),
    ".txt": ("text", "lines"),
}
"""Extension → the formats it can mean, most specific first (``.txt`` is prose or one sentence a line)."""


def output_format(fmt: str | None, output: str, choices: Sequence[str], default: str) -> str:
    """The format to write ``output`` (``-`` is stdout) in, among ``choices``."""
    if fmt is not None:
        return fmt
    if output == "-":
        return default
    suffix = PurePath(output).suffix.lower()
    if not suffix:
        return default
    for candidate in EXTENSIONS.get(suffix, ()):
        if candidate in choices:
            return candidate
    raise UsageError(
        f"cannot tell the format of '{output}' from its extension",
        f"give --format ({', '.join(choices)}) or a file name ending in "
        + ", ".join(sorted(e for e, names in EXTENSIONS.items() if set(names) & set(choices))),
    )
