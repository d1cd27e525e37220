"""Command-line interface: the only package that imports click.

One module per command group; each command parses its options, calls one library function and
renders the result with a library renderer. Library errors (:class:`bilingual.errors.BilingualError`)
become one ``Error: …`` line and exit 1 (2 for usage errors).
"""

from __future__ import annotations

from bilingual.cli import align, batch, cache, glossary, models, review, split, tm, translate
from bilingual.cli.app import cli, main

__all__ = ["align", "batch", "cache", "cli", "glossary", "main", "models", "review", "split", "tm", "translate"]
