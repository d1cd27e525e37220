"""Command-line interface: the only package that imports click.

Each command parses its options, calls one library function and renders the result; library
errors (:class:`bilingual.errors.BilingualError`) become one ``Error: …`` line and exit 1.
"""

from __future__ import annotations

from bilingual.cli.commands import cli, main

__all__ = ["cli", "main"]
