"""README and ``--help`` stay in sync (as sqlite-utils' test_docs does): every command is
documented, every option the README shows exists (and is not a hidden old spelling), and every
command's help renders."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bilingual.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], click.Command]:
    out: dict[tuple[str, ...], click.Command] = {}
    for name, command in group.commands.items():
        path = (*prefix, name)
        out[path] = command
        if isinstance(command, click.Group):
            out.update(_commands(command, path))
    return out


COMMANDS = _commands()


def _options(path: tuple[str, ...]) -> set[str]:
    """Every visible option spelling of the command at ``path`` and of the groups above it."""
    names: set[str] = {"--help", "-h"}
    for i in range(len(path) + 1):
        command = COMMANDS[path[:i]] if i else cli
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                names.update(param.opts)
                names.update(param.secondary_opts)
    return names


def _readme_command_lines() -> list[tuple[tuple[str, ...], str]]:
    """(command path, line) for every README line that runs or shows a bilingual command."""
    found = []
    for line in README.split("\n"):
        for match in re.finditer(r"(?:^|\$ |\| |&& |`)(?:\.venv/bin/)?bilingual ((?:[a-z-]+ ?){1,2})", line):
            words = tuple(match.group(1).split())
            for size in (2, 1):
                if words[:size] in COMMANDS:
                    found.append((words[:size], line[match.end(1) :]))
                    break
    return found


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_is_in_the_readme(path: tuple[str, ...]) -> None:
    name = path[-1]
    assert f"bilingual {' '.join(path)}" in README or f"`{name}" in README, f"README does not mention {path}"


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_help_renders(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: bilingual " + " ".join(path))


def test_readme_shows_only_options_that_exist() -> None:
    lines = _readme_command_lines()
    assert len(lines) >= 15
    for path, rest in lines:
        rest = rest.split(" | ")[0]  # a shell pipe ends the command
        for option in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", rest):
            assert option in _options(path), f"README uses {option} with 'bilingual {' '.join(path)}'"


SHARED = {"--from", "--format", "-o", "--engine", "--glossary", "--glossary-file", "--glossary-dir"}


@pytest.mark.parametrize("path", [("translate",), ("align",), ("review",), ("quotes",)], ids=" ".join)
def test_shared_vocabulary(path: tuple[str, ...]) -> None:
    missing = {o for o in SHARED if o not in _options(path)}
    if path == ("quotes",):
        missing -= {"--engine"}
    assert not missing, f"bilingual {' '.join(path)} lacks {missing}"
