"""Hardening: no input is ever overwritten, glossary edits never lose entries, outputs are
written atomically without clobbering special files or widening permissions."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run

from bilingual.errors import OutputError
from bilingual.glossary.model import load_file
from bilingual.textio import atomic_write, check_not_input

ROOT = Path(__file__).resolve().parents[1]
ES = "El alcalde habló ayer en Ciudad Juárez. Dijo que no hay datos.\n\nNadie sabe nada.\n"
EN = "The mayor spoke yesterday in Ciudad Juárez. He said there is no data.\n\nNobody knows anything.\n"
GLOSSARY = "# test\nes\ten\ttype\tnote\nCiudad Juárez\tCiudad Juárez\tplace\t\n"


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


# -- 3. atomic writes ------------------------------------------------------------------------


def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o600)
    with atomic_write(str(report)) as out:
        out.write("new")
    assert report.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        with atomic_write(str(tmp_path / "new.txt")) as out:
            out.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(str(link)) as out:
        out.write("new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with atomic_write(str(fifo)) as out:
        out.write("through the pipe\n")
    assert reader.communicate(timeout=30)[0] == b"through the pipe\n"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def device(tmp_path: Path, name: str, minor: int) -> str:
    """A private copy of /dev/null (minor 3) or /dev/full (minor 7) when root, so a broken writer
    replaces only the copy; other users cannot replace the real ones anyway."""
    if os.geteuid() != 0:
        return f"/dev/{name}"
    path = tmp_path / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return str(path)


def test_character_device_stays_a_device(tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    with atomic_write(null) as out:
        out.write("x")
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_disk_full_is_one_error_line(files: dict[str, Path], tmp_path: Path) -> None:
    full = device(tmp_path, "full", 7)
    with pytest.raises(OutputError, match="No space left"), atomic_write(full) as out:
        out.write("x" * 10000)
    code, _, err = run("split", str(files["es"]), "--from", "es", "-o", full)
    assert code == 1 and err.startswith(f"Error: {full}: cannot write") and err.count("\n") == 1
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_stdout_to_dev_full_is_one_error_line(files: dict[str, Path], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(device(tmp_path, "full", 7), "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "bilingual", "split", str(files["es"]), "--from", "es"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.startswith("Error: stdout: cannot write") and err.count("\n") == 1


def test_failed_write_leaves_no_temp_and_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(str(target)) as out:
        out.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_temp_left_by_a_kill_is_cleaned_on_next_write(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code = (
        "import os, sys\n"
        "from bilingual.textio import atomic_write\n"
        "with atomic_write(sys.argv[1]) as out:\n"
        "    out.write('half'); out.flush(); os.kill(os.getpid(), 9)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code, str(target)], env=env, timeout=60)
    assert proc.returncode == -9
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert len(leftovers) == 1 and leftovers[0].startswith(".out.txt.") and not target.exists()
    with atomic_write(str(target)) as out:
        out.write("whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_listing_to_a_full_disk_is_one_error_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(device(tmp_path, "full", 7), "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "bilingual", "glossary", "list"], stdout=full, stderr=subprocess.PIPE, env=env
        )
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err == "Error: cannot write output (No space left on device)\n"


def test_ctrl_c_exits_130_with_one_line() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilingual", "split", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    wchan = Path(f"/proc/{proc.pid}/wchan")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until it blocks reading stdin (imports done)
        if wchan.exists() and "pipe_read" in wchan.read_text():
            break
        time.sleep(0.05)
    else:
        time.sleep(3)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, b"", b"Error: interrupted\n")


# -- glossary import at scale ----------------------------------------------------------------


def test_import_of_10k_rows_is_fast_and_repeatable(tmp_path: Path) -> None:
    csv = tmp_path / "big.csv"
    csv.write_text("".join(f"término {i},term {i}\n" for i in range(10_000)), encoding="utf-8")
    start = time.perf_counter()
    code, out, err = run("glossary", "import", str(csv))
    assert (code, err) == (0, "") and "Imported 10000 entries" in out
    assert time.perf_counter() - start < 5.0  # was 347 s: every row scanned every entry
    code, out, _ = run("glossary", "import", str(csv))
    assert code == 0 and "Imported 0 entries" in out and "10000 already there" in out
    forced = tmp_path / "forced.csv"
    forced.write_text("".join(f"término {i},other {i}\n" for i in range(0, 10_000, 2)), encoding="utf-8")
    code, out, _ = run("glossary", "import", str(forced), "--force")
    assert code == 0 and "Imported 5000 entries" in out and "5000 replaced" in out
    entries = load_file(user_dir() / "user.tsv")
    assert len(entries) == 10_000
    assert sum(e.en[0].startswith("other") for e in entries) == 5000
    assert time.perf_counter() - start < 15.0
