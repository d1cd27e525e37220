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


def _warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


def _fmt_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{size} B"


@cli.command()
@click.argument("file", metavar="FILE|-")
@click.option(
    "--from",
    "source_lang",
    type=click.Choice(["es", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of FILE; auto detects it.",
)
@click.option(
    "--to",
    "target_lang",
    type=click.Choice(["es", "en"]),
    default=None,
    help="Target language [default: the other one].",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "argos", "apertium"]),
    default="auto",
    show_default=True,
    help="auto: argos when a model for the pair is installed, else Apertium.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl", "tmx", "md"]),
    default=None,
    help="Output format [default: from the -o extension, else tsv].",
)
@click.option("-o", "--output", default=STDIO, show_default=True, help="Output file; - for stdout.")
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True, help="argos: beam size.")
@click.option(
    "--threads",
    type=click.IntRange(0, 256),
    default=0,
    show_default=True,
    help="argos: CPU threads (0: CTranslate2 default).",
)
@click.option(
    "--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True, help="argos: sentences per batch."
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse translations from the cache ($BILINGUAL_CACHE overrides its location).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings.")
def translate(
    file: str,
    source_lang: str,
    target_lang: str | None,
    engine: str,
    fmt: str | None,
    output: str,
    beam_size: int,
    threads: int,
    batch_size: int,
    cache: bool,
    quiet: bool,
) -> None:
    """Translate an article sentence by sentence and write the source/translation pairs.

    Every output carries a signature: tool version, engine, model name and version, splitter
    rules and glossary.
    """
    from bilingual.cache import NullCache, TranslationCache
    from bilingual.formats import guess_format, write
    from bilingual.langdetect import detect_language
    from bilingual.translate import ArgosOptions, check_pair, make_engine, other_language, translate_text

    check_not_input(output, [file])
    if fmt is None:
        fmt = guess_format(output) if output != STDIO and "." in output.rsplit("/", 1)[-1] else "tsv"
    text = read_text(file)
    if source_lang == "auto":
        source_lang = detect_language(text, file).lang
    target_lang = target_lang or other_language(source_lang)
    check_pair(source_lang, target_lang)
    options = ArgosOptions(beam_size=beam_size, threads=threads, batch_size=batch_size)
    chosen = make_engine(engine, source_lang, target_lang, options)
    for warning in getattr(chosen, "warnings", []):
        if not quiet:
            _warn(warning)
    store = TranslationCache.open() if cache else NullCache()
    if store.warning and not quiet:
        _warn(store.warning)
    show = not quiet and sys.stderr.isatty()
    bar: Any = None

    def start(total: int) -> None:
        nonlocal bar
        if show and total > 0:
            bar = click.progressbar(length=total, label=f"Translating ({chosen.name})", file=sys.stderr)
            bar.__enter__()

    def advance(done: int) -> None:
        if bar is not None:
            bar.update(done)

    try:
        with store:
            document = translate_text(
                text,
                source_lang,
                target_lang,
                chosen,
                cache=store,
                progress=advance if show else None,
                on_split=start,
            )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    with atomic_write(output) as out:
        write(document, out, fmt)


@cli.group()
def models() -> None:
    """List and install translation models (argos packages; Apertium pairs are listed too)."""


@models.command("list")
def models_list() -> None:
    """Installed translation pairs: engine, model version, size and location."""
    from bilingual.engines.apertium import ApertiumEngine
    from bilingual.models import installed_packages

    warnings: list[str] = []
    rows = [
        (
            f"{p.from_code}-{p.to_code}",
            "argos",
            f"{p.name} {p.package_version}".strip(),
            _fmt_size(p.size_bytes),
            str(p.path),
        )
        for p in installed_packages(warnings=warnings)
    ]
    apertium = ApertiumEngine()
    for src, tgt in (("es", "en"), ("en", "es")):
        if apertium.supports(src, tgt):
            rows.append((f"{src}-{tgt}", "apertium", apertium.model_version(src, tgt), "-", "(system package)"))
    for warning in warnings:
        _warn(warning)
    if not rows:
        click.echo("No translation models installed.")
        click.echo(
            "Install one with `bilingual models install FILE.argosmodel` or "
            "`sudo apt-get install apertium apertium-eng-spa`."
        )
        return
    header = ("pair", "engine", "model", "size", "path")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])


@models.command("install")
@click.argument("file", required=False, metavar="[FILE.argosmodel]")
@click.option("--from", "source_lang", type=click.Choice(["es", "en"]), help="Download this pair (needs network).")
@click.option("--to", "target_lang", type=click.Choice(["es", "en"]))
@click.option("--force", is_flag=True, help="Replace an installed package of the same pair.")
@click.option(
    "--timeout",
    type=click.FloatRange(1, 600),
    default=15.0,
    show_default=True,
    help="Network timeout in seconds for --from/--to.",
)
def models_install(
    file: str | None, source_lang: str | None, target_lang: str | None, force: bool, timeout: float
) -> None:
    """Install an argos model from a .argosmodel file, or download one with --from/--to.

    The file is checked (zip integrity, metadata.json, model, tokenizer) before anything is
    installed. Downloading asks the argos index once, with a timeout.
    """
    from pathlib import Path

    from bilingual.models import download_package, install_package

    if file and (source_lang or target_lang):
        raise click.UsageError("give either FILE or --from/--to, not both")
    if file:
        package = install_package(Path(file), force=force)
    elif source_lang and target_lang:
        package = download_package(source_lang, target_lang, timeout=timeout, force=force)
    else:
        raise click.UsageError("give a .argosmodel FILE, or --from and --to to download one")
    click.echo(
        f"Installed {package.name} {package.package_version} ({package.from_code}→{package.to_code}) in {package.path}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="bilingual")
