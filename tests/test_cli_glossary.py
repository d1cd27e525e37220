"""`bilingual glossary` from the user's side: exact output, exit codes, files written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilingual.cli import cli


@pytest.fixture
def gdir() -> Path:
    return Path(os.environ["BILINGUAL_GLOSSARY_DIR"])


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["glossary", "--no-shipped", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_add_list_remove(gdir: Path) -> None:
    user = gdir / "user.tsv"
    assert run("add", "Guardia Nacional", "National Guard", "--type", "agency", "--note", "Mexico's") == (
        0,
        f"Added to {user}: Guardia Nacional → National Guard (agency)\n",
        "",
    )
    assert run("add", "Cd. Juárez | Ciudad Juárez", "Ciudad Juárez", "--type", "place")[0] == 0
    assert user.read_text(encoding="utf-8") == (
        "# Glossary of names and places for bilingual (es<TAB>en<TAB>type<TAB>note).\n"
        "es\ten\ttype\tnote\n"
        "Cd. Juárez | Ciudad Juárez\tCiudad Juárez\tplace\t\n"
        "Guardia Nacional\tNational Guard\tagency\tMexico's\n"
    )
    assert run("list", "--search", "juarez") == (
        0,
        f"Cd. Juárez | Ciudad Juárez\tCiudad Juárez\tplace\t\t{user}:3\n",
        "",
    )
    assert run("list", "--type", "agency")[1] == f"Guardia Nacional\tNational Guard\tagency\tMexico's\t{user}:4\n"
    assert run("remove", "ciudad juarez") == (
        0,
        f"Removed from {user}: Cd. Juárez | Ciudad Juárez → Ciudad Juárez (place)\n",
        "",
    )
    assert "Juárez" not in user.read_text(encoding="utf-8")


def test_add_same_entry_twice_is_a_no_op(gdir: Path) -> None:
    run("add", "El Paso", "El Paso", "--type", "place")
    assert run("add", "El Paso", "El Paso", "--type", "place") == (0, "Already there: El Paso → El Paso (place)\n", "")


def test_conflicting_add_is_refused_unless_forced(gdir: Path) -> None:
    user = gdir / "user.tsv"
    run("add", "Juárez", "Ciudad Juárez", "--type", "place")
    before = user.read_text(encoding="utf-8")
    code, out, err = run("add", "Juárez", "Juarez City", "--type", "place")
    assert (code, out) == (1, "")
    assert err == (
        f"Error: 'Juárez' conflicts with {user}:3: Juárez → Ciudad Juárez (place); "
        "use --force to replace it, or edit that entry\n"
    )
    assert user.read_text(encoding="utf-8") == before
    code, out, _ = run("add", "Juárez", "Juarez City", "--type", "place", "--force")
    assert code == 0 and out.endswith(f"Added to {user}: Juárez → Juarez City (place)\n")
    assert "Juarez City" in user.read_text(encoding="utf-8") and "Ciudad Juárez" not in user.read_text(encoding="utf-8")


def test_add_usage_errors() -> None:
    assert run("add", "X", "Y", "--type", "animal")[0] == 2
    code, _, err = run("add", "a |  | b", "Y", "--type", "term")
    assert (
        code == 1
        and err == "Error: empty Spanish form in 'a |  | b'; give at least one form; separate variants with ' | '\n"
    )


def test_check_reports_path_line_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "es\ten\ttype\tnote\nEl Paso\tEl Paso\tplace\t\nel paso\tThe Pass\tplace\t\nsolo dos\tcolumnas\n",
        encoding="utf-8",
    )
    assert run("check", str(bad)) == (
        1,
        f"{bad}:4: expected 4 tab-separated columns (es, en, type, note), found 2\n"
        f"{bad}:3: conflicting target for 'el paso': 'The Pass' here, 'El Paso' at {bad}:2\n",
        "2 problems in 1 file\n",
    )


def test_check_clean_file(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("es\ten\ttype\tnote\nEl Paso\tEl Paso\tplace\t\n", encoding="utf-8")
    assert run("check", str(good)) == (0, "", "0 problems in 1 file\n")


def test_shipped_glossaries_are_clean() -> None:
    result = CliRunner().invoke(cli, ["glossary", "check"])
    assert result.exit_code == 0, result.stdout
    assert result.stderr == "0 problems in 4 files\n"


def test_import_csv_and_export_tbx_round_trip(tmp_path: Path, gdir: Path) -> None:
    csv_file = tmp_path / "deepl.csv"
    csv_file.write_text("Guardia Nacional,National Guard\nPatrulla Fronteriza,Border Patrol\n", encoding="utf-8")
    assert run("import", str(csv_file), "--type", "agency") == (
        0,
        f"Imported 2 entries into {gdir / 'user.tsv'} (0 already there, 0 replaced)\n",
        "",
    )
    tbx = tmp_path / "out.tbx"
    assert run("export", str(tbx)) == (0, "", "")
    other = tmp_path / "other"
    result = CliRunner().invoke(cli, ["glossary", "--no-shipped", "--glossary-dir", str(other), "import", str(tbx)])
    assert result.exit_code == 0, result.stderr
    assert (other / "user.tsv").read_text(encoding="utf-8") == (gdir / "user.tsv").read_text(encoding="utf-8")


def test_export_csv_to_stdout(gdir: Path) -> None:
    run("add", "EE. UU. | Estados Unidos", "U.S. | United States", "--type", "place")
    assert run("export", "-", "--format", "csv") == (0, "EE. UU.,U.S.\nEstados Unidos,U.S.\n", "")


def test_import_refuses_xml_entities(tmp_path: Path) -> None:
    evil = tmp_path / "evil.tbx"
    evil.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<tbx><text><body><conceptEntry><langSec xml:lang="es"><termSec><term>&xxe;</term></termSec>'
        "</langSec></conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    code, out, err = run("import", str(evil))
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: {evil}:2: refused: the file declares XML entities")
    assert "root:" not in err and err.count("\n") == 1


def test_unknown_import_extension() -> None:
    code, _, err = run("import", "terms.xlsx")
    assert code == 2
    assert err.startswith("Error: cannot tell the format of 'terms.xlsx' from its extension; give --format (csv, tbx)")


def test_check_pairs_flags_missing_terms(tmp_path: Path) -> None:
    gloss = tmp_path / "g.tsv"
    gloss.write_text("es\ten\ttype\tnote\nGuardia Nacional\tNational Guard\tagency\t\n", encoding="utf-8")
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "# bilingual translation es->en tool:bilingual-0.1.0|engine:apertium\n"
        "id\tes\ten\n"
        "0\tLlegó la Guardia Nacional.\tThe National Guard arrived.\n"
        "1\tLa Guardia Nacional vigila.\tThe Guard watches.\n",
        encoding="utf-8",
    )
    assert run("check-pairs", str(pairs), "--glossary-file", str(gloss)) == (
        1,
        f"pair 1: 'Guardia Nacional' should be 'National Guard' [{gloss}:2]\n",
        "1 missing term in 2 pairs\n",
    )
