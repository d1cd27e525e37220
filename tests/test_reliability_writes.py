"""Fault injection on the atomic writer: interrupts and concurrent writers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bilingual.textio import atomic_write

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit, MemoryError])
def test_interrupt_mid_write_keeps_the_old_file(tmp_path: Path, interrupt: type[BaseException]) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")
    with pytest.raises(interrupt), atomic_write(str(target)) as out:
        out.write("half a new rep")
        raise interrupt
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    code = (
        "import sys\n"
        "from bilingual.textio import atomic_write\n"
        "with atomic_write(sys.argv[1]) as out:\n"
        "    for _ in range(2000):\n"
        "        out.write(sys.argv[2] * 100 + '\\n')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(target), letter], env=env) for letter in "abcdefgh"]
    assert [p.wait(timeout=120) for p in procs] == [0] * 8
    lines = target.read_text(encoding="utf-8").split("\n")
    assert lines.pop() == "" and len(lines) == 2000
    assert len(set(lines)) == 1 and len(lines[0]) == 100  # one writer's whole output, never a mix
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
