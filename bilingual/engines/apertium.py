"""Apertium rule-based engine: runs Debian's ``apertium`` with the ``apertium-eng-spa`` data.

A whole document goes through ONE ``apertium`` process (its start-up costs far more than
translating a sentence). Sentences are joined with a blank line, which apertium's ``txt``
deformatter keeps as a format "superblank" that is never translated, moved or dropped, so
splitting the output on blank lines gives the sentences back 1:1; the count is checked anyway.
(``apertium -z`` null-flush mode was tried: with the ``txt`` format the ``\\0`` separators are
dropped and neighbouring segments run together, so it cannot be used for alignment.)

Unknown-word marks: apertium runs with marks on, so an unknown word comes out as ``*word``, a
word the generator could not inflect as ``#word`` and a transfer error as ``@word``. To tell those
marks from a literal ``*``/``#``/``@`` in the source, every literal one is swapped for a
private-use character that is absent from the document before translating (apertium treats it
as the same kind of non-word character) and swapped back afterwards. After that, every
``*``/``#``/``@`` directly in front of a word in the output is a mark: it is removed from the
text and the word goes into :attr:`Translation.unknown_words`. This needs a single run, unlike
comparing a marked run with an ``apertium -u`` run.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from bilingual.engines.base import Translation
from bilingual.errors import EngineError

_PACKAGE = "apertium-eng-spa"
_MODES = {("es", "en"): "spa-eng", ("en", "es"): "eng-spa"}
_INSTALL_HINT = f"install it: sudo apt-get install apertium {_PACKAGE}"
_DEFAULT_DATADIR = Path("/usr/share/apertium")
_SEPARATOR = "\n\n"
_MARK_CHARS = "*#@"
# A mark sits directly in front of a word; apertium splits unknown tokens at punctuation.
_SPACE_RUN = re.compile(r"  +")
_MARKED_WORD = re.compile(r"[*#@]([\w\u0300-\u036f]+)")
# Control characters that are not whitespace (whitespace is collapsed separately).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_PRIVATE_USE = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE))  # BMP, then plane 15
_LIST_TIMEOUT = 30.0


class ApertiumEngine:
    """Spanish↔English through the ``apertium`` command-line pipeline.

    ``timeout`` (seconds) is the base limit for one document and ``timeout_per_char`` is added
    per input character, so large documents get proportionally longer before being killed.
    """

    name = "apertium"

    def __init__(
        self,
        binary: str | None = None,
        *,
        datadir: Path | None = None,
        timeout: float = 30.0,
        timeout_per_char: float = 0.001,
    ) -> None:
        self._binary_override = binary
        self._datadir = datadir
        self.timeout = timeout
        self.timeout_per_char = timeout_per_char
        self._modes: frozenset[str] | None = None
        self._versions: dict[str, str] = {}

    # -- discovery ---------------------------------------------------------------------------

    def _binary(self) -> str:
        """Path of the ``apertium`` script, or :class:`EngineError` when it is not installed."""
        found = shutil.which(self._binary_override or "apertium")
        if found is None:
            raise EngineError("apertium is not installed", hint=_INSTALL_HINT)
        return found

    def _datadir_candidates(self, binary: str) -> list[Path]:
        """Directories that may hold ``modes/*.mode``, most specific first."""
        if self._datadir is not None:
            return [self._datadir]
        candidates = []
        env = os.environ.get("APERTIUM_DATADIR")
        if env:
            candidates.append(Path(env))
        candidates.append(Path(binary).resolve().parent.parent / "share" / "apertium")
        candidates.append(_DEFAULT_DATADIR)
        return candidates

    def _base_command(self, binary: str) -> list[str]:
        """``apertium`` plus the data-directory option when one was given."""
        return [binary, "-d", str(self._datadir)] if self._datadir is not None else [binary]

    def installed_modes(self) -> frozenset[str]:
        """Translation directions apertium lists (``apertium -l``), falling back to the modes dir."""
        if self._modes is None:
            binary = self._binary()
            modes: set[str] = set()
            try:
                listed = subprocess.run(
                    [*self._base_command(binary), "-l"],
                    capture_output=True,
                    text=True,
                    encoding="utf-8",
                    errors="replace",
                    timeout=_LIST_TIMEOUT,
                    check=False,
                )
            except (OSError, subprocess.SubprocessError):
                listed = None
            if listed is not None and listed.returncode == 0:
                modes = {m for m in listed.stdout.split() if m and "*" not in m}
            if not modes:
                for datadir in self._datadir_candidates(binary):
                    modes.update(p.stem for p in (datadir / "modes").glob("*.mode"))
            self._modes = frozenset(modes)
        return self._modes

    def _mode_for(self, source_lang: str, target_lang: str) -> str:
        """The apertium mode name for a pair, or :class:`EngineError` for a pair it cannot do."""
        mode = _MODES.get((source_lang, target_lang))
        if mode is None:
            raise EngineError(
                f"apertium cannot translate {source_lang}→{target_lang}",
                hint="the apertium engine only translates es→en and en→es",
            )
        return mode

    def supports(self, source_lang: str, target_lang: str) -> bool:
        """Whether apertium and the mode for the pair are installed (False rather than raising)."""
        mode = _MODES.get((source_lang, target_lang))
        if mode is None:
            return False
        try:
            return mode in self.installed_modes()
        except EngineError:
            return False

    def model_version(self, source_lang: str, target_lang: str) -> str:
        """``apertium-eng-spa <version>``: the Debian package version, else ``unknown``.

        The Debian revision and epoch are dropped (``1:0.8.1-2`` → ``0.8.1``).
        """
        mode = self._mode_for(source_lang, target_lang)
        if mode not in self._versions:
            self._versions[mode] = f"{_PACKAGE} {self._package_version(mode)}"
        return self._versions[mode]

    def _package_version(self, mode: str) -> str:
        """Installed version of the language data, from dpkg, pkg-config or the modes file path."""
        for command in (
            ["dpkg-query", "-W", "-f=${Version}", _PACKAGE],
            ["pkg-config", "--modversion", _PACKAGE],
        ):
            if shutil.which(command[0]) is None:
                continue
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=_LIST_TIMEOUT, check=False)
            except (OSError, subprocess.SubprocessError):
                continue
            version = done.stdout.strip()
            if done.returncode == 0 and version:
                return _upstream_version(version)
        return self._version_from_mode_file(mode)

    def _version_from_mode_file(self, mode: str) -> str:
        """A version embedded in the data path of the mode file (source installs), else ``unknown``."""
        binary = shutil.which(self._binary_override or "apertium")
        if binary is None:
            return "unknown"
        for datadir in self._datadir_candidates(binary):
            try:
                content = (datadir / "modes" / f"{mode}.mode").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            found = re.search(rf"{re.escape(_PACKAGE)}[-_](\d[\w.+~]*)", content)
            return found.group(1) if found else "unknown"
        return "unknown"

    # -- translation -------------------------------------------------------------------------

    def translate_batch(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[Translation]:
        """Translate all ``sentences`` with one apertium process; same length and order out."""
        if not sentences:
            return []
        mode = self._mode_for(source_lang, target_lang)
        binary = self._binary()
        if mode not in self.installed_modes():
            raise EngineError(
                f"apertium has no {mode} translator installed (package {_PACKAGE})",
                hint=f"install it: sudo apt-get install {_PACKAGE}",
            )
        cleaned = [_clean(s) for s in sentences]
        todo = [i for i, s in enumerate(cleaned) if s]
        results = [Translation("") for _ in sentences]
        if not todo:
            return results

        document = _SEPARATOR.join(cleaned[i] for i in todo)
        placeholders = _placeholders(document)
        for char, placeholder in placeholders.items():
            document = document.replace(char, placeholder)
        output = self._run(binary, mode, document + "\n")

        if output.endswith("\n"):
            output = output[:-1]
        parts = output.split(_SEPARATOR)
        if len(parts) != len(todo):
            raise EngineError(
                f"apertium {mode} returned {len(parts)} segments for {len(todo)} sentences",
                hint="the sentences could not be realigned; try the argos engine for this text",
            )
        for index, part in zip(todo, parts, strict=True):
            results[index] = _unmark(part, placeholders)
        return results

    def _run(self, binary: str, mode: str, document: str) -> str:
        """Run ``apertium -f txt MODE`` on ``document`` and return stdout, killing it on timeout."""
        command = [*self._base_command(binary), "-f", "txt", mode]
        limit = self.timeout + self.timeout_per_char * len(document)
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # so a timeout can kill the whole pipeline, not just bash
            )
        except OSError as exc:
            raise EngineError(f"cannot run {binary}: {exc.strerror or exc}", hint=_INSTALL_HINT) from None
        try:
            stdout, stderr = process.communicate(document.encode("utf-8"), timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.communicate()
            raise EngineError(
                f"apertium {mode} timed out after {limit:.0f} s",
                hint="split the document or raise the apertium timeout",
            ) from None
        if process.returncode != 0:
            message = _first_line(stderr) or _first_line(stdout) or "no error output"
            raise EngineError(
                f"apertium {mode} failed (exit status {process.returncode}): {message}",
                hint=f"check that `echo hola | apertium {mode}` works; reinstall {_PACKAGE} if not",
            )
        return stdout.decode("utf-8", errors="replace")


def _upstream_version(version: str) -> str:
    """Drop a Debian epoch (``1:``) and revision (``-2``) from a package version."""
    version = version.split(":", 1)[-1]
    return version.rsplit("-", 1)[0] if "-" in version else version


def _clean(sentence: str) -> str:
    """NFC text on one line: newlines would split a sentence in two and break the alignment."""
    sentence = _CONTROL.sub(" ", unicodedata.normalize("NFC", sentence))
    return " ".join(sentence.split())


def _placeholders(document: str) -> dict[str, str]:
    """A private-use stand-in, absent from ``document``, for each literal mark character."""
    free = (chr(c) for c in itertools.chain(*_PRIVATE_USE) if chr(c) not in document)
    return {char: next(free) for char in _MARK_CHARS if char in document}


def _unmark(text: str, placeholders: dict[str, str]) -> Translation:
    """Strip apertium's marks from one output segment and report the marked words."""
    unknown: list[str] = []
    for match in _MARKED_WORD.finditer(text):
        if match.group(1) not in unknown:
            unknown.append(match.group(1))
    text = _MARKED_WORD.sub(r"\1", text)
    text = _SPACE_RUN.sub(" ", text)  # dropped clitics ("se") leave double spaces behind
    for char, placeholder in placeholders.items():
        text = text.replace(placeholder, char)
    return Translation(text.strip(), unknown_words=tuple(unknown))


def _first_line(data: bytes) -> str:
    """First non-empty line of a process's output, decoded leniently."""
    for line in data.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            return line.strip()
    return ""


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the apertium script and every stage of its pipeline."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - apertium is POSIX-only in practice
            process.kill()
    except ProcessLookupError:
        pass
