"""Tests for argos packages (bilingual.engines.packages) and the argos engine, with a tiny copy model.

The fixture package (tests/argos_fixture.py) is a real ``.argosmodel`` whose CTranslate2
model copies its input, so "translation" must give back every sentence exactly.
"""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argos_fixture import BPE_CODES, build_copy_package, package_dir_name

from bilingual.engines import argos as argos_engine
from bilingual.engines.argos import ArgosEngine, is_degenerate_repetition
from bilingual.engines.base import Engine, Translation
from bilingual.engines.packages import (
    ModelPackage,
    download_package,
    find_package,
    install_package,
    installed_packages,
    packages_dirs,
)
from bilingual.errors import EngineError, ModelError

pytest.importorskip("ctranslate2")
pytest.importorskip("sentencepiece")

DOCUMENT = [
    "El alcalde dijo que el puente cerrará el lunes.",
    "¿Dónde está la estación?",
    "",
    "Llegaron 1.250 personas a las 9:30 a. m.",
    "   ",
    "Pingüino, cigüeña y ñandú: ¡qué sorpresa!",
    "The mayor said the bridge will close on Monday.",
    "Emoji 😀🇲🇽 and CJK 漢字 and symbols ©®™ → ok",
    "x",
    '"Sí," dijo ella — «quizá».',
    "Width: 12 cm, height: 7 cm; total $4.99 (85 pesos).",
]


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every argos location into ``tmp_path``; return the packages dir."""
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    monkeypatch.delenv("SNAP", raising=False)
    argos_engine.clear_model_cache()
    yield packages
    argos_engine.clear_model_cache()


@pytest.fixture(scope="module")
def package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The es→en copy package, built once for the module."""
    return build_copy_package(tmp_path_factory.mktemp("pkg"))


@pytest.fixture
def installed(package_file: Path, argos_home: Path) -> ModelPackage:
    """The copy package installed into the temporary ARGOS_PACKAGES_DIR."""
    return install_package(package_file)


class CountingTranslator:
    """Wraps a ctranslate2.Translator and counts ``translate_batch`` calls."""

    def __init__(self, translator: Any) -> None:
        self.translator = translator
        self.calls: list[int] = []

    def translate_batch(self, source: list[list[str]], *args: Any, **kwargs: Any) -> Any:
        self.calls.append(len(source))
        return self.translator.translate_batch(source, *args, **kwargs)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[CountingTranslator]:
    """Every translator the engine opens, wrapped to count calls."""
    opened: list[CountingTranslator] = []
    real_open = argos_engine._open_translator

    def counting_open(model_dir: Path, **options: Any) -> CountingTranslator:
        opened.append(CountingTranslator(real_open(model_dir, **options)))
        return opened[-1]

    monkeypatch.setattr(argos_engine, "_open_translator", counting_open)
    return opened


def _files_in(directory: Path) -> list[str]:
    """Everything left in ``directory`` (including hidden staging dirs), for leak checks."""
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


# --- the fixture model ---------------------------------------------------------------------


def test_fixture_package_is_small_and_quick_to_build(tmp_path: Path) -> None:
    start = time.perf_counter()
    path = build_copy_package(tmp_path, "en", "es", "0.0.2")
    elapsed = time.perf_counter() - start
    assert path.name == "translate-en_es-0_0_2.argosmodel"
    assert path.stat().st_size < 300_000
    assert elapsed < 1.0
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    top = package_dir_name("en", "es", "0.0.2")
    assert {f"{top}/metadata.json", f"{top}/sentencepiece.model", f"{top}/model/model.bin"} <= names


# --- listing and installing ----------------------------------------------------------------


def test_packages_dirs_env_first_then_xdg(tmp_path: Path, argos_home: Path) -> None:
    assert packages_dirs() == [argos_home, tmp_path / "data" / "argos-translate" / "packages"]


def test_packages_dirs_reads_argos_settings_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    settings = tmp_path / "config" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "custom")}))
    assert packages_dirs() == [tmp_path / "custom", tmp_path / "data" / "argos-translate" / "packages"]


def test_install_list_and_find(installed: ModelPackage, argos_home: Path) -> None:
    top = package_dir_name("es", "en", "0.0.1")
    assert installed.path == argos_home / top
    assert (installed.from_code, installed.to_code) == ("es", "en")
    assert installed.name == "translate-es_en"
    assert installed.package_version == "0.0.1"
    assert installed.tokenizer == "sentencepiece"
    assert installed.size_bytes > 10_000
    assert _files_in(argos_home) == [top]
    assert installed_packages() == [installed]
    assert find_package("es", "en") == installed
    assert find_package("en", "es") is None


def test_reinstall_refused_unless_forced(package_file: Path, installed: ModelPackage, argos_home: Path) -> None:
    marker = installed.path / "marker"
    marker.write_text("old")
    with pytest.raises(ModelError) as err:
        install_package(package_file)
    assert "already installed" in err.value.message
    assert "--force" in (err.value.hint or "")
    assert marker.exists()
    again = install_package(package_file, force=True)
    assert again.path == installed.path
    assert not marker.exists()
    assert _files_in(argos_home) == [installed.path.name]


def test_newer_version_of_same_pair_replaces_only_with_force(
    tmp_path: Path, installed: ModelPackage, argos_home: Path
) -> None:
    newer = build_copy_package(tmp_path, version="0.0.2")
    with pytest.raises(ModelError, match="es→en package is already installed"):
        install_package(newer)
    package = install_package(newer, force=True)
    assert package.package_version == "0.0.2"
    assert _files_in(argos_home) == [package.path.name]


def test_junk_dirs_are_skipped_with_a_warning(installed: ModelPackage, argos_home: Path) -> None:
    (argos_home / "junk").mkdir()
    bad_json = argos_home / "bad-json"
    bad_json.mkdir()
    (bad_json / "metadata.json").write_text("{not json")
    no_model = argos_home / "no-model"
    no_model.mkdir()
    (no_model / "metadata.json").write_text(json.dumps({"from_code": "es", "to_code": "fr"}))
    sbd = argos_home / "sbd-legacy"
    sbd.mkdir()
    (sbd / "metadata.json").write_text(json.dumps({"type": "sbd", "from_codes": ["es"]}))
    (argos_home / ".bilingual-install-abc").mkdir()
    (argos_home / "stray-file.txt").write_text("x")

    warnings: list[str] = []
    assert installed_packages(warn=warnings.append) == [installed]
    assert len(warnings) == 3, warnings
    joined = "\n".join(warnings)
    assert f"{argos_home / 'junk'}: not an argos package (no metadata.json)" in joined
    assert str(bad_json / "metadata.json") in joined and "invalid JSON" in joined
    assert "no model/model.bin" in joined


def test_missing_packages_dir_is_not_an_error(argos_home: Path) -> None:
    warnings: list[str] = []
    assert installed_packages(warn=warnings.append) == []
    assert warnings == []


# --- corrupt packages ----------------------------------------------------------------------


def _rezip(source: Path, target: Path, *, drop: str = "", extra: dict[str, bytes] | None = None) -> Path:
    """Copy the package zip to ``target``, leaving out members ending in ``drop``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if drop and info.filename.endswith(drop):
                continue
            new.writestr(info, old.read(info.filename))
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def _corrupt_variants(package_file: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    """Broken packages and the words their error must contain."""
    top = package_dir_name("es", "en", "0.0.1")
    not_zip = tmp / "not-a-zip.argosmodel"
    not_zip.write_text("this is not a zip file\n")
    truncated = tmp / "truncated.argosmodel"
    truncated.write_bytes(package_file.read_bytes()[: package_file.stat().st_size // 2])
    bad_json = _rezip(package_file, tmp / "bad-json.argosmodel", drop="metadata.json")
    with zipfile.ZipFile(bad_json, "a") as archive:
        archive.writestr(f"{top}/metadata.json", "{'from_code': 'es',}")
    no_codes = _rezip(
        package_file,
        tmp / "no-codes.argosmodel",
        drop="metadata.json",
        extra={f"{top}/metadata.json": b'{"from_code": "es"}'},
    )
    slip = _rezip(package_file, tmp / "slip.argosmodel", extra={f"{top}/../../evil.txt": b"gotcha"})
    absolute = _rezip(package_file, tmp / "absolute.argosmodel", extra={"/tmp/evil.txt": b"gotcha"})
    two_tops = _rezip(package_file, tmp / "two-tops.argosmodel", extra={"other/file.txt": b"x"})
    crc = tmp / "crc.argosmodel"
    with zipfile.ZipFile(crc, "w", compression=zipfile.ZIP_STORED) as archive, zipfile.ZipFile(package_file) as old:
        for info in old.infolist():
            archive.writestr(info.filename, old.read(info.filename))
    data = bytearray(crc.read_bytes())
    marker = data.index(b"Test fixture: copies")
    data[marker] ^= 0xFF
    crc.write_bytes(bytes(data))
    return {
        "not a zip": (not_zip, "not a zip archive"),
        "truncated": (truncated, "not a zip archive"),
        "no metadata": (_rezip(package_file, tmp / "no-meta.argosmodel", drop="metadata.json"), "metadata.json"),
        "bad json": (bad_json, "not valid JSON"),
        "no codes": (no_codes, "'to_code'"),
        "no model": (_rezip(package_file, tmp / "no-model.argosmodel", drop="model.bin"), "model/model.bin"),
        "no tokenizer": (
            _rezip(package_file, tmp / "no-tok.argosmodel", drop="sentencepiece.model"),
            "sentencepiece.model or",
        ),
        "zip slip": (slip, "unsafe member path"),
        "absolute": (absolute, "unsafe member path"),
        "two tops": (two_tops, "exactly one top-level directory"),
        "crc": (crc, "CRC"),
    }


def test_corrupt_packages_are_refused_before_installing(package_file: Path, tmp_path: Path, argos_home: Path) -> None:
    broken_dir = tmp_path / "broken"
    broken_dir.mkdir()
    for label, (path, words) in _corrupt_variants(package_file, broken_dir).items():
        with pytest.raises(ModelError) as err:
            install_package(path)
        message = err.value.message
        assert message.startswith(f"{path}: not a valid .argosmodel ("), (label, message)
        assert words in message, (label, message)
        assert err.value.hint, label
        assert _files_in(argos_home) == [], label
    assert not (tmp_path / "evil.txt").exists()


def test_missing_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such file"):
        install_package(tmp_path / "nope.argosmodel")


# --- translating ---------------------------------------------------------------------------


def test_engine_copies_document_sentence_for_sentence(installed: ModelPackage, loads: list[CountingTranslator]) -> None:
    engine = ArgosEngine()
    assert isinstance(engine, Engine)
    assert engine.name == "argos"
    assert engine.supports("es", "en") and not engine.supports("en", "es")
    assert engine.model_version("es", "en") == "translate-es_en 0.0.1"

    result = engine.translate_batch(DOCUMENT, "es", "en")
    assert len(result) == len(DOCUMENT)
    for sentence, translation in zip(DOCUMENT, result, strict=True):
        assert translation == Translation(sentence.strip()), sentence

    assert len(loads) == 1
    non_blank = sum(1 for s in DOCUMENT if s.strip())
    assert loads[0].calls == [non_blank]

    # A second call and a second engine reuse the loaded model.
    assert ArgosEngine(beam_size=1).translate_batch(DOCUMENT[:2], "es", "en")[1].text == DOCUMENT[1]
    engine.translate_batch(["Hola."], "es", "en")
    assert len(loads) == 1
    assert loads[0].calls == [non_blank, 2, 1]


def test_blank_sentences_never_reach_the_model(installed: ModelPackage, loads: list[CountingTranslator]) -> None:
    engine = ArgosEngine(packages=[installed])
    assert engine.translate_batch(["", "  ", "\n"], "es", "en") == [Translation("")] * 3
    assert engine.translate_batch([], "es", "en") == []
    assert loads == []


def test_explicit_packages_are_used_without_scanning(package_file: Path, tmp_path: Path, argos_home: Path) -> None:
    elsewhere = install_package(package_file, tmp_path / "elsewhere")
    assert installed_packages() == []
    engine = ArgosEngine(packages=[elsewhere])
    assert engine.translate_batch(["¡Hola, mundo!"], "es", "en") == [Translation("¡Hola, mundo!")]


def test_missing_pair_is_an_engine_error(argos_home: Path) -> None:
    engine = ArgosEngine()
    assert not engine.supports("es", "en")
    with pytest.raises(EngineError) as err:
        engine.translate_batch(["Hola."], "es", "en")
    assert err.value.message == "no argos model for es→en"
    assert "bilingual models install FILE.argosmodel" in (err.value.hint or "")
    assert "--engine apertium" in (err.value.hint or "")
    with pytest.raises(EngineError):
        engine.model_version("es", "en")


def test_engine_warnings_list_skipped_packages(installed: ModelPackage, argos_home: Path) -> None:
    (argos_home / "junk").mkdir()
    warnings: list[str] = []
    engine = ArgosEngine(warn=warnings.append)
    assert engine.supports("es", "en")
    assert len(warnings) == 1 and "junk" in warnings[0]


def test_ctranslate2_failure_is_an_engine_error(installed: ModelPackage) -> None:
    # The fixture model has 512 learned positions; CTranslate2 refuses longer inputs.
    with pytest.raises(EngineError, match="CTranslate2 failed to translate"):
        ArgosEngine().translate_batch(["a " * 600], "es", "en")


def test_broken_model_file_is_a_model_error(installed: ModelPackage) -> None:
    (installed.path / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="cannot load the CTranslate2 model"):
        ArgosEngine().translate_batch(["Hola."], "es", "en")


class FakeResult:
    """Stands in for ``ctranslate2.TranslationResult``."""

    def __init__(self, hypothesis: list[str]) -> None:
        self.hypotheses = [hypothesis]


class FakeCopyTranslator:
    """Copies like the fixture model, but records its arguments and knows no position limit."""

    def __init__(self) -> None:
        self.kwargs: dict[str, Any] = {}

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> list[FakeResult]:
        self.kwargs = kwargs
        prefixes = kwargs["target_prefix"] or [[] for _ in source]
        limit = kwargs["max_input_length"]
        return [FakeResult([*prefix, *tokens[:limit], "</s>"]) for prefix, tokens in zip(prefixes, source, strict=True)]


def test_target_prefix_and_long_inputs(installed: ModelPackage, monkeypatch: pytest.MonkeyPatch) -> None:
    metadata = json.loads((installed.path / "metadata.json").read_text())
    (installed.path / "metadata.json").write_text(json.dumps({**metadata, "target_prefix": "__en__"}))
    package = find_package("es", "en")
    assert package is not None and package.target_prefix == "__en__"
    fake = FakeCopyTranslator()
    monkeypatch.setattr(argos_engine, "_open_translator", lambda model_dir, **options: fake)

    long_sentence = "a " * 1100
    result = ArgosEngine(beam_size=3, packages=[package]).translate_batch(["Hola.", long_sentence], "es", "en")
    assert result[0] == Translation("Hola.")
    assert result[1].flags == ("truncated",)
    assert fake.kwargs["target_prefix"] == [["__en__"], ["__en__"]]
    assert fake.kwargs["beam_size"] == 3
    assert fake.kwargs["max_decoding_length"] == 2 * 1024 + 10 + 1
    assert fake.kwargs["return_end_token"] is True


# --- degenerate output ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tokens", "source", "expected"),
    [
        (["▁the"] * 4, "el", True),
        (["▁the"] * 3, "el", False),
        (["▁I", "▁said", "▁no", "▁no", "▁no", "▁no", "."], "dije que no", True),
        (["▁a", "▁b"] * 4, "x", True),
        (["▁a", "▁b", "▁c", "▁d"] * 4, "x", True),
        (["▁a", "▁b", "▁c", "▁d", "▁e"] * 4, "x", False),  # n-grams longer than 4 are not checked
        (["▁ja"] * 5, "¡jajajajaja!", False),  # the source has the same run
        (["▁ja"] * 6, "¡jajajajaja!", True),  # … but not that long
        (["▁!"] * 5, "¡¡¡!!!!!", False),
        (["▁very"] * 4, "muy muy muy muy", False),  # the source repeats as much
        (["▁very"] * 5, "muy muy muy muy", True),
        (["▁1", "0"] * 4, "cien", True),
        ([], "", False),
    ],
)
def test_repetition_detector(tokens: list[str], source: str, expected: bool) -> None:
    assert is_degenerate_repetition(tokens, source) is expected


def test_repetition_detector_uses_the_decoder_for_byte_pieces() -> None:
    emoji = ["<0xF0>", "<0x9F>", "<0x98>", "<0x80>"]

    def decode(pieces: list[str]) -> str:
        return bytes(int(p[3:5], 16) for p in pieces).decode("utf-8", "replace")

    assert not is_degenerate_repetition(emoji * 4, "😀😀😀😀", decode=decode)
    assert is_degenerate_repetition(emoji * 4, "😀", decode=decode)


def test_repetition_detector_is_fast_on_long_runs() -> None:
    start = time.perf_counter()
    assert not is_degenerate_repetition(["▁x"] * 3000, "x" * 3000)
    assert time.perf_counter() - start < 1.0


def test_runaway_model_output_is_flagged_not_dropped(tmp_path: Path, argos_home: Path) -> None:
    stutter = install_package(build_copy_package(tmp_path, stutter=True))
    engine = ArgosEngine(packages=[stutter])
    result = engine.translate_batch(["La jueza negó.", "", "La policía."], "es", "en")
    assert [t.flags for t in result] == [("degenerate",), (), ("degenerate",)]
    # Every step copies the first piece, "▁L", until the length limit (2 × 9 + 10 pieces).
    assert result[0].text == " ".join(["L"] * 28)
    assert result[1] == Translation("")


# --- BPE packages --------------------------------------------------------------------------


def test_bpe_segmentation_matches_argostranslate(tmp_path: Path) -> None:
    apply_bpe = pytest.importorskip("argostranslate.apply_bpe")
    codes = tmp_path / "bpe.model"
    codes.write_text(BPE_CODES, encoding="utf-8")
    ours = argos_engine._BytePairEncoder(codes)
    with codes.open(encoding="utf-8") as handle:
        theirs = apply_bpe.BPE(handle)
    words = ["Hola", "mundo", "Honduras", "lenos", "a", "ossos", "Homunado", ","]
    assert ours.segment(words) == theirs.segment_tokens(words)


def test_bpe_package_round_trips(tmp_path: Path, argos_home: Path) -> None:
    pytest.importorskip("sacremoses")
    package = install_package(build_copy_package(tmp_path, tokenizer="bpe"))
    assert package.tokenizer == "bpe"
    sentences = ["Hola, mundo.", "El alcalde dijo que no.", "Honduras y Guatemala."]
    result = ArgosEngine(packages=[package]).translate_batch(sentences, "es", "en")
    assert [t.text for t in result] == sentences
    assert all(t.flags == () for t in result)


# --- downloading ---------------------------------------------------------------------------


@pytest.fixture
def index_server(package_file: Path, tmp_path: Path) -> Iterator[str]:
    """A local HTTP server with a fake argos index and the fixture package; yields its base URL."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "es_en.argosmodel").write_bytes(package_file.read_bytes())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(root))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    index = [
        {"type": "translate", "from_code": "en", "to_code": "es", "package_version": "9.9", "links": []},
        {
            "from_code": "es",
            "to_code": "en",
            "package_version": "0.0.1",
            "links": [f"{base}/es_en.argosmodel"],
        },
        {"type": "sbd", "from_code": "es", "to_code": "en", "links": [f"{base}/nothing"]},
    ]
    (root / "index.json").write_text(json.dumps(index))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        return


def _handler_for(root: Path) -> type[_QuietHandler]:
    """A handler class serving ``root``."""

    class Handler(_QuietHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

    return Handler


def test_download_installs_from_the_index(index_server: str, argos_home: Path) -> None:
    package = download_package("es", "en", timeout=5.0, index_url=f"{index_server}/index.json")
    assert package.path.parent == argos_home
    assert (package.from_code, package.to_code, package.package_version) == ("es", "en", "0.0.1")
    assert _files_in(argos_home) == [package.path.name]  # the temporary download is gone
    assert ArgosEngine().translate_batch(["¿Qué tal?"], "es", "en") == [Translation("¿Qué tal?")]


def test_download_pair_not_in_index(index_server: str, argos_home: Path) -> None:
    with pytest.raises(ModelError, match="has no en→fr translation package"):
        download_package("en", "fr", timeout=5.0, index_url=f"{index_server}/index.json")
    with pytest.raises(ModelError, match="has no en→es"):  # listed, but without links
        download_package("en", "es", timeout=5.0, index_url=f"{index_server}/index.json")
    assert _files_in(argos_home) == []


def test_download_broken_link(index_server: str, tmp_path: Path, argos_home: Path) -> None:
    index = [{"from_code": "es", "to_code": "en", "links": [f"{index_server}/missing.argosmodel"]}]
    (tmp_path / "www" / "broken.json").write_text(json.dumps(index))
    with pytest.raises(ModelError, match="cannot download the argos package"):
        download_package("es", "en", timeout=5.0, index_url=f"{index_server}/broken.json")
    assert _files_in(argos_home) == []


def test_offline_index_is_a_clear_model_error(argos_home: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(ModelError) as err:
        download_package("es", "en", timeout=2.0, index_url="http://127.0.0.1:9/index.json")
    assert err.value.message.startswith("cannot reach the argos package index (offline?)")
    assert err.value.hint == ("download the .argosmodel elsewhere and run `bilingual models install FILE.argosmodel`")
    assert time.perf_counter() - start < 5
    assert _files_in(argos_home) == []


# --- import hygiene ------------------------------------------------------------------------


def test_importing_does_not_import_argostranslate_or_ctranslate2() -> None:
    code = (
        "import sys, bilingual.engines.packages, bilingual.engines.argos\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('argostranslate', 'ctranslate2', 'torch')]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
