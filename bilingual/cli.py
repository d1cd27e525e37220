"""Command-line interface. The only module that imports click; commands stay thin.

Library errors (:class:`bilingual.errors.BilingualError`) become one ``Error: …`` line on stderr
and exit status 1; usage errors exit with status 2; there is never a traceback.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from bilingual import __version__
from bilingual.errors import BilingualError
from bilingual.textio import STDIO, atomic_write, check_not_input, read_text

_NEWLINES = re.compile(r"\s*[\r\n]\s*")


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


class _Group(click.Group):
    """A click group that reports every failure as one ``Error:`` line (no usage dump, no traceback)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
        extra["standalone_mode"] = False
        try:
            result = super().main(args=args, prog_name=prog_name or "bilingual", **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(0)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "bilingual"
            _fail(f"{exc.format_message()} (see '{command} --help')", 2)
        except click.Abort:
            _fail("interrupted", 1)
        except click.ClickException as exc:
            _fail(exc.format_message(), exc.exit_code or 1)
        except BilingualError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(name="bilingual", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bilingual")
def cli() -> None:
    """Offline Spanish/English translation and quote alignment for newsrooms."""


@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option(
    "--lang",
    type=click.Choice(["es", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the text; auto detects it.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["lines", "jsonl"]),
    default="lines",
    show_default=True,
    help="lines: one sentence per line, blank line between paragraphs; jsonl: one object per sentence.",
)
@click.option("-o", "--output", default=STDIO, show_default=True, help="Output file; - for stdout.")
def split(file: str, lang: str, fmt: str, output: str) -> None:
    """Split a Spanish or English news text into sentences.

    jsonl objects have id, paragraph, start, end (character offsets into the input, so
    text[start:end] is the sentence), text and quote (id of the quotation the sentence is in,
    or null).
    """
    from bilingual.split import split_text

    check_not_input(output, [file])
    text = read_text(file)
    sentences = split_text(text, lang, name=file)
    with atomic_write(output) as out:
        if fmt == "jsonl":
            for s in sentences:
                record = {
                    "id": s.id,
                    "paragraph": s.paragraph,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "quote": s.quote,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        previous = None
        for s in sentences:
            if previous is not None and s.paragraph != previous:
                out.write("\n")
            out.write(_NEWLINES.sub(" ", s.text) + "\n")
            previous = s.paragraph


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="bilingual")
