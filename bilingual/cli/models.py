"""``bilingual models list|install``."""

from __future__ import annotations

import click

from bilingual.cli import options
from bilingual.cli.app import cli, warner
from bilingual.formats.table import FORMATS, human_size, render_table


@cli.group()
def models() -> None:
    """List and install translation models (argos packages; Apertium pairs are listed too)."""


@models.command("list")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Listing format.")
def models_list(fmt: str) -> None:
    """Installed translation pairs: engine, model version, size and location."""
    from bilingual.engines.choose import installed_models

    rows = installed_models(warn=warner())
    if not rows and fmt == "text":
        click.echo("No translation models installed.")
        click.echo(
            "Install one with `bilingual models install FILE.argosmodel` or "
            "`sudo apt-get install apertium apertium-eng-spa`."
        )
        return
    if fmt == "json":
        table = [(r.pair, r.engine, r.model, r.size_bytes, r.path) for r in rows]
        click.echo(render_table(("pair", "engine", "model", "size_bytes", "path"), table, fmt), nl=False)
        return
    table = [(r.pair, r.engine, r.model, human_size(r.size_bytes), r.path) for r in rows]
    click.echo(render_table(("pair", "engine", "model", "size", "path"), table, fmt), nl=False)


@models.command("install")
@click.argument("file", required=False, metavar="[FILE.argosmodel]")
@options.from_lang("Download this pair (needs network).", default=None, auto=False)
@options.to_lang("Target language of the pair to download.")
@click.option("--force", is_flag=True, help="Replace an installed package of the same pair.")
@click.option(
    "--timeout",
    type=click.FloatRange(1, 600),
    default=15.0,
    show_default=True,
    help="Time limit in seconds for the whole download with --from/--to.",
)
def models_install(
    file: str | None, source_lang: str | None, target_lang: str | None, force: bool, timeout: float
) -> None:
    """Install an argos model from a .argosmodel file, or download one with --from/--to.

    The file is checked (zip integrity, metadata.json, model, tokenizer) before anything is
    installed. Downloading asks the argos index once, with a timeout.
    """
    from pathlib import Path

    from bilingual.engines.choose import check_pair
    from bilingual.engines.packages import download_package, install_package

    if file and (source_lang or target_lang):
        raise click.UsageError("give either FILE or --from/--to, not both")
    if file:
        package = install_package(Path(file), force=force)
    elif source_lang and target_lang:
        check_pair(source_lang, target_lang)
        package = download_package(source_lang, target_lang, timeout=timeout, force=force)
    else:
        raise click.UsageError("give a .argosmodel FILE, or --from and --to to download one")
    click.echo(
        f"Installed {package.name} {package.package_version} ({package.from_code}→{package.to_code}) in {package.path}"
    )
