"""``models install`` refuses zip bombs and unloadable models, keeps a total deadline, and says
"not found" for a 404."""

from __future__ import annotations

import http.server
import json
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from argos_fixture import build_copy_package, package_dir_name
from click.testing import CliRunner

from bilingual.cli import cli
from bilingual.engines.packages import download_package, install_package
from bilingual.errors import ModelError, UsageError

TOP = package_dir_name("es", "en", "0.0.1")


@pytest.fixture(autouse=True)
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    return packages


@pytest.fixture(scope="module")
def package_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy_package(tmp_path_factory.mktemp("pkg"))


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """Copy a package, replacing (or adding) members, deflated."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in replace:
                new.writestr(info, old.read(info.filename))
        for name, data in replace.items():
            new.writestr(name, data)
    return target


def installed_files(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir()) if home.exists() else []


def test_zip_bomb_is_refused_before_extracting(package_file: Path, tmp_path: Path, argos_home: Path) -> None:
    bomb = rezip(package_file, tmp_path / "bomb.argosmodel", {f"{TOP}/padding.bin": bytes(64 << 20)})
    assert bomb.stat().st_size < 2 << 20
    start = time.perf_counter()
    with pytest.raises(ModelError, match="zip bomb"):
        install_package(bomb)
    assert time.perf_counter() - start < 5
    assert installed_files(argos_home) == []


def test_package_whose_model_cannot_load_is_refused(package_file: Path, tmp_path: Path, argos_home: Path) -> None:
    pytest.importorskip("ctranslate2")
    fake = rezip(package_file, tmp_path / "fake.argosmodel", {f"{TOP}/model/model.bin": b"not a model" * 100})
    with pytest.raises(ModelError, match="CTranslate2 model cannot be loaded"):
        install_package(fake)
    assert installed_files(argos_home) == []
    assert install_package(package_file).from_code == "es"  # the real one still installs


class Server:
    """A local HTTP server whose handler is given per test."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


class Trickle(http.server.BaseHTTPRequestHandler):
    """Serves an index pointing at a package that arrives one byte every 0.2 s."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        if self.path == "/index.json":
            host = self.headers["Host"]
            body = json.dumps([{"from_code": "es", "to_code": "en", "links": [f"http://{host}/slow.argosmodel"]}])
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if self.path == "/slow.argosmodel":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return
        self.send_error(404)


@pytest.fixture
def trickle() -> Iterator[str]:
    server = Server(Trickle)
    try:
        yield server.base
    finally:
        server.close()


def test_timeout_is_a_total_deadline(trickle: str, argos_home: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(ModelError, match="timed out"):
        download_package("es", "en", timeout=1.5, index_url=f"{trickle}/index.json")
    assert time.perf_counter() - start < 4  # each read is quick, but the whole must end by 1.5 s
    assert installed_files(argos_home) == []  # the partial download is gone


def test_404_says_not_found(trickle: str, argos_home: Path) -> None:
    with pytest.raises(ModelError) as err:
        download_package("es", "en", timeout=5, index_url=f"{trickle}/missing.json")
    assert "was not found (HTTP 404)" in err.value.message and "offline" not in err.value.message


def test_same_language_pair_is_refused_before_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("went to the network")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    with pytest.raises(UsageError):
        download_package("es", "es", timeout=5)
    result = CliRunner().invoke(cli, ["models", "install", "--from", "es", "--to", "es"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
