"""Reading user text safely and writing outputs atomically.

Every input goes through :func:`decode_text` so that binary files, invalid UTF-8 and empty
files are reported with a location and a fix instead of a traceback, and every output goes
through :func:`atomic_write` so an interrupted run never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from bilingual.errors import InputError, OutputError

STDIO = "-"
_BOM = "\ufeff"
_ICONV_HINT = "convert it to UTF-8 first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {name} > {name}.utf8`"


def line_of(data: bytes | str, offset: int) -> int:
    """1-based line number of ``offset`` (counting ``\\n`` only, like the parallel-text formats)."""
    newline: bytes | str = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def decode_text(data: bytes, name: str, *, allow_empty: bool = False) -> str:
    """Decode ``data`` as UTF-8 text, refusing binary data, invalid bytes and (by default) empty input.

    A leading byte-order mark is dropped; line endings are kept as they are so that character
    offsets refer to the text the user has.
    """
    nul = data.find(b"\x00", 0, 1 << 20)
    if nul >= 0:
        raise InputError(
            f"{name}:{line_of(data, nul)}: binary data (NUL byte at byte offset {nul}), not text",
            "give a plain-text UTF-8 file (export .docx/.pdf to .txt first)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}:{line_of(data, exc.start)}: invalid UTF-8 at byte offset {exc.start} "
            f"(byte 0x{data[exc.start]:02x})",
            _ICONV_HINT.format(name=name if name != STDIO else "FILE"),
        ) from None
    if text.startswith(_BOM):
        text = text[1:]
    if not allow_empty and not text.strip():
        raise InputError(f"{name}: input is empty", "give a file with some text in it")
    return text


def read_bytes(path: str) -> bytes:
    """Read a file (or stdin for ``-``) as bytes, turning OS errors into :class:`InputError`."""
    if path == STDIO:
        return sys.stdin.buffer.read()
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", "check the path and spelling") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file", "give the path of a text file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", "check the path") from None


def read_text(path: str, *, allow_empty: bool = False) -> str:
    """Read and decode a UTF-8 text file or stdin (``-``)."""
    return decode_text(read_bytes(path), path, allow_empty=allow_empty)


def _same_place(output: str, inp: str) -> bool:
    """Whether writing ``output`` would change the file ``inp``: same inode (hard links,
    symlinks, ``./x`` vs ``x``) or, for a file not there yet, the same resolved path."""
    try:
        if os.path.samefile(output, inp):
            return True
    except OSError:
        pass
    try:
        return Path(output).resolve() == Path(inp).resolve()
    except (OSError, RuntimeError):
        return os.path.abspath(output) == os.path.abspath(inp)


def check_not_input(output: str, inputs: Iterable[str]) -> None:
    """Refuse an output path that is one of the inputs: bilingual never overwrites its input.

    ``inputs`` must name everything the command reads, glossaries included (see
    :func:`bilingual.glossary.edit.glossary_inputs`), so no output can clobber one of them.
    """
    if output == STDIO:
        return
    for inp in inputs:
        if inp == STDIO:
            continue
        if _same_place(output, inp):
            raise OutputError(
                f"{output}: output would overwrite the input file {inp}",
                "choose a different -o path",
            )


@contextmanager
def atomic_write(path: str, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open ``path`` for writing text; the file appears only if the block finishes without error.

    Writes go to a temporary file in the same directory which is renamed over ``path`` at the
    end, so readers never see a partial file and a failure leaves any old file untouched.
    ``-`` writes to stdout.
    """
    if path == STDIO:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist", "create it first or pick another -o path")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory", "give a file name for -o")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})", "check the directory's permissions") from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs get the usual permissions
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
