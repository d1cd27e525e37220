"""Find, list, install and download Argos Translate model packages (``.argosmodel`` files).

We read the argos package *format* ourselves instead of importing argostranslate, whose import
creates directories, reads its own settings and may touch the network. The directories are the
ones argostranslate and ``argospm`` use, so packages installed by either tool are shared.

An ``.argosmodel`` is a zip holding one top-level directory with ``metadata.json``, a
CTranslate2 model in ``model/`` and a tokenizer (``sentencepiece.model`` or ``bpe.model``).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from bilingual.errors import ModelError, UsageError, Warn

ARGOS_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
"""The package index argostranslate downloads (``settings.remote_package_index``)."""

ARGOS_INDEX_PAGE = "https://www.argosopentech.com/argospm/index/"
"""The human-readable list of argos packages, for hints."""

INSTALL_HINT = "download the .argosmodel elsewhere and run `bilingual models install FILE.argosmodel`"
REINSTALL_HINT = "download the package again and run `bilingual models install --force FILE.argosmodel`"

SENTENCEPIECE_FILE = "sentencepiece.model"
BPE_FILE = "bpe.model"
METADATA_FILE = "metadata.json"
MODEL_FILE = "model/model.bin"

_DOWNLOAD_CHUNK = 1 << 16
_MAX_UNPACKED = 4 << 30
"""Largest total uncompressed size of a package (real ones are well under 1 GiB)."""
_MAX_RATIO = 50
"""Largest compression ratio of a member over 1 MiB (model weights barely compress)."""
_USER_AGENT = "bilingual (argos package downloader)"


@dataclass(frozen=True)
class ModelPackage:
    """An installed (extracted) argos translation package.

    ``name`` is argospm's name (``translate-es_en``); ``tokenizer`` is ``"sentencepiece"`` or
    ``"bpe"``; ``target_prefix`` is the token multilingual packages put before the output.
    """

    path: Path
    from_code: str
    to_code: str
    name: str
    package_version: str
    size_bytes: int
    tokenizer: str
    target_prefix: str = ""
    from_name: str = ""
    to_name: str = ""

    @property
    def model_dir(self) -> Path:
        """The CTranslate2 model directory."""
        return self.path / "model"

    @property
    def tokenizer_path(self) -> Path:
        """The SentencePiece model or BPE codes file."""
        return self.path / (SENTENCEPIECE_FILE if self.tokenizer == "sentencepiece" else BPE_FILE)


# --- where packages live -------------------------------------------------------------------


def _home() -> Path:
    """The home argostranslate uses (snap confinement has its own)."""
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def _xdg(variable: str, default: Path) -> Path:
    """An XDG base directory; unset or empty means the default, as the spec says."""
    value = os.environ.get(variable)
    return Path(value) if value else default


def _settings_packages_dir() -> Path | None:
    """``ARGOS_PACKAGES_DIR`` from argostranslate's ``settings.json``, if it sets one."""
    settings = _xdg("XDG_CONFIG_HOME", _home() / ".config") / "argos-translate" / "settings.json"
    try:
        data = json.loads(settings.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("ARGOS_PACKAGES_DIR") if isinstance(data, dict) else None
    return Path(value).expanduser() if isinstance(value, str) and value else None


def packages_dirs() -> list[Path]:
    """Directories searched for installed packages, most specific first.

    ``$ARGOS_PACKAGES_DIR``, then ``ARGOS_PACKAGES_DIR`` from argostranslate's settings.json,
    then ``$XDG_DATA_HOME/argos-translate/packages`` (``~/.local/share/…``). The first one is
    where :func:`install_package` installs, as argospm does.
    """
    candidates: list[Path] = []
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        candidates.append(Path(env).expanduser())
    configured = _settings_packages_dir()
    if configured is not None:
        candidates.append(configured)
    candidates.append(_xdg("XDG_DATA_HOME", _home() / ".local" / "share") / "argos-translate" / "packages")
    unique: list[Path] = []
    for candidate in candidates:
        if candidate not in unique:
            unique.append(candidate)
    return unique


# --- reading packages ----------------------------------------------------------------------


def _version_key(version: str) -> tuple[int, ...]:
    """A sortable key for ``"1.9"``, ``"1.10.2"``… (non-numeric parts sort first)."""
    return tuple(int(part) if part.isdigit() else -1 for part in re.split(r"[.\-_+]", version))


def _check_object(metadata: Any, where: str) -> dict[str, Any]:
    """A parsed ``metadata.json`` must be a JSON object."""
    if not isinstance(metadata, dict):
        raise ModelError(f"{where}: metadata.json is not a JSON object", hint=REINSTALL_HINT)
    return metadata


def _check_metadata(metadata: dict[str, Any], where: str) -> dict[str, Any]:
    """Validate a translation package's metadata; return it or raise :class:`ModelError`."""
    for key in ("from_code", "to_code"):
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ModelError(f"{where}: metadata.json has no valid {key!r}", hint=REINSTALL_HINT)
    for key in ("package_version", "target_prefix", "type", "from_name", "to_name"):
        if key in metadata and not isinstance(metadata[key], str):
            raise ModelError(f"{where}: metadata.json field {key!r} is not a string", hint=REINSTALL_HINT)
    return metadata


def _package_type(metadata: dict[str, Any]) -> str:
    """argostranslate's package type; missing means ``translate``."""
    value = metadata.get("type", "translate")
    return value if isinstance(value, str) else "translate"


def _directory_size(path: Path) -> int:
    """Total size of the regular files under ``path`` (symlinks not followed)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total


def _read_metadata(path: Path) -> dict[str, Any]:
    """Load and validate ``path/metadata.json``."""
    metadata_path = path / METADATA_FILE
    try:
        text = metadata_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelError(f"{path}: not an argos package (no metadata.json)", hint=REINSTALL_HINT) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{metadata_path}: cannot read metadata.json ({exc})", hint=REINSTALL_HINT) from exc
    try:
        metadata = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{metadata_path}: invalid JSON ({exc})", hint=REINSTALL_HINT) from exc
    return _check_object(metadata, str(metadata_path))


def read_package(path: Path) -> ModelPackage:
    """Read an extracted translation package directory; raise :class:`ModelError` if unusable."""
    path = Path(path)
    metadata = _read_metadata(path)
    if _package_type(metadata) != "translate":
        raise ModelError(
            f"{path}: a {_package_type(metadata)!r} package, not a translation package",
            hint="bilingual only uses argos translation packages",
        )
    _check_metadata(metadata, str(path / METADATA_FILE))
    if not (path / MODEL_FILE).is_file():
        raise ModelError(f"{path}: package has no {MODEL_FILE}", hint=REINSTALL_HINT)
    if (path / SENTENCEPIECE_FILE).is_file():
        tokenizer = "sentencepiece"
    elif (path / BPE_FILE).is_file():
        tokenizer = "bpe"
    else:
        raise ModelError(f"{path}: package has no {SENTENCEPIECE_FILE} or {BPE_FILE}", hint=REINSTALL_HINT)
    from_code = metadata["from_code"].strip()
    to_code = metadata["to_code"].strip()
    return ModelPackage(
        path=path,
        from_code=from_code,
        to_code=to_code,
        name=f"translate-{from_code}_{to_code}",
        package_version=metadata.get("package_version", "") or "",
        size_bytes=_directory_size(path),
        tokenizer=tokenizer,
        target_prefix=metadata.get("target_prefix", "") or "",
        from_name=metadata.get("from_name", "") or "",
        to_name=metadata.get("to_name", "") or "",
    )


def installed_packages(dirs: Iterable[Path] | None = None, *, warn: Warn | None = None) -> list[ModelPackage]:
    """Every usable translation package in ``dirs`` (default :func:`packages_dirs`), in order.

    A directory without a valid ``metadata.json``, model or tokenizer is skipped and described
    through ``warn`` (argostranslate crashes on those). Non-translation argos packages (legacy
    ``sbd``) and hidden directories (our unfinished installs) are skipped silently.
    """
    found: list[ModelPackage] = []
    for directory in packages_dirs() if dirs is None else dirs:
        directory = Path(directory)
        try:
            entries = sorted(entry for entry in directory.iterdir() if entry.is_dir())
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            if warn is not None:
                warn(f"{directory}: cannot list packages ({exc})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if _package_type(_read_metadata(entry)) != "translate":
                    continue
                found.append(read_package(entry))
            except ModelError as exc:
                if warn is not None:
                    warn(f"skipped {exc.message}")
    return found


def select_package(packages: Sequence[ModelPackage], src: str, tgt: str) -> ModelPackage | None:
    """The package for ``src``→``tgt``: the earliest directory wins, then the highest version."""
    matches = [p for p in packages if p.from_code == src and p.to_code == tgt]
    if not matches:
        return None
    first_dir = matches[0].path.parent
    return max((p for p in matches if p.path.parent == first_dir), key=lambda p: _version_key(p.package_version))


def find_package(src: str, tgt: str, dirs: Iterable[Path] | None = None) -> ModelPackage | None:
    """The installed package for ``src``→``tgt``, or ``None``."""
    return select_package(installed_packages(dirs), src, tgt)


# --- installing ----------------------------------------------------------------------------


def _invalid(file: Path, what: str, hint: str | None = None) -> ModelError:
    """The error for a file that is not a usable ``.argosmodel``."""
    return ModelError(
        f"{file}: not a valid .argosmodel ({what})",
        hint=hint or "the file is damaged or is not an Argos Translate package; download it again",
    )


def _member_parts(name: str) -> list[str] | None:
    """The path components of a zip member, or ``None`` if the name is unsafe to extract."""
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or re.match(r"^[A-Za-z]:", normalized):
        return None
    parts = [part for part in PurePosixPath(normalized).parts if part not in ("", ".")]
    if ".." in parts:
        return None
    return parts


def _inspect_archive(file: Path, archive: zipfile.ZipFile) -> tuple[str, dict[str, Any]]:
    """Validate an open package zip; return its top directory name and metadata."""
    infos = archive.infolist()
    if not infos:
        raise _invalid(file, "empty archive")
    _check_sizes(file, infos)
    tops: set[str] = set()
    files: set[str] = set()
    for info in infos:
        parts = _member_parts(info.filename)
        if parts is None:
            raise _invalid(file, f"unsafe member path {info.filename!r}")
        if not parts:
            continue
        if len(parts) == 1 and not info.is_dir():
            raise _invalid(file, f"file {info.filename!r} outside the package directory")
        tops.add(parts[0])
        if not info.is_dir():
            files.add("/".join(parts))
    if len(tops) != 1:
        listed = ", ".join(sorted(tops)[:5]) or "none"
        raise _invalid(file, f"expected exactly one top-level directory, found {len(tops)}: {listed}")
    top = tops.pop()
    if top.startswith("."):
        raise _invalid(file, f"hidden top-level directory {top!r}")
    metadata_name = f"{top}/{METADATA_FILE}"
    if metadata_name not in files:
        raise _invalid(file, f"no {metadata_name}")
    if f"{top}/{MODEL_FILE}" not in files:
        raise _invalid(file, f"no {top}/{MODEL_FILE}")
    if f"{top}/{SENTENCEPIECE_FILE}" not in files and f"{top}/{BPE_FILE}" not in files:
        raise _invalid(file, f"no {top}/{SENTENCEPIECE_FILE} or {top}/{BPE_FILE}")
    try:
        metadata = json.loads(archive.read(_original_name(archive, metadata_name)).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _invalid(file, f"{metadata_name} is not valid JSON: {exc}") from exc
    try:
        metadata = _check_object(metadata, metadata_name)
        if _package_type(metadata) != "translate":
            raise _invalid(file, f"a {_package_type(metadata)!r} package, not a translation package")
        _check_metadata(metadata, metadata_name)
    except ModelError as exc:
        if exc.message.startswith(f"{file}:"):
            raise
        raise _invalid(file, exc.message) from exc
    bad_member = archive.testzip()
    if bad_member is not None:
        raise _invalid(file, f"member {bad_member!r} fails its CRC check")
    return top, metadata


def _check_sizes(file: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb before anything is decompressed: too large once unpacked, or a member
    that compresses far better than any model does."""
    total = sum(info.file_size for info in infos)
    if total > _MAX_UNPACKED:
        raise _invalid(file, f"unpacks to {total // 2**20} MiB, more than the {_MAX_UNPACKED // 2**20} MiB limit")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1 << 20 and ratio > _MAX_RATIO:
            raise _invalid(file, f"member {info.filename!r} unpacks {ratio:.0f} times its packed size (a zip bomb?)")


def _extract(file: Path, archive: zipfile.ZipFile, staging: Path) -> None:
    """Extract every member, never writing more bytes than its header declares (headers checked
    by :func:`_check_sizes` could lie)."""
    for info in archive.infolist():
        parts = _member_parts(info.filename) or []
        target = staging.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with archive.open(info) as source, open(target, "wb") as out:
            while chunk := source.read(_DOWNLOAD_CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise _invalid(file, f"member {info.filename!r} is larger than its header says")
                out.write(chunk)


def _check_loads(file: Path, package: ModelPackage) -> None:
    """Load the model with CTranslate2, so a package whose model cannot be used is refused now
    rather than failing every later translation (skipped when CTranslate2 is not installed)."""
    try:
        import ctranslate2
    except ImportError:
        return
    try:
        translator = ctranslate2.Translator(str(package.model_dir), device="cpu")
    except (RuntimeError, ValueError, OSError) as exc:
        raise _invalid(file, f"its CTranslate2 model cannot be loaded: {exc}") from exc
    del translator


def _original_name(archive: zipfile.ZipFile, normalized: str) -> str:
    """The member name as stored, for a normalized ``top/file`` name."""
    for info in archive.infolist():
        parts = _member_parts(info.filename)
        if parts is not None and "/".join(parts) == normalized and not info.is_dir():
            return info.filename
    raise KeyError(normalized)


def _conflicts(dest_dir: Path, top: str, from_code: str, to_code: str) -> list[Path]:
    """Installed package dirs that the new one would replace: same name, or same pair."""
    conflicts = []
    if (dest_dir / top).exists():
        conflicts.append(dest_dir / top)
    for package in installed_packages([dest_dir]):
        same_pair = package.from_code == from_code and package.to_code == to_code
        if same_pair and package.path not in conflicts:
            conflicts.append(package.path)
    return conflicts


def install_package(file: Path, dest_dir: Path | None = None, *, force: bool = False) -> ModelPackage:
    """Validate ``file`` completely, then install it atomically into ``dest_dir``.

    ``dest_dir`` defaults to the first of :func:`packages_dirs` (where argospm installs). The
    archive is extracted to a hidden temporary directory next to the destination and renamed
    into place, so a failure never leaves a half-installed package. An installed package with
    the same directory name or language pair is only replaced when ``force`` is true.
    """
    file = Path(file)
    if not file.is_file():
        raise ModelError(f"{file}: no such file", hint="check the path of the .argosmodel file")
    if not zipfile.is_zipfile(file):
        raise _invalid(file, "not a zip archive; truncated or not a package")
    try:
        with zipfile.ZipFile(file) as archive:
            top, metadata = _inspect_archive(file, archive)
            needed = sum(info.file_size for info in archive.infolist())
            dest = Path(dest_dir) if dest_dir is not None else packages_dirs()[0]
            try:
                dest.mkdir(parents=True, exist_ok=True)
                free = shutil.disk_usage(dest).free
            except OSError as exc:
                raise ModelError(
                    f"{dest}: cannot create the packages directory ({exc})",
                    hint="set ARGOS_PACKAGES_DIR to a writable directory",
                ) from exc
            if needed > free:
                raise ModelError(
                    f"{dest}: not enough disk space to install {file.name} "
                    f"({needed // 2**20} MiB needed, {free // 2**20} MiB free)",
                    hint="free some space or set ARGOS_PACKAGES_DIR to another disk",
                )
            conflicts = _conflicts(dest, top, metadata["from_code"].strip(), metadata["to_code"].strip())
            if conflicts and not force:
                raise ModelError(
                    f"{conflicts[0]}: a {metadata['from_code']}→{metadata['to_code']} package "
                    "is already installed there",
                    hint="re-run with --force to replace it",
                )
            return _extract_and_swap(file, archive, dest, top, conflicts)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _invalid(file, f"unreadable zip: {exc}") from exc
    except OSError as exc:
        raise ModelError(f"{file}: cannot read the file ({exc})", hint="check the file and its permissions") from exc


def _extract_and_swap(file: Path, archive: zipfile.ZipFile, dest: Path, top: str, replaced: list[Path]) -> ModelPackage:
    """Extract beside ``dest`` and rename into place, removing ``replaced`` packages."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=".bilingual-install-", dir=dest))
    except OSError as exc:
        raise ModelError(f"{dest}: cannot write there ({exc})", hint="check the directory's permissions") from exc
    try:
        try:
            _extract(file, archive, staging)
        except OSError as exc:
            raise ModelError(f"{dest}: cannot extract {file.name} ({exc})", hint="check free space") from exc
        try:
            staged = read_package(staging / top)
        except ModelError as exc:
            raise _invalid(file, exc.message) from exc
        _check_loads(file, staged)
        trash = staging / ".replaced"
        try:
            trash.mkdir()
            for index, old in enumerate(replaced):
                os.replace(old, trash / str(index))
            os.replace(staging / top, dest / top)
        except OSError as exc:
            raise ModelError(
                f"{dest / top}: cannot move the package into place ({exc})",
                hint="check the directory's permissions",
            ) from exc
    except BaseException:
        _restore(staging / ".replaced", replaced)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return read_package(dest / top)


def _restore(trash: Path, replaced: list[Path]) -> None:
    """Put back packages moved aside by a failed forced install."""
    for index, old in enumerate(replaced):
        moved = trash / str(index)
        if moved.exists() and not old.exists():
            os.replace(moved, old)


# --- downloading ---------------------------------------------------------------------------


def _index_url() -> str:
    """The index argostranslate would use: ``$ARGOS_PACKAGE_INDEX`` (a base URL) or the default."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX")
    if base:
        return base.rstrip("/") + "/index.json"
    return ARGOS_INDEX_URL


def _offline(url: str, exc: BaseException) -> ModelError:
    """The error for an index that cannot be fetched."""
    return ModelError(f"cannot reach the argos package index (offline?): {url}: {exc}", hint=INSTALL_HINT)


_NETWORK_ERRORS = (urllib.error.URLError, OSError, http.client.HTTPException, ValueError)


def _http_url(url: object) -> bool:
    """Whether ``url`` is an http(s) URL (the only kinds we fetch)."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


def fetch_index(
    index_url: str | None = None, timeout: float = 15.0, *, deadline: float | None = None
) -> list[dict[str, Any]]:
    """Download the argos package index once and return its entries (within ``timeout`` seconds,
    or by ``deadline`` on the :func:`time.monotonic` clock)."""
    url = index_url or _index_url()
    if not _http_url(url):
        raise ModelError(f"{url}: the package index must be an http(s) URL", hint="check ARGOS_PACKAGE_INDEX")
    if deadline is None:
        deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        data = _fetch(request, None, deadline, url)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise ModelError(f"{url}: the argos package index {_http_status(exc)}", hint=INSTALL_HINT) from None
    except _NETWORK_ERRORS as exc:
        raise _offline(url, exc) from exc
    try:
        index = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{url}: the argos package index is not valid JSON ({exc})", hint=INSTALL_HINT) from exc
    if not isinstance(index, list):
        raise ModelError(f"{url}: the argos package index is not a JSON list", hint=INSTALL_HINT)
    return [entry for entry in index if isinstance(entry, dict)]


def _http_status(exc: urllib.error.HTTPError) -> str:
    """``was not found (HTTP 404)`` or ``was refused by the server (HTTP 503 …)``."""
    if exc.code in (404, 410):
        return f"was not found (HTTP {exc.code})"
    return f"was refused by the server (HTTP {exc.code} {exc.reason})"


def _fetch(request: urllib.request.Request, out: Any, deadline: float, url: str) -> bytes:
    """GET ``request`` and return the body, or stream it into ``out``; the whole transfer must
    end by ``deadline`` (a server that trickles bytes is cut off, not waited for per read)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("timed out")
    body = bytearray()
    with urllib.request.urlopen(request, timeout=remaining) as response:
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out: {url} did not finish within the --timeout")
            chunk = response.read1(_DOWNLOAD_CHUNK)
            if not chunk:
                break
            if out is None:
                body += chunk
            else:
                _write_chunk(out, chunk)
    return bytes(body)


def _pick_entry(index: list[dict[str, Any]], src: str, tgt: str) -> dict[str, Any] | None:
    """The newest translation package for the pair with at least one http(s) link."""
    matches = [
        entry
        for entry in index
        if entry.get("from_code") == src
        and entry.get("to_code") == tgt
        and _package_type(entry) == "translate"
        and isinstance(entry.get("links"), list)
        and any(_http_url(link) for link in entry["links"])
    ]
    if not matches:
        return None
    return max(matches, key=lambda entry: _version_key(str(entry.get("package_version", ""))))


def download_package(
    src: str,
    tgt: str,
    timeout: float = 15.0,
    dest_dir: Path | None = None,
    *,
    index_url: str | None = None,
    force: bool = False,
) -> ModelPackage:
    """Download the argos package for ``src``→``tgt`` and install it.

    Fetches the index once (``index_url`` defaults to argostranslate's), downloads the chosen
    package's first working link into a temporary file beside the destination, then hands it
    to :func:`install_package`. ``timeout`` is a deadline for all the network steps together.
    """
    if src == tgt:
        raise UsageError(f"--from and --to are both '{src}'", "give two different languages, e.g. --from es --to en")
    deadline = time.monotonic() + timeout
    url = index_url or _index_url()
    entry = _pick_entry(fetch_index(url, timeout, deadline=deadline), src, tgt)
    if entry is None:
        raise ModelError(
            f"{url}: the argos package index has no {src}→{tgt} translation package",
            hint=f"see {ARGOS_INDEX_PAGE} for the available pairs, or use --engine apertium",
        )
    dest = Path(dest_dir) if dest_dir is not None else packages_dirs()[0]
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(
            f"{dest}: cannot create the packages directory ({exc})",
            hint="set ARGOS_PACKAGES_DIR to a writable directory",
        ) from exc
    links = [link for link in entry["links"] if _http_url(link)]
    handle, temp_name = tempfile.mkstemp(prefix=".bilingual-download-", suffix=".argosmodel", dir=dest)
    temp = Path(temp_name)
    os.close(handle)
    try:
        with open(temp, "wb") as out:
            _download_first(links, out, deadline)
        return install_package(temp, dest, force=force)
    finally:
        temp.unlink(missing_ok=True)


def _download_first(links: list[str], out: Any, deadline: float) -> None:
    """Stream the first link that works into ``out`` by ``deadline``; raise :class:`ModelError`
    if none does (saying "not found" for a 404, "offline?" only for a network failure)."""
    failures: list[str] = []
    offline = False
    for link in links:
        request = urllib.request.Request(link, headers={"User-Agent": _USER_AGENT})
        out.seek(0)
        out.truncate()
        try:
            _fetch(request, out, deadline, link)
            return
        except urllib.error.HTTPError as exc:
            exc.close()
            failures.append(f"{link} {_http_status(exc)}")
        except _NETWORK_ERRORS as exc:
            offline = True
            failures.append(f"{link}: {exc}")
    what = "cannot download the argos package" + (" (offline?)" if offline else "")
    raise ModelError(f"{what}: {'; '.join(failures)}", hint=INSTALL_HINT)


def _write_chunk(out: Any, chunk: bytes) -> None:
    """Write downloaded bytes; a local write failure is not a network failure."""
    try:
        out.write(chunk)
    except OSError as exc:
        raise ModelError(
            f"{out.name}: cannot save the download ({exc})", hint="free some disk space and try again"
        ) from exc
