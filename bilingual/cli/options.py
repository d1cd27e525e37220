"""Options shared by several commands, declared once: one vocabulary for the whole CLI.

Languages are ``--from``/``--to`` everywhere (ISO codes, any case, region subtags such as
``es-MX`` accepted); outputs are ``-o``; formats ``--format``; glossaries
``--glossary/--no-glossary``, ``--glossary-file``, ``--glossary-dir``,
``--shipped-glossaries/--no-shipped-glossaries``. Old spellings stay as hidden aliases.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from bilingual.errors import BilingualError
from bilingual.lang import normalize_lang

F = TypeVar("F", bound=Callable[..., Any])


class Lang(click.ParamType):
    """An ISO code for Spanish or English in any case, with or without region (``es-MX``), or
    ``auto`` where allowed. With ``keep_region`` a region subtag is kept (``es-mx`` → ``es-MX``,
    ``es_419`` → ``es-419``) for commands that label their output with it."""

    name = "lang"

    def __init__(self, auto: bool = False, keep_region: bool = False) -> None:
        self.auto = auto
        self.keep_region = keep_region

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[es|en|auto]" if self.auto else "[es|en]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if self.auto and text.lower() == "auto":
            return "auto"
        try:
            base = normalize_lang(text)
            region = re.fullmatch(r"[A-Za-z]{2,3}[-_]([A-Za-z]{2}|[0-9]{3})", text)
            return f"{base}-{region.group(1).upper()}" if self.keep_region and region else base
        except BilingualError:
            self.fail(
                f"'{text}' is not Spanish or English; use es or en" + (" or auto" if self.auto else ""), param, ctx
            )


def compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Apply several click decorators as one."""

    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


def from_lang(
    help: str, default: str | None = "auto", auto: bool = True, keep_region: bool = False
) -> Callable[[F], F]:
    """``--from``: the language of the input (``keep_region``: ``es-MX`` stays ``es-MX``)."""
    return click.option(
        "--from",
        "source_lang",
        type=Lang(auto=auto, keep_region=keep_region),
        default=default,
        show_default=default is not None,
        help=help,
    )


def to_lang(help: str, keep_region: bool = False) -> Callable[[F], F]:
    """``--to``: the other language."""
    return click.option("--to", "target_lang", type=Lang(keep_region=keep_region), default=None, help=help)


def hidden_alias(name: str, dest: str, type_: Any = None) -> Callable[[F], F]:
    """An old option spelling kept for one release (not shown in --help)."""
    return click.option(name, dest, type=type_, default=None, hidden=True)


output = click.option("-o", "--output", default="-", show_default=True, help="Output file; - for stdout.")


def fmt(choices: tuple[str, ...], default: str) -> Callable[[F], F]:
    """``--format``; without it the ``-o`` extension decides, else ``default``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=None,
        help=f"Output format [default: from the -o extension, else {default}].",
    )


def engine(with_none: bool) -> Callable[[F], F]:
    """``--engine``: auto, argos, apertium (and none where MT is optional)."""
    choices = ["auto", "argos", "apertium", *(["none"] if with_none else [])]
    return click.option(
        "--engine",
        type=click.Choice(choices),
        default="auto",
        show_default=True,
        help="auto: argos when a model for the pair is installed, else Apertium"
        + ("; none: no machine translation." if with_none else "."),
    )


cache = click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse translations from the cache ($BILINGUAL_CACHE overrides its location).",
)
quiet = click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings.")
input_format = click.option(
    "--input-format",
    type=click.Choice(("auto", "text", "md", "html", "docx")),
    default="auto",
    show_default=True,
    help="How to read the article: auto goes by the extension (.txt .md .html .docx). HTML gives the "
    "article body (trafilatura); offsets refer to the extracted text.",
)


@dataclass(frozen=True)
class GlossaryChoice:
    """What the four glossary options asked for."""

    use: bool = True
    files: tuple[str, ...] = ()
    directory: str | None = None
    shipped: bool = True

    def inputs(self) -> list[str]:
        """Every glossary file these options may read, for the output guard."""
        from bilingual.glossary.edit import glossary_inputs

        return glossary_inputs(self.directory, self.files, self.shipped)

    def load(self) -> Any:
        """The layered glossary (None with --no-glossary)."""
        from bilingual.glossary.model import Glossary

        return Glossary.load(shipped=self.shipped, user=self.directory, extra=self.files) if self.use else None


def _store(key: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        ctx.meta.setdefault("bilingual.glossary", {})[key] = value

    return callback


def glossary(func: F) -> F:
    """The four glossary options of every command that reads glossaries, passed to the command
    as one ``glossary: GlossaryChoice`` argument."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        chosen = click.get_current_context().meta.get("bilingual.glossary", {})
        return func(*args, glossary=GlossaryChoice(**chosen), **kwargs)

    specs: list[tuple[str, str, dict[str, Any]]] = [
        ("--glossary/--no-glossary", "use", {"default": True, "help": "Use the glossaries."}),
        ("--glossary-file", "files", {"multiple": True, "help": "Extra glossary TSV (repeatable; overrides others)."}),
        ("--glossary-dir", "directory", {"help": "User glossary dir [default: $BILINGUAL_GLOSSARY_DIR or data dir]."}),
        ("--shipped-glossaries/--no-shipped-glossaries", "shipped", {"default": True, "help": "Use shipped ones."}),
    ]
    return compose(
        *(
            click.option(
                decl,
                expose_value=False,
                callback=_store(key),
                show_default="default" in extra,
                metavar="DIR" if key == "directory" else "FILE",
                **extra,
            )
            for decl, key, extra in specs
        )
    )(wrapper)  # type: ignore[return-value]


extracted = click.option(
    "--extracted",
    metavar="FILE",
    default=None,
    help="Also write the text as read (an HTML page's article body, a Word file's paragraphs): "
    "what the JSONL offsets refer to.",
)
tm_file = click.option(
    "--tm",
    "tm_file",
    metavar="FILE",
    default=None,
    help="Translation memory [default: $BILINGUAL_TM, else memory.sqlite3 in the data dir].",
)


def open_memory(tm_file: str | None, *, create: bool) -> Any:
    """The translation memory at ``tm_file`` (default location without it); ``None`` when it
    does not exist and ``create`` is false."""
    from pathlib import Path

    from bilingual.tm import TranslationMemory

    return TranslationMemory.open(Path(tm_file).expanduser() if tm_file else None, create=create)


def open_cache(use: bool, warn: Any) -> Any:
    """The translation cache (a null one with --no-cache)."""
    from bilingual.engines.cache import NullCache, TranslationCache

    return TranslationCache.open(warn=warn) if use else NullCache()
