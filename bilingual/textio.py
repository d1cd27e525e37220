"""Reading user text safely and writing outputs atomically.

Every input goes through :func:`decode_text` so that binary files, invalid UTF-8 and empty
files are reported with a location and a fix instead of a traceback, and every output goes
through :func:`atomic_write` so an interrupted run never leaves a half-written file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from bilingual.errors import InputError, OutputError

STDIO = "-"
_BOM = "\ufeff"
_LONE_CR = re.compile(r"\r(?!\n)")
_ICONV_HINT = "convert it to UTF-8 first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {name} > {name}.utf8`"


def line_of(data: bytes | str, offset: int) -> int:
    """1-based line number of ``offset`` (counting ``\\n`` only, like the parallel-text formats)."""
    newline: bytes | str = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def decode_text(data: bytes, name: str, *, allow_empty: bool = False) -> str:
    """Decode ``data`` as UTF-8 text, refusing binary data, UTF-16, invalid bytes and (by default)
    empty input.

    A leading byte-order mark is dropped; line endings are kept as they are so that character
    offsets refer to the text the user has, except that a lone CR (old Mac line ends) becomes
    LF — one character for one, so offsets still hold and paragraph breaks survive.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        source = name if name != STDIO else "FILE"
        raise InputError(
            f"{name}:1: UTF-16 text (byte-order mark {data[:2].hex(' ')}), not UTF-8",
            f"convert it first, e.g. `iconv -f UTF-16 -t UTF-8 {source} > {source}.utf8`",
        )
    nul = data.find(b"\x00")
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
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
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


_TMP_TAG = ".bilingual-tmp"
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS, errno.EPERM, errno.EACCES}
_THROUGH_PREFIXES = ("/dev/", "/proc/")


def _write_error(path: str, exc: OSError) -> OutputError:
    hint = "free some disk space" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "check the path and permissions"
    return OutputError(f"{path}: cannot write ({exc.strerror or exc})", hint)


def _write_through(path: str) -> bool:
    """Whether ``path`` must be written in place rather than replaced: an existing special file
    (device, FIFO, socket) or anything under /dev or /proc (``/dev/stdout``…)."""
    if os.path.abspath(path).startswith(_THROUGH_PREFIXES):
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _temp_pid(name: str) -> int | None:
    """The process id recorded in one of our temporary file names, if any."""
    parts = name.removesuffix(_TMP_TAG).split(".")  # .NAME.PID.RANDOM.bilingual-tmp
    try:
        return int(parts[-2])
    except (IndexError, ValueError):
        return None


def _clean_stale_temps(directory: Path, name: str) -> None:
    """Remove temporary files a killed run left for ``name`` (their writer process is gone)."""
    with contextlib.suppress(OSError):
        for leftover in directory.glob(f".{glob_escape(name)}.*{_TMP_TAG}"):
            pid = _temp_pid(leftover.name)
            if pid is None or pid == os.getpid():
                continue
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                with contextlib.suppress(OSError):
                    leftover.unlink()
            except PermissionError:
                continue


def glob_escape(text: str) -> str:
    """``text`` with glob metacharacters escaped, for :meth:`Path.glob`."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


@contextmanager
def _stdout_writer() -> Iterator[TextIO]:
    """Stdout as an output; a full disk or closed pipe becomes :class:`OutputError`."""
    try:
        yield sys.stdout
        sys.stdout.flush()
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or exc.errno not in _WRITE_ERRNOS:
            raise
        silence_stdout()
        raise _write_error("stdout", exc) from None


def silence_stdout() -> None:
    """Point stdout at /dev/null after a failed write so the exit-time flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


@contextmanager
def _direct_writer(path: str, encoding: str) -> Iterator[TextIO]:
    """Write straight into a special file (device, FIFO, /dev/stdout): it is never replaced."""
    try:
        handle = open(path, "w", encoding=encoding, newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with handle:
            yield handle
    except OSError as exc:
        if isinstance(exc, BrokenPipeError) or exc.errno not in _WRITE_ERRNOS:
            raise
        raise _write_error(path, exc) from None


@contextmanager
def atomic_write(path: str, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Open ``path`` for writing text; the file appears only if the block finishes without error.

    Writes go to a temporary file in the same directory which is renamed over ``path`` at the
    end, so readers never see a partial file and a failure leaves any old file untouched. A
    symlink is written through (its target is replaced, the link stays); special files
    (``/dev/null``, FIFOs, ``/dev/stdout``) are written in place, never replaced; an existing
    file keeps its permission bits. A full disk is an :class:`OutputError`, and no temporary
    file is left behind; ones left by a killed run are removed on the next write. ``-`` is stdout.
    """
    if path == STDIO:
        with _stdout_writer() as handle:
            yield handle
        return
    if _write_through(path):
        with _direct_writer(path, encoding) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist", "create it first or pick another -o path")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory", "give a file name for -o")
    _clean_stale_temps(directory, target.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=_TMP_TAG, dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror})", "check the directory's permissions") from None
    try:
        old = os.stat(target)
    except OSError:
        old = None
    try:
        if old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))  # a 0600 report stays 0600
            if os.geteuid() == 0:
                with contextlib.suppress(OSError):
                    os.chown(tmp, old.st_uid, old.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; new outputs get the usual permissions
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, BrokenPipeError) or exc.errno not in _WRITE_ERRNOS:
            raise
        raise _write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
