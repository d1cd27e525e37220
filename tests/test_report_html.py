"""HTML quote review: escaping of hostile text, no external assets, card order, badges, highlighting,
and (when a Chromium binary is installed) the page as a real browser builds, filters and draws it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bilingual.review.model import FLAG_KINDS, Flag, Review, ReviewItem, SourceMatch
from bilingual.review.report_html import KIND_LABELS, render

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> &amp; </textarea>\u2028 fin'
HOSTILE_FILE = '"><script>alert(2)</script>.md'
HOSTILE_NAME = '"><img src=x onerror=alert(9)>.md'  # a file name (no slash), for the article

# ---------------------------------------------------------------------------------------------
# A small DOM built with the standard library parser (what a browser would see, minus scripting).

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    """An element: tag, attributes, children (nodes or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag}> with class {cls!r}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


# ---------------------------------------------------------------------------------------------
# Sample reviews.


def sample_review() -> Review:
    """An English article from an El Paso newsroom checked against Spanish transcripts."""
    faithful = ReviewItem(
        quote=1,
        speaker="Mayor Cruz",
        article_text="We will keep the international bridges open for students and workers.",
        article_sentences=(4,),
        match=SourceMatch(
            source="entrevista_alcaldesa.txt",
            text="Vamos a mantener abiertos los puentes internacionales para estudiantes y trabajadores.",
            sentences=(12,),
            speaker="Alcaldesa Cruz",
            translation="We are going to keep the international bridges open for students and workers.",
        ),
        score=0.94,
    )
    number = ReviewItem(
        quote=2,
        speaker="Mayor Cruz",
        article_text="About 60 families crossed at Paso del Norte on Monday, and 16 more waited.",
        article_sentences=(7, 8),
        match=SourceMatch(
            source="entrevista_alcaldesa.txt",
            text="Unas 16 familias cruzaron por el Paso del Norte el lunes.",
            sentences=(20, 21),
            speaker="Alcaldesa Cruz",
            translation="Some 16 families crossed through Paso del Norte on Monday.",
        ),
        score=0.71,
        flags=(
            Flag("number", "60", "The article says 60; the original says 16 (dieciséis).", "article"),
            Flag("number", "16", "The original says 16 families.", "source"),
        ),
    )
    negation = ReviewItem(
        quote=3,
        speaker="Gov. Ortega",
        article_text="The state will deploy the National Guard to the river.",
        article_sentences=(10,),
        match=SourceMatch(
            source="conferencia_gobernador.txt",
            text="El estado no va a desplegar a la Guardia Nacional en el río.",
            sentences=(3,),
            speaker="Gobernador Ortega",
            translation="The state is not going to deploy the National Guard on the river.",
        ),
        score=0.62,
        flags=(Flag("negation", "no", "The original is negated (“no va a desplegar”); the article is not.", "source"),),
    )
    addition = ReviewItem(
        quote=4,
        speaker="Gov. Ortega",
        article_text="We respect our neighbors, and we would close our own airspace too.",
        article_sentences=(12,),
        match=SourceMatch(
            source="conferencia_gobernador.txt",
            text="Respetamos a nuestros vecinos.",
            sentences=(5,),
            speaker="Gobernador Ortega",
            translation="We respect our neighbors.",
        ),
        score=0.55,
        flags=(
            Flag("addition", "and we would close our own airspace too", "Not in the original.", "article"),
            Flag("name", "Juárez", "The article writes the city without its accent.", ""),
        ),
    )
    unmatched = ReviewItem(
        quote=5,
        speaker="Rosa Elena Pérez",
        article_text="Nobody told us the checkpoint in Juarez would move.",
        article_sentences=(15,),
        match=None,
        score=0.0,
        flags=(Flag("unmatched", "", "No sentence in the sources is close to this quote.", ""),),
    )
    hostile = ReviewItem(
        quote=6,
        speaker='<b onmouseover="alert(3)">Vecino</b>',
        article_text=HOSTILE,
        article_sentences=(20,),
        match=SourceMatch(
            source=HOSTILE_FILE,
            text="Dijo: " + HOSTILE,
            sentences=(30,),
            speaker="</textarea><script>alert(4)</script>",
            translation="He said: " + HOSTILE,
        ),
        score=0.33,
        flags=(
            Flag("low_confidence", "onerror=alert(1)>", '"><img src=x onerror=alert(5)>', "article"),
            Flag("bogus\" onclick='alert(6)", "&amp;", "<script>alert(7)</script>", ""),
        ),
    )
    return Review(
        article=f"/home/desk/{HOSTILE_NAME}",
        article_lang="en",
        source_lang="es",
        sources=("entrevista_alcaldesa.txt", "conferencia_gobernador.txt", HOSTILE_FILE),
        items=(faithful, number, negation, addition, unmatched, hostile),
        signature={"tool": "bilingual-0.1.0", "engine": "apertium", "note": "<script>alert(8)</script>"},
    )


def cards(doc: Node) -> list[Node]:
    return doc.find_all("article", "card")


def card(doc: Node, quote: int) -> Node:
    return next(c for c in cards(doc) if c.attrs["data-quote"] == str(quote))


def marks(node: Node, kind: str | None = None) -> list[str]:
    return [m.text() for m in node.find_all("mark", "flag") if kind is None or f"flag-{kind}" in m.classes]


# ---------------------------------------------------------------------------------------------
# The HTML string.


def test_well_formed_page_with_header_and_summary() -> None:
    page = render(sample_review())
    assert page.startswith("<!DOCTYPE html>")
    doc = parse(page)
    assert doc.find("html").attrs["lang"] == "en"
    assert doc.find("title").text() == "Quote review — " + HOSTILE_NAME
    assert doc.find("h1").text() == "Quote review — " + HOSTILE_NAME
    assert "English (en)" in doc.find("p", "langs").text() and "Spanish (es)" in doc.find("p", "langs").text()
    assert [li.text() for li in doc.find("div", "sources").find_all("li")] == list(sample_review().sources)
    signature = doc.find("dl", "signature")
    assert [n.text() for n in signature.find_all("dt")] == ["tool", "engine", "note"]
    assert signature.find_all("dd")[2].text() == "<script>alert(8)</script>"
    totals = " ".join(doc.find("p", "totals").text().split())
    assert totals == "6 quotes · 5 flagged · 1 clean"
    chips = {b.attrs["data-kind"]: b.text() for b in doc.find_all("button", "chip")}
    assert chips["number"] == "number changed2"
    assert chips["unmatched"] == "no original found1"
    assert "bogus\" onclick='alert(6)" in chips  # an unknown kind is shown, as text only
    # Without JavaScript: every card shown, no dead controls (the script un-hides and enables them).
    assert "hidden" in doc.find("label", "only-flagged-control").attrs
    assert all("disabled" in b.attrs for b in doc.find_all("button", "chip"))
    assert not any("is-hidden" in c.classes for c in cards(doc))


def test_hostile_text_is_escaped_and_reads_back_exactly() -> None:
    page = render(sample_review())
    lowered = page.lower()
    assert "<script>alert" not in lowered
    assert lowered.count("<script") == 1  # ours, at the end
    assert "<img" not in lowered and "<b onmouseover" not in lowered and "</textarea>" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&amp;amp;" in page
    doc = parse(page)
    for node in doc.iter():
        assert node.tag in {
            *("#document", "html", "head", "meta", "title", "style", "body", "div", "header", "p", "h1", "h2"),
            *("h3", "strong", "ul", "li", "dl", "dt", "dd", "section", "span", "button", "label", "input"),
            *("main", "article", "b", "blockquote", "mark", "footer", "script"),
        }, node.tag
        assert not any(name.startswith("on") for name in node.attrs), node.attrs
    hostile = card(doc, 6)
    left = hostile.find("section", "col-article").find("blockquote")
    assert left.text() == HOSTILE
    right = hostile.find("section", "col-original")
    assert right.find("blockquote").text() == "Dijo: " + HOSTILE
    assert right.find("p", "mt").text() == "Machine translation: He said: " + HOSTILE
    assert HOSTILE_FILE in right.find("h3").text()
    assert hostile.find("p", "who").text() == (
        'Speaker: <b onmouseover="alert(3)">Vecino</b>In the original: </textarea><script>alert(4)</script>'
    )
    badges = hostile.find_all("span", "badge")
    assert [b.attrs["title"] for b in badges] == ['"><img src=x onerror=alert(5)>', "<script>alert(7)</script>"]
    assert "flag-other" in badges[1].classes
    assert "\u2028" in left.text()
    # Flag words are found in the raw text, so the marks hold the raw characters, not entities.
    assert marks(left) == ["onerror=alert(1)>", "&amp;"]
    assert marks(right.find("blockquote")) == ["&amp;"]


def test_no_external_assets_or_network() -> None:
    page = render(sample_review())
    assert "http://" not in page and "https://" not in page and "//" not in page.replace("://", "")
    assert "@import" not in page and "url(" not in page
    doc = parse(page)
    for node in doc.iter():
        for name in ("src", "href", "action", "formaction", "srcset", "poster", "data"):
            assert name not in node.attrs, (node.tag, name)
    csp = next(m.attrs["content"] for m in doc.find_all("meta") if m.attrs.get("http-equiv"))
    assert "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_flagged_first_in_stable_order() -> None:
    doc = parse(render(sample_review()))
    assert [c.attrs["data-quote"] for c in cards(doc)] == ["2", "3", "4", "5", "6", "1"]
    assert [c.attrs["data-flagged"] for c in cards(doc)] == ["true"] * 5 + ["false"]
    assert card(doc, 2).attrs["data-kinds"] == "number"
    assert card(doc, 4).attrs["data-kinds"] == "addition name"
    assert "is-flagged" not in card(doc, 1).classes


def test_one_badge_per_flag_coloured_by_kind() -> None:
    review = sample_review()
    doc = parse(render(review))
    for item in review.items:
        badges = card(doc, item.quote).find_all("span", "badge")
        assert len(badges) == len(item.flags)
        for badge, flag in zip(badges, item.flags, strict=True):
            assert badge.attrs["title"] == flag.detail
            if flag.kind in FLAG_KINDS:
                assert badge.text() == KIND_LABELS[flag.kind]
                assert f"flag-{flag.kind}" in badge.classes
    assert set(KIND_LABELS) == set(FLAG_KINDS)
    assert card(doc, 1).find_all("ul", "flags") == []


def test_marks_only_in_the_column_the_flag_points_at() -> None:
    doc = parse(render(sample_review()))
    number = card(doc, 2)
    article = number.find("section", "col-article")
    original = number.find("section", "col-original")
    assert marks(article) == ["60"]  # "16 more waited" is in the article but the "16" flag is source-side
    assert marks(original.find("blockquote")) == ["16"]
    assert marks(original.find("p", "mt")) == ["16"]
    negation = card(doc, 3)
    assert marks(negation.find("section", "col-article")) == []
    assert marks(negation.find("section", "col-original").find("blockquote"), "negation") == ["no"]
    addition = card(doc, 4)
    assert marks(addition.find("section", "col-article"), "addition") == ["and we would close our own airspace too"]
    assert marks(addition.find("section", "col-original")) == []


def test_marks_are_accent_and_case_insensitive_whole_words() -> None:
    doc = parse(render(sample_review()))
    # side "" marks both columns; "Juárez" finds the unaccented "Juarez"
    assert marks(card(doc, 5).find("section", "col-article")) == []  # the unmatched flag has no words
    item = ReviewItem(
        quote=1,
        speaker=None,
        article_text="NO, dijo: no hay Ciudad Juarez sin noche; JUÁREZ no.",
        article_sentences=(),
        match=None,
        score=0.0,
        flags=(Flag("negation", "No", "", "article"), Flag("name", "juárez", "", "")),
    )
    page = render(Review("a.md", "es", "en", (), (item,)))
    got = parse(page).find("section", "col-article")
    assert marks(got, "negation") == ["NO", "no", "no"]  # not inside "noche"
    assert marks(got, "name") == ["Juarez", "JUÁREZ"]
    assert got.find("blockquote").attrs["lang"] == "es"


def test_unmatched_and_score() -> None:
    doc = parse(render(sample_review()))
    unmatched = card(doc, 5)
    assert unmatched.find("p", "missing").text() == "No original found in the sources"
    assert unmatched.find_all("p", "mt") == []
    assert unmatched.find("div", "score").text() == "match —"
    faithful = card(doc, 1)
    assert faithful.find("div", "score").text() == "match 94%"
    assert faithful.find("span", "bar").attrs["aria-label"] == "match score 94 percent"
    assert "low" in card(doc, 6).find("span", "bar").classes
    heading = card(doc, 2).find("section", "col-original").find("h3").text()
    assert heading == "Original (es) — entrevista_alcaldesa.txt, sentences 20–21"
    assert card(doc, 2).find("section", "col-article").find("h3").text() == "Article (en) — sentences 7–8"
    assert card(doc, 1).find("section", "col-original").find("blockquote").attrs["lang"] == "es"
    assert card(doc, 1).find("p", "mt").find("span", None).text() == "Machine translation:"


def test_word_diff_underlines_one_sided_words() -> None:
    doc = parse(render(sample_review()))
    faithful = card(doc, 1)
    article_only = [s.text() for s in faithful.find("section", "col-article").find_all("span", "only")]
    mt_only = [s.text() for s in faithful.find("p", "mt").find_all("span", "only")]
    assert article_only == ["will"]
    assert mt_only == ["are going to"]
    negation_mt = [s.text() for s in card(doc, 3).find("p", "mt").find_all("span", "only")]
    assert negation_mt == ["is not going to", "on"]
    # An underline that runs into a mark is split at its edge, so the tags nest: "Some " then "16" inside.
    number_mt = card(doc, 2).find("p", "mt")
    assert [s.text() for s in number_mt.find_all("span", "only")] == ["Some ", "16", "through"]
    assert [s.text() for s in number_mt.find("mark", "flag").find_all("span", "only")] == ["16"]


def test_pairs_mode_labels() -> None:
    item = ReviewItem(
        quote=0,
        speaker=None,
        article_text="El puente estará cerrado.",
        article_sentences=(0,),
        match=SourceMatch("traduccion.md", "The bridge will be closed.", (0,), translation="El puente estará cerrado."),
        score=0.9,
    )
    lost = ReviewItem(1, None, "Hubo 3 heridos.", (1,), None, 0.0, (Flag("unmatched", "", "", ""),))
    doc = parse(render(Review("traduccion.md", "es", "en", ("traduccion.md",), (item, lost), mode="pairs")))
    assert doc.find("h1").text() == "Translation review — traduccion.md"
    assert " ".join(doc.find("p", "totals").text().split()) == "2 pairs · 1 flagged · 1 clean"
    first = card(doc, 0)
    assert first.find("section", "col-article").find("h3").text() == "Source (es) — sentence 0"
    assert first.find("section", "col-original").find("h3").text().startswith("Translation (en)")
    assert card(doc, 1).find("p", "missing").text() == "No translation found"
    assert cards(doc)[0].find("h2").text() == "Pair 1"


def test_empty_review() -> None:
    doc = parse(render(Review("vacío.md", "en", "es", (), ())))
    assert cards(doc) == []
    assert doc.find("p", "empty").text() == "No quotes to review."


# ---------------------------------------------------------------------------------------------
# Headless Chromium.


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


needs_chromium = pytest.mark.skipif(_chromium() is None, reason="no chromium binary on PATH")


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium offline, with its own profile and no proxy settings."""
    binary = _chromium()
    assert binary is not None
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["HOME"] = str(tmp_path / "home")
    cmd = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60, check=False)


def _write_page(tmp_path: Path) -> Path:
    path = tmp_path / "review.html"
    path.write_text(render(sample_review()), encoding="utf-8")
    return path


def _dump_dom(tmp_path: Path, url: str) -> Node:
    result = _run_chromium(tmp_path, "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "<body" in result.stdout, result.stderr[-2000:]
    return parse(re.sub(r"<!DOCTYPE html>", "", result.stdout, flags=re.IGNORECASE))


@needs_chromium
def test_chromium_runs_the_script_and_builds_no_hostile_elements(tmp_path: Path) -> None:
    page = _write_page(tmp_path)
    doc = _dump_dom(tmp_path, page.as_uri())
    body = doc.find("body")
    assert "js" in body.classes  # the inline script ran (so the CSP hash matches)
    assert "only-flagged" not in body.classes
    assert len(cards(doc)) == 6
    assert not any("is-hidden" in c.classes for c in cards(doc))
    assert doc.find_all("img") == []
    assert len(doc.find_all("script")) == 1
    assert not any(name.startswith("on") for node in doc.iter() for name in node.attrs)
    assert "hidden" not in doc.find("label", "only-flagged-control").attrs
    assert all("disabled" not in b.attrs for b in doc.find_all("button", "chip"))
    assert doc.find("span", "filter-status").text() == "Showing all 6"
    assert card(doc, 6).find("section", "col-article").find("blockquote").text() == HOSTILE


@needs_chromium
def test_chromium_flagged_filter_from_url_fragment(tmp_path: Path) -> None:
    page = _write_page(tmp_path)
    doc = _dump_dom(tmp_path, page.as_uri() + "#flagged")
    assert "only-flagged" in doc.find("body").classes
    hidden = [c.attrs["data-quote"] for c in cards(doc) if "is-hidden" in c.classes]
    assert hidden == ["1"]
    assert doc.find("span", "filter-status").text() == "Showing 5 of 6"
    doc = _dump_dom(tmp_path, page.as_uri() + "#kind=number&kind=negation")
    shown = [c.attrs["data-quote"] for c in cards(doc) if "is-hidden" not in c.classes]
    assert shown == ["2", "3"]
    pressed = [b.attrs["data-kind"] for b in doc.find_all("button", "chip") if b.attrs["aria-pressed"] == "true"]
    assert pressed == ["number", "negation"]


@needs_chromium
def test_chromium_screenshot(tmp_path: Path) -> None:
    page = _write_page(tmp_path)
    shot = tmp_path / "report_html_sample.png"
    result = _run_chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 10_000
    out_dir = os.environ.get("BILINGUAL_TEST_OUTPUT")
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(out_dir) / shot.name)


def test_parts_of_a_quote_get_their_own_cards() -> None:
    match = SourceMatch(source="fuente.es.txt", text="Abrimos el puente.", sentences=(2,))
    items = tuple(ReviewItem(4, None, f"Sentence {k}.", (k,), match, 1.0, part=k) for k in (1, 2))
    page = render(Review("nota.en.txt", "en", "es", ("fuente.es.txt",), items, {"tool": "bilingual"}))
    assert 'id="item-4.1"' in page and 'id="item-4.2"' in page and 'data-part="2"' in page
    assert ">Quote 4.2</h2>" in page
    # the totals count quotes and their parts, as the Markdown summary does
    assert " ".join(parse(page).find("p", "totals").text().split()) == "1 quote in 2 parts · 0 flagged · 2 clean"
