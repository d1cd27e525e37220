"""The ``bilingual`` command group: one ``Error: …`` line for every failure, and the helpers
every command shares (warnings on stderr, progress bars, writing an output)."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from bilingual import __version__
from bilingual.errors import BilingualError, UsageError, Warn
from bilingual.textio import atomic_write, silence_stdout


def fail(message: str, code: int) -> NoReturn:
    """Print one ``Error:`` line and exit with ``code``."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


class Interrupted(Exception):
    """Ctrl-C inside a command, passed around click (which would print a blank line first)."""


class Group(click.Group):
    """A click group that reports every failure as one ``Error:`` line (no usage dump, no traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any) -> Any:
        extra["standalone_mode"] = False
        try:
            result = super().main(args=args, prog_name=prog_name or "bilingual", **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(0)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "bilingual"
            fail(f"{exc.format_message()} (see '{command} --help')", 2)
        except click.Abort:
            fail("interrupted", 130)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code or 1)
        except UsageError as exc:
            fail(str(exc), 2)
        except BilingualError as exc:
            fail(str(exc), 1)
        except (KeyboardInterrupt, Interrupted):
            fail("interrupted", 130)
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
                raise
            silence_stdout()
            fail(f"cannot write output ({exc.strerror})", 1)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(name="bilingual", cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bilingual")
def cli() -> None:
    """Offline Spanish/English translation and quote alignment for newsrooms."""


def warner(quiet: bool = False) -> Warn | None:
    """The warning channel's CLI end: ``Warning: …`` on stderr, or nothing with ``-q``."""
    if quiet:
        return None
    return lambda message: click.echo(f"Warning: {message}", err=True)


@contextmanager
def progress(label: str, quiet: bool) -> Iterator[tuple[Callable[[int], None] | None, Callable[[int], None]]]:
    """A stderr progress bar (only on a terminal, never with ``-q``): yields ``(advance, start)``;
    ``start(total)`` opens the bar, ``advance(n)`` moves it; ``advance`` is None when hidden."""
    show = not quiet and sys.stderr.isatty()
    bar: Any = None

    def start(total: int) -> None:
        nonlocal bar
        if show and total > 0 and bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()

    def advance(done: int) -> None:
        if bar is not None:
            bar.update(done)

    try:
        yield (advance if show else None), start
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def emit(output: str, body: str) -> None:
    """Write a rendered output atomically (``-`` is stdout)."""
    with atomic_write(output) as out:
        out.write(body)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="bilingual")
