"""The built wheel holds every subpackage and every data file (packages are found, not listed)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_wheel_contains_every_subpackage_and_data_file(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip, "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("bilingual-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    source = REPO / "bilingual"
    packages = {p.parent for p in source.rglob("__init__.py") if "__pycache__" not in p.parts}
    assert len(packages) >= 9
    for package in packages:
        assert f"{package.relative_to(REPO).as_posix()}/__init__.py" in names, package
    data = [p for p in (source / "data").rglob("*") if p.is_file()]
    assert any(p.suffix == ".tsv" for p in data) and any(p.suffix == ".txt" for p in data)
    for path in data:
        assert path.relative_to(REPO).as_posix() in names, path
    modules = [p for p in source.rglob("*.py") if "__pycache__" not in p.parts]
    for module in modules:
        assert module.relative_to(REPO).as_posix() in names, module
