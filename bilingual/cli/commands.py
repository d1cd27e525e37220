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
_TYPE = click.Choice(["person", "place", "agency", "organization", "term"])

# Options several commands share.
_LANG = click.option(
    "--lang",
    type=click.Choice(["es", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the text; auto detects it.",
)
_OUTPUT = click.option("-o", "--output", default=STDIO, show_default=True, help="Output file; - for stdout.")
_PAIR_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl", "tmx", "md"]),
    default=None,
    help="Output format [default: from the -o extension, else tsv].",
)
_GLOSSARY_DIR = click.option(
    "--glossary-dir",
    default=None,
    metavar="DIR",
    help="User glossary directory [default: $BILINGUAL_GLOSSARY_DIR or the user data dir].",
)
_CACHE = click.option("--cache/--no-cache", default=True, show_default=True, help="Reuse cached translations.")
_GLOSSARY_FILES = click.option(
    "--glossary-file", "glossary_files", multiple=True, metavar="FILE", help="Extra glossary TSV."
)
_ONLY_TYPE = click.option("--type", "kind", type=_TYPE, help="Only entries of this type.")
_CSV_FROM = click.option(
    "--from",
    "source_lang",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="csv: language of the first column.",
)


def _pairs_format(fmt: str | None, output: str) -> str:
    """The parallel-text format: as given, else from the output's extension, else TSV."""
    from bilingual.formats import guess_format

    if fmt is not None:
        return fmt
    return guess_format(output) if output != STDIO and "." in output.rsplit("/", 1)[-1] else "tsv"


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
@_LANG
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["lines", "jsonl"]),
    default="lines",
    show_default=True,
    help="lines: one sentence per line, blank line between paragraphs; jsonl: one object per sentence.",
)
@_OUTPUT
def split(file: str, lang: str, fmt: str, output: str) -> None:
    """Split a Spanish or English news text into sentences.

    jsonl objects have id, paragraph, start, end (character offsets into the input, so
    text[start:end] is the sentence), text and quote (id of the quotation the sentence is in,
    or null).
    """
    from bilingual.split.splitter import split_text

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
@_PAIR_FORMAT
@_OUTPUT
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
@click.option(
    "--glossary/--no-glossary",
    "use_glossary",
    default=True,
    show_default=True,
    help="Keep glossary names and places in their preferred form.",
)
@click.option(
    "--glossary-file",
    "glossary_files",
    multiple=True,
    metavar="FILE",
    help="Extra glossary TSV (repeatable; overrides shipped and user entries).",
)
@_GLOSSARY_DIR
@click.option(
    "--shipped-glossaries/--no-shipped-glossaries",
    "shipped",
    default=True,
    show_default=True,
    help="Include the shipped glossaries.",
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
    use_glossary: bool,
    glossary_files: tuple[str, ...],
    glossary_dir: str | None,
    shipped: bool,
    quiet: bool,
) -> None:
    """Translate an article sentence by sentence and write the source/translation pairs.

    Every output carries a signature: tool version, engine, model name and version, splitter
    rules and glossary.
    """
    from bilingual.engines.cache import NullCache, TranslationCache
    from bilingual.formats import write
    from bilingual.glossary.model import Glossary
    from bilingual.lang.detect import detect_language
    from bilingual.translate.document import ArgosOptions, check_pair, make_engine, other_language, translate_text

    check_not_input(output, [file])
    fmt = _pairs_format(fmt, output)
    text = read_text(file)
    glossary = Glossary.load(shipped=shipped, user=glossary_dir, extra=glossary_files) if use_glossary else None
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
                glossary=glossary,
                progress=advance if show else None,
                on_split=start,
            )
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    with atomic_write(output) as out:
        write(document, out, fmt)


@cli.command()
@click.argument("src_file", metavar="ES_FILE")
@click.argument("tgt_file", metavar="EN_FILE")
@click.option(
    "--langs",
    default="auto",
    show_default=True,
    metavar="L1,L2",
    help="Languages of the two files, e.g. es,en; auto detects each.",
)
@click.option("--presplit", is_flag=True, help="Inputs have one sentence per line; ids are input line numbers.")
@click.option(
    "--engine",
    type=click.Choice(["auto", "argos", "apertium", "none"]),
    default="auto",
    show_default=True,
    help="MT engine used to bridge the languages; none aligns on length and anchors only.",
)
@_PAIR_FORMAT
@_OUTPUT
@_CACHE
@click.option(
    "--glossary/--no-glossary",
    "use_glossary",
    default=True,
    show_default=True,
    help="Use glossary names and places as alignment anchors.",
)
@_GLOSSARY_FILES
@click.option("--force", is_flag=True, help="Align even if both files are in the same language.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings.")
def align(
    src_file: str,
    tgt_file: str,
    langs: str,
    presplit: bool,
    engine: str,
    fmt: str | None,
    output: str,
    cache: bool,
    use_glossary: bool,
    glossary_files: tuple[str, ...],
    force: bool,
    quiet: bool,
) -> None:
    """Align two versions of an article (Spanish and English) sentence by sentence.

    Every sentence of both files appears in exactly one output row, in order: aligned beads
    (1-1, 2-1, 1-2, 2-2, 3-1, 1-3) with a confidence in [0, 1], and sentences with no
    counterpart as 1-0 / 0-1 rows flagged "unaligned".
    """
    from bilingual.align.document import align_sides, engines_for, side_from_text
    from bilingual.engines.cache import NullCache, TranslationCache
    from bilingual.formats import write
    from bilingual.glossary.model import Glossary
    from bilingual.lang.detect import detect_language

    check_not_input(output, [src_file, tgt_file])
    fmt = _pairs_format(fmt, output)
    texts = [read_text(src_file), read_text(tgt_file)]
    if langs == "auto":
        codes = [detect_language(text, name).lang for text, name in zip(texts, (src_file, tgt_file), strict=True)]
    else:
        codes = [c.strip().lower() for c in langs.split(",")]
        if len(codes) != 2 or any(c not in ("es", "en") for c in codes):
            raise click.UsageError(f"--langs must be two codes like es,en, not '{langs}'")
    if codes[0] == codes[1] and not force:
        name = {"es": "Spanish", "en": "English"}[codes[0]]
        raise BilingualError(
            f"both {src_file} and {tgt_file} are {name}",
            "give one Spanish and one English file, --langs if detection is wrong, or --force to align them anyway",
        )
    warn = None if quiet else _warn
    sides = [
        side_from_text(text, code, presplit=presplit, name=name)
        for text, code, name in zip(texts, codes, (src_file, tgt_file), strict=True)
    ]
    glossary = Glossary.load(extra=glossary_files) if use_glossary else None
    store = TranslationCache.open() if cache and engine != "none" else NullCache()
    with store:
        document = align_sides(
            sides[0],
            sides[1],
            engines=engines_for(engine, codes[0], codes[1]),
            cache=store,
            glossary=glossary,
            warn=warn,
        )
    with atomic_write(output) as out:
        write(document, out, fmt)


@cli.command()
@click.argument("file", metavar="FILE|-")
@_LANG
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "md"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one object per quote; md: a readable list.",
)
@click.option(
    "--glossary/--no-glossary",
    "use_glossary",
    default=True,
    show_default=True,
    help="Use glossary person names to resolve speakers.",
)
@_OUTPUT
def quotes(file: str, lang: str, fmt: str, use_glossary: bool, output: str) -> None:
    """List the direct quotations of a news text with their speakers.

    jsonl objects have id, speaker (null when not stated), text (the quoted words), segments
    (character offsets of each quoted stretch), sentences and paragraphs (ids, as in split).
    """
    from bilingual.glossary.model import Glossary
    from bilingual.lang.detect import detect_language
    from bilingual.review.quotes import extract_quotes
    from bilingual.split.splitter import Splitter

    check_not_input(output, [file])
    text = read_text(file)
    code = detect_language(text, file).lang if lang == "auto" else lang
    found = extract_quotes(Splitter(code).analyze(text), glossary=Glossary.load() if use_glossary else None)
    with atomic_write(output) as out:
        for q in found:
            if fmt == "jsonl":
                record = {
                    "id": q.id,
                    "speaker": q.speaker,
                    "text": q.text,
                    "segments": [list(s) for s in q.segments],
                    "sentences": list(q.sentences),
                    "paragraphs": list(q.paragraphs),
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(f"{q.id}. **{q.speaker or 'unknown speaker'}**: “{_NEWLINES.sub(' ', q.text)}”\n")


@cli.command()
@click.argument("article", metavar="ARTICLE|PAIRS")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="SRC",
    help="A text in the other language that may hold the quotes' originals (repeatable).",
)
@click.option(
    "--lang",
    type=click.Choice(["es", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of ARTICLE (sources are detected).",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "argos", "apertium", "none"]),
    default="auto",
    show_default=True,
    help="MT engine bridging the languages.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "md", "html"]),
    default=None,
    help="Output format [default: from the -o extension, else jsonl].",
)
@_OUTPUT
@_CACHE
@click.option(
    "--glossary/--no-glossary",
    "use_glossary",
    default=True,
    show_default=True,
    help="Use glossary names for the name checks.",
)
@_GLOSSARY_FILES
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def review(
    article: str,
    sources: tuple[str, ...],
    lang: str,
    engine: str,
    fmt: str | None,
    output: str,
    cache: bool,
    use_glossary: bool,
    glossary_files: tuple[str, ...],
    quiet: bool,
) -> None:
    """Check every quote of ARTICLE against its original in the --source texts, or every pair
    of a translate/align output (PAIRS): added or dropped words, changed numbers, lost
    negations, mangled names, a different speaker; quotes with no original are 'unmatched'.

    A summary goes to stderr; flagged items come first in the output.
    """
    import io

    from bilingual.align.document import engines_for
    from bilingual.engines.cache import NullCache, TranslationCache
    from bilingual.formats import read
    from bilingual.glossary.model import Glossary
    from bilingual.lang.detect import detect_language
    from bilingual.review.match import review_article, review_pairs
    from bilingual.review.report_html import render
    from bilingual.review.report_md import render_jsonl, render_markdown, summary

    check_not_input(output, [article, *sources])
    if fmt is None:
        suffix = output.rsplit(".", 1)[-1].lower() if output != STDIO and "." in output else ""
        fmt = {"html": "html", "htm": "html", "md": "md"}.get(suffix, "jsonl")
    glossary = Glossary.load(extra=glossary_files) if use_glossary else None
    store = TranslationCache.open() if cache and engine != "none" else NullCache()
    text = read_text(article)
    with store:
        if sources:
            article_lang = detect_language(text, article).lang if lang == "auto" else lang
            loaded = []
            for src in sources:
                src_text = read_text(src)
                loaded.append((src, src_text, detect_language(src_text, src).lang))
            src_lang = next((code for _, _, code in loaded if code != article_lang), article_lang)
            to_article, to_source = engines_for(engine, src_lang, article_lang)
            if to_article is None and src_lang != article_lang and not quiet:
                _warn("no translation engine: quotes are matched on names, numbers and shared words only")
            result = review_article(
                text,
                article,
                article_lang,
                loaded,
                to_article=to_article,
                to_source=to_source,
                cache=store,
                glossary=glossary,
            )
        else:
            try:
                document = read(io.StringIO(text), article)
            except BilingualError as exc:
                raise BilingualError(
                    f"{article} is not a translate/align output ({exc.message})",
                    "to review an article, give its sources with --source FILE",
                ) from None
            src, tgt = document.source_lang.split("-")[0], document.target_lang.split("-")[0]
            result = review_pairs(
                document, article, engines=engines_for(engine, src, tgt), cache=store, glossary=glossary
            )
    body = {"jsonl": render_jsonl, "md": render_markdown, "html": render}[fmt](result)
    with atomic_write(output) as out:
        out.write(body)
    if not quiet:
        click.echo(summary(result), err=True)


@cli.group()
def models() -> None:
    """List and install translation models (argos packages; Apertium pairs are listed too)."""


@models.command("list")
def models_list() -> None:
    """Installed translation pairs: engine, model version, size and location."""
    from bilingual.engines.apertium import ApertiumEngine
    from bilingual.engines.packages import installed_packages

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

    from bilingual.engines.packages import download_package, install_package

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


# -- glossary ------------------------------------------------------------------------------


@cli.group()
@_GLOSSARY_DIR
@click.option("--shipped/--no-shipped", default=True, show_default=True, help="Include the shipped glossaries.")
@click.pass_context
def glossary(ctx: click.Context, glossary_dir: str | None, shipped: bool) -> None:
    """Glossaries of names and places: shipped ones plus your own, layered on top."""
    ctx.obj = {"dir": glossary_dir, "shipped": shipped}


def _layered(ctx: click.Context, extra: Sequence[str] = ()) -> Any:
    from bilingual.glossary.model import Glossary

    return Glossary.load(shipped=ctx.obj["shipped"], user=ctx.obj["dir"], extra=extra)


def _user_file(ctx: click.Context, file: str | None) -> Any:
    from pathlib import Path

    from bilingual.glossary.model import USER_FILE, user_dir

    return Path(file) if file else user_dir(ctx.obj["dir"]) / USER_FILE


@glossary.command("list")
@_ONLY_TYPE
@click.option("--search", default=None, help="Only entries with a form containing this text (accents ignored).")
@click.pass_context
def glossary_list(ctx: click.Context, kind: str | None, search: str | None) -> None:
    """List entries as TSV: es, en, type, note, and where each entry comes from."""
    from bilingual.glossary.model import SEP, fold, sort_key

    needle = fold(search) if search else None
    for e in sorted(_layered(ctx).entries, key=sort_key):
        if kind and e.type != kind:
            continue
        if needle and not any(needle in fold(f) for f in (*e.es, *e.en)):
            continue
        click.echo("\t".join((SEP.join(e.es), SEP.join(e.en), e.type, e.note, e.where)))


@glossary.command("add")
@click.argument("es")
@click.argument("en")
@click.option("--type", "kind", type=_TYPE, required=True, help="What the entry names.")
@click.option("--note", default="", help="A short note (who or what it is).")
@click.option(
    "--file",
    "file",
    default=None,
    metavar="FILE",
    help="Glossary file to add to [default: user.tsv in the user glossary directory].",
)
@click.option("--force", is_flag=True, help="Replace a conflicting entry.")
@click.pass_context
def glossary_add(ctx: click.Context, es: str, en: str, kind: str, note: str, file: str | None, force: bool) -> None:
    """Add an entry: ES and EN forms, variants separated by ' | ' (first preferred).

    Example: bilingual glossary add "Cd. Juárez | Ciudad Juárez" "Ciudad Juárez" --type place
    """
    from bilingual.glossary.edit import add_entries, make_entry

    entry = make_entry(es, en, kind, note)
    path = _user_file(ctx, file)
    change = add_entries(path, [entry], _layered(ctx, [str(path)] if path.exists() else []), force=force)
    if change.unchanged:
        click.echo(f"Already there: {entry.describe()}")
        return
    for old in change.replaced:
        click.echo(f"Replaced {old.where}: {old.describe()}")
    click.echo(f"Added to {path}: {entry.describe()}")


@glossary.command("remove")
@click.argument("es")
@click.option("--file", "file", default=None, metavar="FILE", help="Glossary file [default: the user's user.tsv].")
@click.pass_context
def glossary_remove(ctx: click.Context, es: str, file: str | None) -> None:
    """Remove the entry that has the Spanish form ES from your glossary."""
    from bilingual.glossary.edit import remove_entry

    path = _user_file(ctx, file)
    removed = remove_entry(path, es, _layered(ctx))
    click.echo(f"Removed from {path}: {removed.describe()}")


@glossary.command("check")
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.pass_context
def glossary_check(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Lint glossary files (default: shipped and user ones): column count, types, empty forms,
    non-NFC text, stray whitespace, duplicates and conflicting targets, each as path:line.
    Exits 1 when there are problems."""
    from pathlib import Path

    from bilingual.glossary.model import iter_problems

    paths = [Path(f) for f in files] or [Path(f) for f in _layered(ctx).files]
    problems = list(iter_problems(paths))
    for problem in problems:
        click.echo(str(problem))
    click.echo(
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {len(paths)} file"
        f"{'s' if len(paths) != 1 else ''}",
        err=True,
    )
    if problems:
        sys.exit(1)


@glossary.command("import")
@click.argument("source", metavar="FILE")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tbx"]),
    default=None,
    help="csv (DeepL-style: source,target) or tbx (TBX-Basic) [default: from the extension].",
)
@_CSV_FROM
@click.option(
    "--type",
    "kind",
    type=_TYPE,
    default="term",
    show_default=True,
    help="Type for entries that do not say (all of csv).",
)
@click.option("--file", "file", default=None, metavar="FILE", help="Glossary file to add to [default: user.tsv].")
@click.option("--force", is_flag=True, help="Replace conflicting entries.")
@click.pass_context
def glossary_import(
    ctx: click.Context, source: str, fmt: str | None, source_lang: str, kind: str, file: str | None, force: bool
) -> None:
    """Import entries from a CSV or TBX file into your glossary."""
    from bilingual.glossary.edit import add_entries
    from bilingual.glossary.exchange import read_csv, read_tbx

    fmt = fmt or _glossary_format(source)
    text = read_text(source)
    if fmt == "csv":
        entries = read_csv(text, source, source_lang=source_lang, default_type=kind)
    else:
        entries = read_tbx(text, source, default_type=kind)
    path = _user_file(ctx, file)
    change = add_entries(path, entries, _layered(ctx, [str(path)] if path.exists() else []), force=force)
    click.echo(
        f"Imported {len(change.added)} entries into {path} ({len(change.unchanged)} already there, "
        f"{len(change.replaced)} replaced)"
    )


@glossary.command("export")
@click.argument("output", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tbx"]),
    default=None,
    help="csv (DeepL-style) or tbx (TBX-Basic) [default: from the extension].",
)
@_CSV_FROM
@_ONLY_TYPE
@click.pass_context
def glossary_export(ctx: click.Context, output: str, fmt: str | None, source_lang: str, kind: str | None) -> None:
    """Export the layered glossary (shipped + yours) as CSV or TBX."""
    from bilingual.glossary.exchange import write_csv, write_tbx

    fmt = fmt or ("csv" if output == STDIO else _glossary_format(output))
    entries = [e for e in _layered(ctx).entries if not kind or e.type == kind]
    with atomic_write(output) as out:
        if fmt == "csv":
            write_csv(entries, out, source_lang=source_lang)
        else:
            write_tbx(entries, out)


def _glossary_format(path: str) -> str:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix in ("csv", "tbx"):
        return suffix
    if suffix == "xml":
        return "tbx"
    raise click.UsageError(f"cannot tell the format of '{path}' from its extension; give --format csv or tbx")


@glossary.command("check-pairs")
@click.argument("file", metavar="FILE|-")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl", "tmx", "md"]),
    default=None,
    help="Format of FILE [default: from the extension or first line].",
)
@_GLOSSARY_FILES
@click.pass_context
def glossary_check_pairs(ctx: click.Context, file: str, fmt: str | None, glossary_files: tuple[str, ...]) -> None:
    """Flag pairs where a glossary term occurs in the source but none of its target forms in
    the translation (TSV/JSONL/TMX/Markdown from translate or align). Exits 1 when any is found."""
    import io

    from bilingual.formats import read
    from bilingual.glossary.enforce import missing_terms

    doc = read(io.StringIO(read_text(file)), file, fmt)
    gloss = _layered(ctx, glossary_files)
    src, tgt = doc.source_lang, doc.target_lang
    flagged = 0
    for pair in doc.pairs:
        for entry in missing_terms(gloss, pair.source, pair.target, src, tgt):
            flagged += 1
            where = ""
            if pair.source_ids or pair.target_ids:
                ids = ",".join(map(str, pair.source_ids)) or "-"
                tids = ",".join(map(str, pair.target_ids)) or "-"
                where = f" ({src} {ids} → {tgt} {tids})"
            click.echo(
                f"pair {pair.id}{where}: '{entry.preferred(src)}' should be "
                f"'{' | '.join(entry.forms(tgt))}' [{entry.where}]"
            )
    click.echo(f"{flagged} missing term{'s' if flagged != 1 else ''} in {len(doc.pairs)} pairs", err=True)
    if flagged:
        sys.exit(1)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="bilingual")
