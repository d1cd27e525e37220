"""Hardening: no input is ever overwritten, glossary edits never lose entries, outputs are
written atomically without clobbering special files or widening permissions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import cli
from bilingual.errors import OutputError
from bilingual.glossary.model import load_file
from bilingual.textio import check_not_input

ROOT = Path(__file__).resolve().parents[1]
ES = "El alcalde habló ayer en Ciudad Juárez. Dijo que no hay datos.\n\nNadie sabe nada.\n"
EN = "The mayor spoke yesterday in Ciudad Juárez. He said there is no data.\n\nNobody knows anything.\n"
GLOSSARY = "# test\nes\ten\ttype\tnote\nCiudad Juárez\tCiudad Juárez\tplace\t\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {"es": tmp_path / "es.txt", "en": tmp_path / "en.txt", "g": tmp_path / "g.tsv"}
    out["es"].write_text(ES, encoding="utf-8")
    out["en"].write_text(EN, encoding="utf-8")
    out["g"].write_text(GLOSSARY, encoding="utf-8")
    return out


def user_dir() -> Path:
    return Path(os.environ["BILINGUAL_GLOSSARY_DIR"])


# -- 1. no input ever overwritten ------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["translate", "{es}", "--engine", "apertium", "--from", "es"],
        ["align", "{es}", "{en}", "--engine", "none", "--from", "es", "--to", "en"],
        ["review", "{es}", "--source", "{en}", "--engine", "none", "--from", "es"],
        ["quotes", "{es}", "--from", "es"],
    ],
)
def test_output_onto_a_glossary_file_is_refused(files: dict[str, Path], command: list[str]) -> None:
    args = [a.format(**files) for a in command]
    code, _out, err = run(*args, "--glossary-file", str(files["g"]), "-o", str(files["g"]))
    assert code == 1, err
    assert err.startswith("Error: ") and "would overwrite the input file" in err and err.count("\n") == 1
    assert files["g"].read_text(encoding="utf-8") == GLOSSARY


@pytest.mark.parametrize(
    "command",
    [
        ["split", "{es}", "--from", "es"],
        ["quotes", "{es}", "--from", "es", "--no-glossary"],
        ["align", "{es}", "{en}", "--engine", "none", "--from", "es", "--to", "en"],
        ["glossary", "export"],
    ],
)
def test_output_onto_the_user_glossary_is_refused_even_before_it_exists(
    files: dict[str, Path], command: list[str]
) -> None:
    target = user_dir() / "user.tsv"
    code, _, err = run(*[a.format(**files) for a in command], "-o", str(target))
    assert code == 1 and "would overwrite the input file" in err
    assert not target.exists()


def test_output_onto_an_existing_user_glossary_file_is_refused(files: dict[str, Path]) -> None:
    mine = user_dir() / "team.tsv"
    mine.write_text(GLOSSARY, encoding="utf-8")
    code, _, err = run("split", str(files["es"]), "--from", "es", "-o", str(mine))
    assert code == 1 and "would overwrite" in err
    code, _, err = run("glossary", "export", "-o", str(mine))
    assert code == 1 and "would overwrite" in err
    assert mine.read_text(encoding="utf-8") == GLOSSARY


def test_guard_sees_through_symlinks_hard_links_and_dot_paths(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(files["es"])
    hard = tmp_path / "hard.txt"
    os.link(files["es"], hard)
    monkeypatch.chdir(tmp_path)
    for output in (str(link), str(hard), "./es.txt", "sub/../es.txt"):
        with pytest.raises(OutputError, match="would overwrite"):
            check_not_input(output, ["es.txt"])
    check_not_input("other.txt", ["es.txt"])


def test_symlinked_glossary_dir_is_guarded(files: dict[str, Path], tmp_path: Path) -> None:
    (user_dir() / "user.tsv").write_text(GLOSSARY, encoding="utf-8")
    alias = tmp_path / "alias"
    alias.symlink_to(user_dir())
    code, _, err = run("split", str(files["es"]), "--from", "es", "-o", str(alias / "user.tsv"))
    assert code == 1 and "would overwrite" in err
    assert (user_dir() / "user.tsv").read_text(encoding="utf-8") == GLOSSARY


# -- 2. concurrent glossary edits ------------------------------------------------------------


def test_concurrent_adds_keep_every_entry() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bilingual", "glossary", "add", f"Nombre{i}", f"Name{i}", "--type", "person"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(8)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    entries = load_file(user_dir() / "user.tsv")
    assert sorted(e.es[0] for e in entries) == sorted(f"Nombre{i}" for i in range(8))


def test_add_into_an_uncreatable_glossary_dir_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _out, err = run("glossary", "--glossary-dir", str(blocker / "sub"), "add", "a", "b", "--type", "term")
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_add_into_a_read_only_glossary_dir_is_an_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        code, _, err = run("glossary", "--glossary-dir", str(ro), "add", "a", "b", "--type", "term")
    finally:
        ro.chmod(0o755)
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1
