"""The layout docs/architecture.md describes holds: no private imports across modules, no
library module importing the CLI, and every module named in the map."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MODULES = sorted(p for p in (REPO / "bilingual").rglob("*.py") if "__pycache__" not in p.parts)
ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every ``from bilingual… import name`` in ``path``."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bilingual"):
            out.extend((node.module, alias.name) for alias in node.names)
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_private_names_from_other_modules(path: Path) -> None:
    private = [f"{m}.{name}" for m, name in _imports(path) if name.startswith("_") and not name.startswith("__")]
    assert not private, f"{path.relative_to(REPO)} imports private names: {private}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_library_does_not_import_the_cli(path: Path) -> None:
    relative = path.relative_to(REPO / "bilingual").as_posix()
    if relative.startswith("cli/") or relative == "__main__.py":
        return
    assert not [m for m, _ in _imports(path) if m.startswith("bilingual.cli")], relative


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_module_is_on_the_map(path: Path) -> None:
    if path.name in ("__init__.py", "__main__.py"):
        return
    relative = path.relative_to(REPO / "bilingual")
    named = f"`{relative.as_posix()}`" in ARCHITECTURE or f"`{path.name}`" in ARCHITECTURE
    named = named or f"`{path.stem}`" in ARCHITECTURE
    assert named, f"docs/architecture.md does not say where {relative} fits"
