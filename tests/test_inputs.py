"""Article readers (text, Markdown, HTML via trafilatura, Word via python-docx), the commands
that read articles, and the translated article written back as prose or as the HTML page."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import lxml.html
import pytest
from conftest import install, run

from bilingual.errors import InputError
from bilingual.inputs import input_format, parse_article, read_article
from bilingual.inputs.markdown import markdown_text

needs_apertium = pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium is not installed")

HEADLINE = "Cierran el puente internacional por protesta de transportistas"
BODY = [
    "Transportistas de carga bloquearon este martes el puente Zaragoza-Ysleta durante más de seis horas. "
    "Exigían mayor seguridad en la carretera federal 45.",
    "«Nadie nos avisó del cierre», dijo Marta Olivas, quien esperaba cruzar a El Paso con su hija. "
    "La fila de autos llegó hasta la avenida Tecnológico.",
    "La Secretaría de Seguridad Pública informó que no hubo detenidos y que el paso se reabrió a las 14:30 horas.",
]
NOTE = "Código de nota: FRONTERA-2026"
EXTRACTED = "\n\n".join([HEADLINE, *BODY, NOTE])
PAGE = f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>{HEADLINE} | Diario Frontera</title>
<meta name="description" content="Transportistas bloquearon el puente durante seis horas.">
<script>var contador = "no traducir";</script></head>
<body>
<nav><ul><li><a href="/">Inicio</a></li><li><a href="/local">Local</a></li>
<li><a href="/deportes">Deportes</a></li></ul></nav>
<main><article>
<h1>{HEADLINE}</h1>
<p>Transportistas de carga bloquearon este martes el puente <a href="https://example.org/zaragoza">Zaragoza-Ysleta</a>
durante más de seis horas. Exigían mayor seguridad en la carretera federal 45.</p>
<p>«Nadie nos avisó del cierre», dijo Marta Olivas, quien esperaba cruzar a El Paso con su hija. La fila de autos
llegó hasta la avenida Tecnológico.</p>
<p>La Secretaría de Seguridad Pública informó que <strong>no hubo detenidos</strong> y que el paso se reabrió a las
14:30 horas.</p>
<p translate="no">{NOTE}</p>
<img src="puente.jpg" alt="Camiones detenidos en el puente">
</article></main>
<footer><p>Suscríbete a nuestro boletín semanal de noticias fronterizas</p></footer>
</body></html>
"""


pytestmark = pytest.mark.usefixtures("argos_isolated")


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "puente.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def word_file(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Reabren el cruce de Santa Teresa tras la inspección", level=1)
    paragraph = document.add_paragraph("La aduana de Santa Teresa reabrió el lunes por la mañana. ")
    paragraph.add_run("Los agentes revisaron 300 camiones en un solo turno.").bold = True
    document.add_paragraph("")
    document.add_paragraph("«Fue un día largo para todos», dijo el agente Julio Ramírez.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cruce"
    table.cell(0, 1).text = "Horas de espera"
    document.sections[0].footer.paragraphs[0].text = "Diario Frontera, edición digital"
    document.save(path)
    return path


def test_html_reader_keeps_the_headline_and_body_and_names_what_it_dropped(page: Path) -> None:
    warnings: list[str] = []
    article = read_article(str(page), warn=warnings.append)
    assert article.format == "html" and article.markup == PAGE
    assert article.text == EXTRACTED
    assert len(warnings) == 1
    assert "dropped" in warnings[0] and "«Inicio»" in warnings[0] and str(page) in warnings[0]
    assert "no traducir" not in article.text and "Suscríbete" not in article.text


def test_html_page_without_an_article_body_falls_back_to_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    warnings: list[str] = []
    markup = b"<html><body><div>Llueve en Nogales.</div></body></html>"
    article = parse_article(markup, "-", warn=warnings.append)
    assert article.format == "html" and article.text == "Llueve en Nogales."
    assert warnings == ["-: no article body found; using all the page's text"]


def test_html_page_in_its_declared_legacy_encoding() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Llegó la lluvia a Agua Prieta.</p></body></html>'
    article = parse_article(page.encode("cp1252"), "vieja.html")
    assert article.text == "Llegó la lluvia a Agua Prieta."
    with pytest.raises(InputError, match=r"mala\.html: not valid utf-8 as its <meta charset> says"):
        parse_article(page.replace("windows-1252", "utf-8").encode("cp1252"), "mala.html")


def test_xhtml_page_with_an_xml_declaration(copy_model: Path, tmp_path: Path) -> None:
    page = tmp_path / "nota.xhtml"
    page.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Nota</title></head><body><article><h1>Llueve en Nogales</h1><p>La lluvia cerró dos "
        "escuelas de la colonia Buenos Aires este lunes.</p></article></body></html>\n",
        encoding="utf-8",
    )
    assert read_article(str(page)).text.startswith("Llueve en Nogales\n\nLa lluvia cerró")
    install(copy_model)
    code, out, err = run("translate", str(page), "--from", "es", "--engine", "argos", "--format", "html", "-q")
    assert code == 0, err
    assert lxml.html.fromstring(out).find(".//h1").text == "Llueve en Nogales"


def test_html_page_with_no_text_is_an_input_error() -> None:
    with pytest.raises(InputError, match="-: no text found in the HTML page"):
        parse_article(b"<html><head><title></title></head><body><script>x()</script></body></html>", "-")


def test_docx_reader_reads_paragraphs_and_reports_tables_and_footers(tmp_path: Path) -> None:
    warnings: list[str] = []
    article = read_article(str(word_file(tmp_path / "cruce.docx")), warn=warnings.append)
    assert article.format == "docx"
    assert article.text.split("\n\n") == [
        "Reabren el cruce de Santa Teresa tras la inspección",
        "La aduana de Santa Teresa reabrió el lunes por la mañana. "
        "Los agentes revisaron 300 camiones en un solo turno.",
        "«Fue un día largo para todos», dijo el agente Julio Ramírez.",
    ]
    assert len(warnings) == 1 and "1 table(s)" in warnings[0] and "«Diario Frontera, edición digital»" in warnings[0]


def test_docx_from_stdin_is_recognised_by_its_bytes(tmp_path: Path) -> None:
    data = word_file(tmp_path / "cruce.docx").read_bytes()
    assert input_format("-", data) == "docx"
    assert parse_article(data, "-").text.startswith("Reabren el cruce")


def test_broken_docx_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "roto.docx"
    bad.write_bytes(b"PK\x03\x04 no es un archivo de Word")
    with pytest.raises(InputError, match=r"roto\.docx: not a Word \.docx file"):
        read_article(str(bad))


def test_markdown_reader_drops_markup_and_keeps_lines() -> None:
    warnings: list[str] = []
    source = (
        "# Sube el *cruce* peatonal en Nogales\n\nMás de [dos mil personas](https://example.org/a_(b)) cruzaron "
        "el **sábado**.\n\n![foto](cruce.jpg)\n\n```\nno es prosa\n```\n"
        "> «Nunca había visto tanta gente», dijo una vendedora.\n"
    )
    text = markdown_text(source, "nota.md", warn=warnings.append)
    lines = text.split("\n")
    assert len(lines) == len(source.split("\n"))
    assert lines[0] == "Sube el cruce peatonal en Nogales"
    assert lines[2] == "Más de dos mil personas cruzaron el sábado."
    assert "«Nunca había visto tanta gente», dijo una vendedora." in lines
    assert "no es prosa" not in text and "example.org" not in text
    assert warnings == ["nota.md: read the Markdown as prose; dropped 1 code block(s), 1 image(s), 1 link target(s)"]


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.txt", b"<html>", "text"),
        ("a.HTM", b"hola", "html"),
        ("a.markdown", b"", "md"),
        ("-", b"  <!DOCTYPE html><html>", "html"),
        ("-", b"Hola", "text"),
        ("nota", b"PK\x03\x04 not word", "text"),
    ],
)
def test_input_format_by_extension_then_by_bytes(name: str, head: bytes, expected: str) -> None:
    assert input_format(name, head) == expected


def test_input_format_option_overrides_the_extension(page: Path) -> None:
    article = read_article(str(page), "text")
    assert article.format == "text" and article.text.startswith("<!DOCTYPE html>")


def test_split_jsonl_offsets_refer_to_the_extracted_text(page: Path, tmp_path: Path) -> None:
    body = tmp_path / "body.txt"
    code, out, err = run("split", str(page), "--format", "jsonl", "--extracted", str(body))
    assert code == 0, err
    assert "Warning: " in err and "dropped" in err
    text = body.read_text(encoding="utf-8")
    assert text == read_article(str(page)).text
    rows = [json.loads(line) for line in out.split("\n") if line]
    assert rows[0]["text"] == HEADLINE and rows[0]["paragraph"] == 0
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows)
    assert {row["paragraph"] for row in rows} == {0, 1, 2, 3, 4}


def test_quotes_reads_a_word_file(tmp_path: Path) -> None:
    code, out, err = run("quotes", str(word_file(tmp_path / "cruce.docx")), "--from", "es")
    assert code == 0, err
    quotes = [json.loads(line) for line in out.split("\n") if line]
    assert [q["text"] for q in quotes] == ["Fue un día largo para todos"]
    assert quotes[0]["speaker"] == "Julio Ramírez"


def test_translate_jsonl_offsets_and_extracted_text(copy_model: Path, page: Path, tmp_path: Path) -> None:
    install(copy_model)
    body = tmp_path / "body.txt"
    args = ["translate", str(page), "--from", "es", "--engine", "argos", "--format", "jsonl", "-q"]
    code, out, err = run(*args, "--extracted", str(body))
    assert code == 0, err
    text = body.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in out.split("\n")[1:] if line]
    assert rows and all(text[r["start"] : r["end"]] == r["source"] for r in rows)
    code, _, err = run(*args, "--extracted", str(page))
    assert code != 0 and "overwrite the input" in err


def test_translate_text_format_is_the_article_as_prose(copy_model: Path, page: Path, tmp_path: Path) -> None:
    install(copy_model)
    out = tmp_path / "puente.en.txt"
    code, _, err = run("translate", str(page), "--from", "es", "--engine", "argos", "--no-glossary", "-o", str(out))
    assert code == 0, err
    # The copy model gives back every sentence, so the prose must be the extracted article itself.
    assert out.read_text(encoding="utf-8") == EXTRACTED + "\n"


def test_translate_text_keeps_hard_wrapped_paragraphs_together(copy_model: Path, tmp_path: Path) -> None:
    install(copy_model)
    article = tmp_path / "nota.txt"
    article.write_text("Llueve en Nogales.\n\nEl agua subió en la\ncalle Obregón. Cerraron dos escuelas.\n", "utf-8")
    code, out, err = run("translate", str(article), "--from", "es", "--engine", "argos", "--format", "text")
    assert code == 0, err
    assert out == "Llueve en Nogales.\n\nEl agua subió en la calle Obregón. Cerraron dos escuelas.\n"


def test_text_format_refuses_an_alignment(tmp_path: Path) -> None:
    es, en = tmp_path / "a.es.txt", tmp_path / "a.en.txt"
    es.write_text("Llueve en Nogales. Cerraron dos escuelas.\n", "utf-8")
    en.write_text("It is raining in Nogales. Two schools closed.\n", "utf-8")
    code, _, err = run("align", str(es), str(en), "--engine", "none", "--format", "tsv")
    assert code == 0, err
    code, _, err = run("align", str(es), str(en), "--engine", "none", "-o", str(tmp_path / "a.txt"))
    assert code == 2 and "cannot tell the format" in err


def test_translate_html_with_argos_keeps_every_tag(copy_model: Path, page: Path, tmp_path: Path) -> None:
    install(copy_model)
    out = tmp_path / "puente.en.html"
    code, _, err = run("translate", str(page), "--from", "es", "--engine", "argos", "--no-glossary", "-o", str(out))
    assert code == 0, err
    assert err == ""  # the whole page is translated: nothing was dropped
    before, after = lxml.html.fromstring(PAGE), lxml.html.fromstring(out.read_text(encoding="utf-8"))
    generator = after.find(".//meta[@name='generator']")
    assert generator is not None and "engine:argos" in generator.get("content")
    generator.getparent().remove(generator)
    assert [e.tag for e in before.iter()] == [e.tag for e in after.iter()]
    assert [a.get("href") for a in after.iter("a")] == [a.get("href") for a in before.iter("a")]
    assert after.get("lang") == "en"
    # The copy model returns its input, so the text is unchanged apart from whitespace inside sentences.
    assert " ".join(after.find(".//h1").text_content().split()) == HEADLINE
    assert after.find(".//title").text == f"{HEADLINE} | Diario Frontera"  # each side of the | on its own
    assert after.find(".//strong").text == "no hubo detenidos"


@needs_apertium
def test_translate_html_with_apertium_translates_text_and_attributes_only(page: Path, tmp_path: Path) -> None:
    out = tmp_path / "puente.en.html"
    code, _, err = run("translate", str(page), "--engine", "apertium", "--no-glossary", "-o", str(out))
    assert code == 0, err
    after = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert "bridge" in after.find(".//h1").text_content()
    headline, site = after.find(".//title").text.split(" | ")
    assert "bridge" in headline and "Border" in site
    assert "Trucks" in after.find(".//img").get("alt") or "bridge" in after.find(".//img").get("alt")
    assert "bridge" in after.find(".//meta[@name='description']").get("content")
    assert after.find(".//script").text == 'var contador = "no traducir";'
    assert after.find(".//p[@translate='no']").text == NOTE
    assert after.find(".//article//a").get("href") == "https://example.org/zaragoza"
    strong = after.find(".//strong").text
    assert strong[0].islower(), strong  # a piece inside a sentence does not get a capital


def test_html_output_needs_an_html_input(tmp_path: Path) -> None:
    article = tmp_path / "nota.txt"
    article.write_text("Llueve en Nogales.\n", "utf-8")
    code, _, err = run("translate", str(article), "--from", "es", "--engine", "apertium", "--format", "html")
    assert code == 2 and "--format html needs an HTML page" in err


def test_align_and_review_read_html_and_docx(tmp_path: Path, page: Path) -> None:
    english = tmp_path / "bridge.docx"
    document = docx.Document()
    document.add_paragraph("Truckers close the international bridge in protest")
    document.add_paragraph(
        "Freight truckers blocked the Zaragoza-Ysleta bridge on Tuesday for more than six hours. "
        "They demanded more security on federal highway 45."
    )
    document.add_paragraph(
        "“Nobody told us about the closure,” said Marta Olivas, who was waiting to cross into El Paso with her "
        "daughter. The line of cars reached Tecnológico avenue."
    )
    document.save(english)
    code, out, err = run("align", str(page), str(english), "--engine", "none", "--format", "jsonl", "-q")
    assert code == 0, err
    rows = [json.loads(line) for line in out.split("\n")[1:] if line]
    assert rows[0]["es"] == HEADLINE and rows[0]["en"] == "Truckers close the international bridge in protest"
    code, out, err = run("review", str(english), "--source", str(page), "--engine", "none", "-q")
    assert code == 0, err
    header, *items = [json.loads(line) for line in io.StringIO(out) if line.strip()]
    assert header["sources"] == [str(page)] and header["source_lang"] == "es"
    assert [item["article_text"] for item in items] == ["Nobody told us about the closure,"]
