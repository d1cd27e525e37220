"""The HTML review report as an editor uses it: where each quote is in the article, a decision
per quote kept in the browser under the report's id, export as JSON and CSV, and keyboard
navigation between flags — driven in headless Chromium and checked in the DOM it builds."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import lxml.html
from click.testing import CliRunner
from interop_tools import dump_dom, needs_chromium, with_driver

from bilingual.cli import cli
from bilingual.review.model import Flag, Review, ReviewItem, SourceMatch
from bilingual.review.report_html import render, report_id


def sample(article: str = "puente.es.txt") -> Review:
    """Three quotes: two flagged, one clean, with their places in the article."""
    match = SourceMatch("bridge.en.txt", "“Nobody warned us,” Olivas said.", (4,), "Marta Olivas", "«Nadie nos avisó»")
    items = (
        ReviewItem(0, "Marta Olivas", "«Nadie nos avisó»", (3,), match, 0.92),
        ReviewItem(
            1, "Julio Ramírez", "«Revisamos 300 camiones»", (6,), None, 0.1, (Flag("unmatched", "", "no original"),)
        ),
        ReviewItem(
            2,
            "=cmd|' /C calc'!A0",  # a speaker that would be a formula in a spreadsheet
            '«No hubo heridos, dijo, "ninguno"»',
            (8, 9),
            SourceMatch("bridge.en.txt", "“There were two injured.”", (9,), None, "«Hubo dos heridos»"),
            0.6,
            (Flag("negation", "No", "negation lost"), Flag("number", "dos", "number added")),
        ),
    )
    locations = {3: (2, 5), 6: (4, 11), 8: (6, 15), 9: (6, 16)}
    return Review(article, "es", "en", ("bridge.en.txt",), items, {"tool": "bilingual-0.1.0"}, locations=locations)


def page_for(tmp_path: Path, review: Review, driver: str | None = None, name: str = "review.html") -> Path:
    text = render(review)
    path = tmp_path / name
    path.write_text(with_driver(text, driver) if driver else text, encoding="utf-8")
    return path


def dom(tmp_path: Path, path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(dump_dom(tmp_path, path.as_uri()))


def card(doc: lxml.html.HtmlElement, quote: int) -> lxml.html.HtmlElement:
    return doc.get_element_by_id(f"item-{quote}")


# -- without a browser -----------------------------------------------------------------------


def test_each_quote_says_its_paragraph_and_line() -> None:
    doc = lxml.html.fromstring(render(sample()))
    assert card(doc, 0).find_class("place")[0].text_content() == "paragraph 2, line 5"
    assert (card(doc, 2).get("data-paragraph"), card(doc, 2).get("data-line")) == ("6", "15")
    no_places = Review("x.tsv", "es", "en", (), sample().items, mode="pairs")
    assert lxml.html.fromstring(render(no_places)).find_class("place") == []


def test_report_id_changes_with_the_review_and_not_otherwise() -> None:
    assert report_id(sample()) == report_id(sample())
    assert report_id(sample()) != report_id(sample("otra-nota.es.txt"))
    body = lxml.html.fromstring(render(sample())).find("body")
    assert body.get("data-report") == report_id(sample()) and body.get("data-article") == "puente.es.txt"


def test_decision_controls_wait_for_the_script() -> None:
    doc = lxml.html.fromstring(render(sample()))
    assert doc.get_element_by_id("decisions-bar").get("hidden") is not None
    assert all(d.get("hidden") is not None for d in doc.find_class("decision"))
    assert [i.get("value") for i in card(doc, 1).find_class("decision")[0].iter("input")] == ["accept", "fix"]


def test_review_of_an_article_knows_where_its_quotes_are(tmp_path: Path) -> None:
    article = tmp_path / "nota.es.txt"
    article.write_text(
        "Cierran el puente por protesta.\n\nLos transportistas bloquearon el cruce\ndurante seis horas. "
        "«Nadie nos avisó», dijo Marta Olivas.\n",
        encoding="utf-8",
    )
    source = tmp_path / "bridge.en.txt"
    source.write_text("“Nobody warned us,” said Marta Olivas.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["review", str(article), "--source", str(source), "--engine", "none", "--format", "html", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    [quote] = lxml.html.fromstring(result.stdout).find_class("card")
    assert quote.find_class("place")[0].text_content() == "paragraph 2, line 4"


# -- in Chromium -----------------------------------------------------------------------------

CLICK_AND_EXPORT = """
(function () {
  function pick(quote, value) {
    document.querySelector('#item-' + quote + ' input[value="' + value + '"]').click();
  }
  pick(2, "fix");
  pick(0, "accept");
  var note = document.querySelector("#item-2 .decision textarea");
  note.value = "Falta la negación: \\"no hubo\\", revisar audio";
  note.dispatchEvent(new Event("input", { bubbles: true }));
  function keep(id) {
    var pre = document.createElement("pre");
    pre.id = id;
    pre.textContent = document.getElementById("export-output").value;
    document.body.appendChild(pre);
  }
  document.getElementById("export-json").click();
  keep("json-out");
  document.getElementById("export-csv").click();
  keep("csv-out");
})();
"""

READ_NOTES = """
(function () {
  var pre = document.createElement("pre");
  pre.id = "notes-out";
  var notes = {};
  document.querySelectorAll(".card").forEach(function (card) {
    notes[card.getAttribute("data-quote")] = card.querySelector(".decision textarea").value;
  });
  pre.textContent = JSON.stringify(notes);
  document.body.appendChild(pre);
})();
"""

KEYS = """
(function () {
  function press(key, target) {
    (target || document).dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true }));
    var pre = document.createElement("pre");
    pre.className = "trace";
    var current = document.querySelector(".card.is-current");
    pre.textContent = key + ":" + (current ? current.getAttribute("data-quote") : "none");
    document.body.appendChild(pre);
  }
  press("j"); press("j"); press("j"); press("k");
  press("j", document.querySelector("#item-0 .decision textarea"));
  press("f"); press("p"); press("a");
})();
"""


@needs_chromium
def test_clicks_record_decisions_and_export_json_and_csv(tmp_path: Path) -> None:
    doc = dom(tmp_path, page_for(tmp_path, sample(), CLICK_AND_EXPORT))
    assert "decided-fix" in card(doc, 2).classes and "decided-accept" in card(doc, 0).classes
    assert not {"decided-fix", "decided-accept"} & set(card(doc, 1).classes)
    assert doc.get_element_by_id("decision-status").text_content().startswith("Decided 2 of 3 · 1 need a fix")
    exported = json.loads(doc.get_element_by_id("json-out").text_content())
    assert exported["report"] == report_id(sample()) and exported["article"] == "puente.es.txt"
    assert exported["decisions"] == [
        {
            "quote": 0,
            "paragraph": 2,
            "line": 5,
            "speaker": "Marta Olivas",
            "flags": [],
            "decision": "accept",
            "note": "",
        },
        {
            "quote": 1,
            "paragraph": 4,
            "line": 11,
            "speaker": "Julio Ramírez",
            "flags": ["unmatched"],
            "decision": "",
            "note": "",
        },
        {
            "quote": 2,
            "paragraph": 6,
            "line": 15,
            "speaker": "=cmd|' /C calc'!A0",
            "flags": ["number", "negation"],
            "decision": "fix",
            "note": 'Falta la negación: "no hubo", revisar audio',
        },
    ]
    rows = list(csv.reader(io.StringIO(doc.get_element_by_id("csv-out").text_content())))
    assert rows[0] == ["quote", "paragraph", "line", "speaker", "flags", "decision", "note"]
    assert rows[3] == [
        "2",
        "6",
        "15",
        "'=cmd|' /C calc'!A0",
        "number negation",
        "fix",
        'Falta la negación: "no hubo", revisar audio',
    ]
    assert len(rows) == 4


@needs_chromium
def test_decisions_come_back_for_the_same_report_only(tmp_path: Path) -> None:
    dom(tmp_path, page_for(tmp_path, sample(), CLICK_AND_EXPORT, "first.html"))
    again = dom(tmp_path, page_for(tmp_path, sample(), READ_NOTES, "again.html"))
    assert "decided-fix" in card(again, 2).classes and "decided-accept" in card(again, 0).classes
    assert json.loads(again.get_element_by_id("notes-out").text_content()) == {
        "0": "",
        "1": "",
        "2": 'Falta la negación: "no hubo", revisar audio',
    }
    other = dom(tmp_path, page_for(tmp_path, sample("otra-nota.es.txt"), None, "other.html"))
    assert not other.find_class("decided-fix") and not other.find_class("decided-accept")
    assert other.get_element_by_id("decision-status").text_content().startswith("Decided 0 of 3")


@needs_chromium
def test_keyboard_moves_between_flags_and_decides(tmp_path: Path) -> None:
    doc = dom(tmp_path, page_for(tmp_path, sample(), KEYS))
    trace = [pre.text_content() for pre in doc.find_class("trace")]
    # Flagged cards come first (1, 2); the clean card 0 is never a stop; the ends hold.
    assert trace == ["j:1", "j:2", "j:2", "k:1", "j:1", "f:1", "p:1", "a:1"]
    assert "decided-accept" in card(doc, 1).classes  # f then a on the same card: the last one wins
    assert doc.get_element_by_id("decision-status").text_content().startswith("Decided 1 of 3 · 0 need a fix")
