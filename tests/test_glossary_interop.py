"""Glossary export that other tools take: TBX-Basic v2 (martif) by default, which
translate-toolkit loads (its TBX reader, like OmegaT's, knows v2 only), v3 on request, and a
DeepL CSV in which every source form keeps its own target, as `bilingual translate` does."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from interop_tools import toolkit_store

from bilingual.cli import cli
from bilingual.errors import GlossaryError
from bilingual.glossary.exchange import deepl_target, read_tbx, write_csv, write_tbx
from bilingual.glossary.model import Entry

ENTRIES = [
    Entry(
        ("Claudia Sheinbaum Pardo", "Claudia Sheinbaum", "Sheinbaum"),
        ("Claudia Sheinbaum Pardo", "Sheinbaum"),
        "person",
    ),
    Entry(
        ("Ciudad Juárez", "Juárez", "Cd. Juárez"),
        ("Ciudad Juárez", "Juarez"),
        "place",
        "Chihuahua & El Paso's neighbor",
    ),
    Entry(("Patrulla Fronteriza", "la migra"), ("Border Patrol", "CBP"), "agency"),
]


def test_deepl_rows_keep_short_mentions_short() -> None:
    handle = io.StringIO()
    write_csv(ENTRIES, handle)
    rows = dict(csv.reader(io.StringIO(handle.getvalue())))
    assert rows == {
        "Ciudad Juárez": "Ciudad Juárez",
        "Juárez": "Juarez",  # written alike once accents are folded: the English spelling of the same name
        "Cd. Juárez": "Ciudad Juárez",
        "Claudia Sheinbaum Pardo": "Claudia Sheinbaum Pardo",
        "Claudia Sheinbaum": "Claudia Sheinbaum Pardo",
        "Sheinbaum": "Sheinbaum",
        "Patrulla Fronteriza": "Border Patrol",
        "la migra": "Border Patrol",
    }


def test_deepl_target_matches_both_directions() -> None:
    assert deepl_target(ENTRIES[0], "Sheinbaum", "es") == "Sheinbaum"
    assert deepl_target(ENTRIES[2], "CBP", "es") == "Patrulla Fronteriza"


def _tbx(version: int) -> str:
    handle = io.StringIO()
    write_tbx(ENTRIES, handle, version=version)
    return handle.getvalue()


@pytest.mark.parametrize("version", [2, 3])
def test_both_versions_round_trip_through_our_reader(version: int) -> None:
    back = read_tbx(_tbx(version), "g.tbx")
    assert sorted(back, key=lambda e: e.es) == sorted(ENTRIES, key=lambda e: e.es)


def test_version_2_is_martif_and_translate_toolkit_loads_it(tmp_path: Path) -> None:
    text = _tbx(2)
    assert text.split("\n")[1] == '<martif type="TBX-Basic" xml:lang="en">'
    path = tmp_path / "g.tbx"
    path.write_text(text, encoding="utf-8")
    units = list(toolkit_store(path).units)
    assert sorted((u.source, u.target) for u in units) == [
        ("Ciudad Juárez", "Ciudad Juárez"),
        ("Claudia Sheinbaum Pardo", "Claudia Sheinbaum Pardo"),
        ("Patrulla Fronteriza", "Border Patrol"),
    ]


def test_unknown_version_is_refused() -> None:
    with pytest.raises(GlossaryError, match="unknown TBX version 4"):
        write_tbx(ENTRIES, io.StringIO(), version=4)


def test_cli_export_defaults_to_v2_and_keeps_v3_on_request(tmp_path: Path) -> None:
    runner = CliRunner()
    v2, v3 = tmp_path / "g.tbx", tmp_path / "g3.tbx"
    assert runner.invoke(cli, ["glossary", "export", "-o", str(v2)]).exit_code == 0
    assert runner.invoke(cli, ["glossary", "export", "--tbx-version", "3", "-o", str(v3)]).exit_code == 0
    assert "<martif " in v2.read_text(encoding="utf-8")
    assert "<conceptEntry " in v3.read_text(encoding="utf-8")
    shipped = read_tbx(v3.read_text(encoding="utf-8"), str(v3))
    assert len(list(toolkit_store(v2).units)) == len(shipped) > 100
    assert read_tbx(v2.read_text(encoding="utf-8"), str(v2)) == shipped
