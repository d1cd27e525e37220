"""Tests for the parallel-text formats: exact output, exact read-back, and refusal of bad input."""

from __future__ import annotations

import io
import math
from dataclasses import MISSING, fields, replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilingual.errors import FormatError
from bilingual.formats import (
    FORMATS,
    Document,
    Pair,
    carried_fields,
    guess_format,
    parse_signature_line,
    read,
    signature_line,
    write,
)
from bilingual.formats import tmx as tmx_format
from bilingual.formats.markdown import CONFIDENCE_DECIMALS

SIGNATURE = {
    "tool": "bilingual 0.1.0",
    "engine": "apertium",
    "model": "apertium-eng-spa 0.8.1",
    "splitter": "news-1",
    "glossary": "none",
}
SIG_LINE = "tool:bilingual-0.1.0|engine:apertium|model:apertium-eng-spa-0.8.1|splitter:news-1|glossary:none"

TRANSLATION = Document(
    pairs=(
        Pair(0, "Hola, ¿qué tal?", "Hi, how are you?", paragraph=0, start=0, end=15),
        Pair(
            1,
            "Dijo: «sí | no»\t(C:\\temp\\u)",
            'He said: "yes | no"\n<b>&</b>\r\x01 ',
            paragraph=1,
            quote=0,
            start=16,
            end=45,
            flags=("degenerate",),
            extra={"unknown_words": ["sí"]},
        ),
    ),
    source_lang="es",
    target_lang="en",
    signature=SIGNATURE,
)

ALIGNMENT = Document(
    pairs=(
        Pair(0, "Uno. Dos.", "One and two.", (0, 1), (0,), confidence=0.93),
        Pair(1, "", "Extra.", (), (1,), confidence=0.5),
        Pair(2, "Tres.", "", (2,), ()),
    ),
    source_lang="es",
    target_lang="en",
    signature=SIGNATURE,
    kind="alignment",
)

TMX_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<tmx version="1.4">\n'
    '  <header creationtool="bilingual" creationtoolversion="0.1.0" srclang="es" datatype="plaintext"'
    ' segtype="sentence" o-tmf="bilingual" adminlang="en">\n'
    '    <prop type="x-bilingual-kind">{kind}</prop>\n'
    '    <prop type="x-bilingual-target-lang">en</prop>\n'
    f'    <prop type="x-bilingual-signature">{SIG_LINE}</prop>\n'
    "  </header>\n"
    "  <body>\n"
)
JSONL_HEADER = (
    '{{"bilingual": "{kind}", "source_lang": "es", "target_lang": "en", "signature": {{"tool": '
    '"bilingual-0.1.0", "engine": "apertium", "model": "apertium-eng-spa-0.8.1", "splitter": "news-1", '
    '"glossary": "none"}}}}\n'
)

XLIFF_HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '  <file original="article" source-language="es" target-language="en" datatype="plaintext"'
    ' tool-id="bilingual">\n'
    "   <header>\n"
    '    <tool tool-id="bilingual" tool-name="bilingual" tool-version="0.1.0"/>\n'
    '    <note from="bilingual-kind">{kind}</note>\n'
    f'    <note from="bilingual-signature">{SIG_LINE}</note>\n'
    "   </header>\n"
    "   <body>\n"
)
XLIFF_FOOTER = "   </body>\n  </file>\n</xliff>\n"
XLIFF_MT = 'xml:lang="en" state="needs-review-translation" state-qualifier="leveraged-mt" xml:space="preserve"'
XLIFF_HUMAN = 'xml:lang="en" state="translated" state-qualifier="leveraged-inherited" xml:space="preserve"'

GOLDEN = {
    ("translation", "tsv"): (
        f"# bilingual translation es->en {SIG_LINE}\n"
        "id\tes\ten\n"
        "0\tHola, ¿qué tal?\tHi, how are you?\n"
        '1\tDijo: «sí | no»\\t(C:\\\\temp\\\\u)\tHe said: "yes | no"\\n<b>&</b>\\r\x01 \n'
    ),
    ("alignment", "tsv"): (
        f"# bilingual alignment es->en {SIG_LINE}\n"
        "id\tbead\tes_ids\ten_ids\tconfidence\tes\ten\n"
        "0\t2-1\t0,1\t0\t0.93\tUno. Dos.\tOne and two.\n"
        "1\t0-1\t\t1\t0.5\t\tExtra.\n"
        "2\t1-0\t2\t\t\tTres.\t\n"
    ),
    ("translation", "jsonl"): (
        JSONL_HEADER.format(kind="translation")
        + '{"id": 0, "source": "Hola, ¿qué tal?", "target": "Hi, how are you?", "paragraph": 0, '
        '"quote": null, "start": 0, "end": 15, "flags": []}\n'
        '{"id": 1, "source": "Dijo: «sí | no»\\t(C:\\\\temp\\\\u)", '
        '"target": "He said: \\"yes | no\\"\\n<b>&</b>\\r\\u0001 ", "paragraph": 1, "quote": 0, '
        '"start": 16, "end": 45, "flags": ["degenerate"], "unknown_words": ["sí"]}\n'
    ),
    ("alignment", "jsonl"): (
        JSONL_HEADER.format(kind="alignment")
        + '{"id": 0, "bead": "2-1", "es_ids": [0, 1], "en_ids": [0], "es": "Uno. Dos.", '
        '"en": "One and two.", "confidence": 0.93}\n'
        '{"id": 1, "bead": "0-1", "es_ids": [], "en_ids": [1], "es": "", "en": "Extra.", "confidence": 0.5}\n'
        '{"id": 2, "bead": "1-0", "es_ids": [2], "en_ids": [], "es": "Tres.", "en": "", "confidence": null}\n'
    ),
    ("translation", "tmx"): (
        TMX_HEADER.format(kind="translation") + "    <tu>\n"
        '      <prop type="x-id">0</prop>\n'
        '      <prop type="x-paragraph">0</prop>\n'
        '      <prop type="x-start">0</prop>\n'
        '      <prop type="x-end">15</prop>\n'
        '      <tuv xml:lang="es"><seg>Hola, ¿qué tal?</seg></tuv>\n'
        '      <tuv xml:lang="en"><seg>Hi, how are you?</seg></tuv>\n'
        "    </tu>\n"
        "    <tu>\n"
        '      <prop type="x-id">1</prop>\n'
        '      <prop type="x-paragraph">1</prop>\n'
        '      <prop type="x-quote">0</prop>\n'
        '      <prop type="x-start">16</prop>\n'
        '      <prop type="x-end">45</prop>\n'
        '      <prop type="x-flags">degenerate</prop>\n'
        '      <tuv xml:lang="es"><seg>Dijo: «sí | no»\t(C:\\temp\\\\u)</seg></tuv>\n'
        '      <tuv xml:lang="en"><seg>He said: "yes | no"\n&lt;b&gt;&amp;&lt;/b&gt;&#13;\\u0001 </seg></tuv>\n'
        "    </tu>\n"
        "  </body>\n"
        "</tmx>\n"
    ),
    ("alignment", "tmx"): (
        TMX_HEADER.format(kind="alignment") + "    <tu>\n"
        '      <prop type="x-id">0</prop>\n'
        '      <prop type="x-source-ids">0,1</prop>\n'
        '      <prop type="x-target-ids">0</prop>\n'
        '      <prop type="x-confidence">0.93</prop>\n'
        '      <tuv xml:lang="es"><seg>Uno. Dos.</seg></tuv>\n'
        '      <tuv xml:lang="en"><seg>One and two.</seg></tuv>\n'
        "    </tu>\n"
        # Rows 1 (0-1) and 2 (1-0) have no counterpart: a translation memory leaves them out.
        "  </body>\n"
        "</tmx>\n"
    ),
    ("translation", "md"): (
        "# bilingual translation: es → en\n"
        "\n"
        f"Signature: `{SIG_LINE}`\n"
        "\n"
        "| # | es | en |\n"
        "|--:|----|----|\n"
        "| 0 | Hola, ¿qué tal? | Hi, how are you? |\n"
        '| 1 | Dijo: «sí \\| no»\t(C:\\\\temp\\\\u) | He said: "yes \\| no"<br>\\<b>\\&\\</b>&#13;\x01&#32; |\n'
    ),
    ("alignment", "md"): (
        "# bilingual alignment: es → en\n"
        "\n"
        f"Signature: `{SIG_LINE}`\n"
        "\n"
        "| # | bead | es | en | confidence |\n"
        "|--:|:--:|----|----|--:|\n"
        "| 0 | 2-1 (0,1→0) | Uno. Dos. | One and two. | 0.9300 |\n"
        "| 1 | 0-1 (→1) |  | Extra. | 0.5000 |\n"
        "| 2 | 1-0 (2→) | Tres. |  |  |\n"
    ),
    ("translation", "xliff"): (
        XLIFF_HEADER.format(kind="translation")
        + '    <trans-unit id="0" approved="no" extradata="paragraph=0;start=0;end=15">\n'
        '     <source xml:lang="es" xml:space="preserve">Hola, ¿qué tal?</source>\n'
        f"     <target {XLIFF_MT}>Hi, how are you?</target>\n"
        "    </trans-unit>\n"
        '    <trans-unit id="1" approved="no" extradata="paragraph=1;quote=0;start=16;end=45;flags=degenerate">\n'
        '     <source xml:lang="es" xml:space="preserve">Dijo: «sí | no»\t(C:\\temp\\\\u)</source>\n'
        f'     <target {XLIFF_MT}>He said: "yes | no"\n'
        "&lt;b&gt;&amp;&lt;/b&gt;&#13;\\u0001 </target>\n"
        "    </trans-unit>\n" + XLIFF_FOOTER
    ),
    ("alignment", "xliff"): (
        XLIFF_HEADER.format(kind="alignment")
        + '    <trans-unit id="0" approved="yes" extradata="source-ids=0,1;target-ids=0;confidence=0.93">\n'
        '     <source xml:lang="es" xml:space="preserve">Uno. Dos.</source>\n'
        f"     <target {XLIFF_HUMAN}>One and two.</target>\n"
        "    </trans-unit>\n"
        '    <trans-unit id="1" approved="no" extradata="target-ids=1;confidence=0.5">\n'
        '     <source xml:lang="es" xml:space="preserve"></source>\n'
        '     <target xml:lang="en" state="needs-translation" xml:space="preserve">Extra.</target>\n'
        "    </trans-unit>\n"
        '    <trans-unit id="2" approved="no" extradata="source-ids=2">\n'
        '     <source xml:lang="es" xml:space="preserve">Tres.</source>\n'
        '     <target xml:lang="en" state="needs-translation" xml:space="preserve"></target>\n'
        "    </trans-unit>\n" + XLIFF_FOOTER
    ),
}
DOCS = {"translation": TRANSLATION, "alignment": ALIGNMENT}


def dump(doc: Document, fmt: str) -> str:
    """Write ``doc`` to a string."""
    handle = io.StringIO(newline="")
    write(doc, handle, fmt)
    return handle.getvalue()


def load(text: str, fmt: str | None, name: str = "test") -> Document:
    """Read a document from a string (``fmt=None`` guesses from ``name`` and the first line)."""
    return read(io.StringIO(text, newline=""), name, fmt)


_DEFAULTS = {
    f.name: f.default_factory() if f.default_factory is not MISSING else f.default
    for f in fields(Pair)
    if f.default is not MISSING or f.default_factory is not MISSING
}


def expected(doc: Document, fmt: str) -> Document:
    """What reading ``doc`` back from ``fmt`` must give: the carried fields, the rest at defaults."""
    keep = carried_fields(fmt, doc.kind)
    pairs = []
    for pair in doc.pairs:
        if fmt == "tmx" and not tmx_format.kept(pair):
            continue  # a translation memory holds real translations only
        changes = {name: default for name, default in _DEFAULTS.items() if name not in keep}
        if fmt == "md" and pair.confidence is not None and "confidence" in keep:
            changes["confidence"] = float(f"{pair.confidence:.{CONFIDENCE_DECIMALS}f}")
        pairs.append(replace(pair, **changes))
    return replace(doc, pairs=tuple(pairs))


# --- golden output and read-back -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["translation", "alignment"])
def test_golden_output(kind: str, fmt: str) -> None:
    assert dump(DOCS[kind], fmt) == GOLDEN[kind, fmt]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["translation", "alignment"])
def test_read_back(kind: str, fmt: str) -> None:
    doc = DOCS[kind]
    assert load(GOLDEN[kind, fmt], fmt) == expected(doc, fmt)
    assert load(GOLDEN[kind, fmt], None, name=f"out.{fmt}") == expected(doc, fmt)
    assert load(GOLDEN[kind, fmt], None, name="-") == expected(doc, fmt)  # sniffed


def test_jsonl_and_tmx_keep_translation_metadata() -> None:
    assert load(GOLDEN["translation", "jsonl"], "jsonl") == TRANSLATION
    back = load(GOLDEN["translation", "tmx"], "tmx")
    assert back == replace(TRANSLATION, pairs=tuple(replace(p, extra={}) for p in TRANSLATION.pairs))
    assert back.pairs[1].flags == ("degenerate",)


@pytest.mark.parametrize("fmt", FORMATS)
def test_crlf_line_ends_are_tolerated(fmt: str) -> None:
    text = GOLDEN["translation", fmt].replace("\n", "\r\n")
    assert load(text, fmt) == expected(TRANSLATION, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_on_disk(tmp_path, fmt: str) -> None:
    path = tmp_path / f"doc.{fmt}"
    with path.open("w", encoding="utf-8") as handle:
        write(ALIGNMENT, handle, fmt)
    with path.open(encoding="utf-8") as handle:
        assert read(handle, str(path)) == expected(ALIGNMENT, fmt)


# --- model -------------------------------------------------------------------------------------


def test_signature_line() -> None:
    assert signature_line(SIGNATURE) == SIG_LINE
    assert parse_signature_line(SIG_LINE) == TRANSLATION.signature
    assert TRANSLATION.signature["tool"] == "bilingual-0.1.0"  # normalised on construction
    tricky = {"a": "x|y\\z", "b": "", "c": "k:v"}
    assert signature_line(tricky) == "a:x\\|y\\\\z|b:|c:k:v"
    assert parse_signature_line(signature_line(tricky)) == tricky
    assert parse_signature_line("") == {}


@pytest.mark.parametrize("line", ["nocolon", "a:1|a:2", "bad key:1", "a:1|"])
def test_bad_signature_line(line: str) -> None:
    with pytest.raises(FormatError):
        parse_signature_line(line)


def test_pair_bead_and_normalisation() -> None:
    pair = Pair(3, "a", "b", [3, 4], [5], confidence=1, flags=["x"])  # type: ignore[arg-type]
    assert pair.bead == "2-1"
    assert pair.source_ids == (3, 4)
    assert pair.flags == ("x",)
    assert isinstance(pair.confidence, float)
    assert Pair(0, "", "").bead == "0-0"
    assert hash(pair) == hash(Pair(3, "a", "b", (3, 4), (5,), confidence=1.0, flags=("x",)))


@pytest.mark.parametrize(
    "changes",
    [
        {"id": -1},
        {"id": True},
        {"source": None},
        {"source_ids": (1, -2)},
        {"source_ids": "12"},
        {"confidence": math.nan},
        {"confidence": math.inf},
        {"flags": ("two words",)},
        {"flags": ("a,b",)},
        {"start": 5, "end": 2},
        {"paragraph": 1.5},
    ],
)
def test_pair_rejects_bad_values(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        replace(Pair(0, "a", "b"), **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "summary"},
        {"source_lang": "es", "target_lang": "ES"},
        {"source_lang": "e s"},
        {"signature": {"bad key": "x"}},
        {"signature": {"tool": 1}},
    ],
)
def test_document_rejects_bad_values(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        replace(TRANSLATION, **changes)


# --- property: awkward text round-trips exactly through every format --------------------------

PIECES = [
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\\",
    "\\\\",
    "\\t",
    "\\n",
    "\\r",
    "\\u0041",
    "\\u",
    "|",
    "\\|",
    "<br>",
    "<br/>",
    "&#13;",
    "&#32;",
    "&#x41;",
    "&amp;",
    "<",
    ">",
    "&",
    '"',
    "'",
    "`",
    "``",
    "]]>",
    "<!--",
    " ",
    "  ",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1c",
    "\x7f",
    "\x9f",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\xa0",
    "😀",
    "👩\u200d👩\u200d👧",
    "ñ",
    "→",
    "(1→2)",
    "# bilingual",
    "{",
    "}",
    ":",
    ",",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8")), max_size=12).map("".join)
counts = st.integers(min_value=0, max_value=10**9)
optional_counts = st.none() | counts
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def pairs(draw: st.DrawFn, row: int) -> Pair:
    """A pair with arbitrary metadata and awkward text."""
    start = draw(optional_counts)
    end = None if start is None else start + draw(st.integers(0, 1000))
    return Pair(
        id=draw(st.sampled_from([row, draw(counts)])),
        source=draw(texts),
        target=draw(texts),
        source_ids=tuple(draw(st.lists(counts, max_size=3))),
        target_ids=tuple(draw(st.lists(counts, max_size=3))),
        paragraph=draw(optional_counts),
        quote=draw(optional_counts),
        start=start,
        end=end,
        confidence=draw(st.none() | st.floats(allow_nan=False, allow_infinity=False)),
        flags=tuple(draw(st.lists(st.from_regex(r"[A-Za-z0-9_.:+-]{1,12}", fullmatch=True), max_size=3))),
        extra=draw(st.dictionaries(st.sampled_from(["unknown_words", "note", "x-score"]), json_values)),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A document of either kind with 0–5 awkward pairs and an awkward signature."""
    size = draw(st.integers(0, 5))
    source_lang, target_lang = draw(st.sampled_from([("es", "en"), ("en", "es"), ("es-MX", "en-US")]))
    return Document(
        pairs=tuple(draw(pairs(row)) for row in range(size)),
        source_lang=source_lang,
        target_lang=target_lang,
        signature=draw(st.dictionaries(st.from_regex(r"[A-Za-z0-9_.-]{1,8}", fullmatch=True), texts, max_size=4)),
        kind=draw(st.sampled_from(["translation", "alignment"])),
    )


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents())
def test_round_trip_property(fmt: str, doc: Document) -> None:
    text = dump(doc, fmt)
    assert load(text, fmt) == expected(doc, fmt)
    assert load(text.replace("\n", "\r\n"), fmt) == expected(doc, fmt)
    assert load(text, None, name="-") == expected(doc, fmt)


@given(text=texts)
def test_tmx_seg_escaping_is_reversible(text: str) -> None:
    assert tmx_format.decode_seg(tmx_format.encode_seg(text)) == text


def test_tmx_seg_escaping_leaves_plain_backslashes_alone() -> None:
    assert tmx_format.encode_seg("C:\\temp\\new") == "C:\\temp\\new"
    assert tmx_format.encode_seg("\\u0041\x01\\") == "\\\\u0041\\u0001\\"
    assert tmx_format.encode_seg("\ud800") == "\\uD800"  # lone surrogates survive as well


def test_unicode_line_breaks_do_not_split_rows() -> None:
    doc = replace(TRANSLATION, pairs=(Pair(0, "a\u2028b\x85c\x0cd\x1ce", "f\u2029g"), Pair(1, "h", "i")))
    for fmt in FORMATS:
        assert load(dump(doc, fmt), fmt) == expected(doc, fmt), fmt
    jsonl_text = dump(doc, "jsonl")
    assert "\u2028" not in jsonl_text and "\x85" not in jsonl_text and "\u2029" not in jsonl_text
    assert len(jsonl_text.splitlines()) == 3  # safe even for readers that do use splitlines


# --- malformed input -------------------------------------------------------------------------

TSV_HEAD = f"# bilingual translation es->en {SIG_LINE}\nid\tes\ten\n"
ALIGN_HEAD = f"# bilingual alignment es->en {SIG_LINE}\nid\tbead\tes_ids\ten_ids\tconfidence\tes\ten\n"
JSONL_HEAD = JSONL_HEADER.format(kind="translation")


def _error(text: str, fmt: str, name: str) -> FormatError:
    with pytest.raises(FormatError) as info:
        load(text, fmt, name)
    return info.value


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        (TSV_HEAD + "0\tHola\tHello\n1\tHola\n", "bad.tsv:4", "expected 3 tab-separated columns"),
        (TSV_HEAD + "0\tHola\tHello\textra\n", "bad.tsv:3", "found 4"),
        (TSV_HEAD + "0\tC:\\x\tHello\n", "bad.tsv:3", "unknown escape"),
        (TSV_HEAD + "0\tdangling\\\tHello\n", "bad.tsv:3", "unknown escape"),
        (TSV_HEAD + "x\tHola\tHello\n", "bad.tsv:3", "id must be"),
        (TSV_HEAD + "\n", "bad.tsv:3", "found 1"),
        ("0\tHola\tHello\n", "bad.tsv:1", "missing header"),
        ("", "bad.tsv:1", "empty"),
        (f"# bilingual translation es->en {SIG_LINE}\nid\tes\tfr\n", "bad.tsv:2", "expected header"),
        (f"# bilingual translation es->en {SIG_LINE}\n", "bad.tsv:2", "end of file"),
        ("# bilingual summary es->en\nid\tes\ten\n", "bad.tsv:1", "kind"),
        ("# bilingual translation es->es\nid\tes\tes\n", "bad.tsv:1", "both"),
        ("# bilingual translation es->en nocolon\nid\tes\ten\n", "bad.tsv:1", "signature"),
        (ALIGN_HEAD + "0\t2-1\t0\t0\t0.5\tHola\tHello\n", "bad.tsv:3", "bead '2-1' does not match"),
        (ALIGN_HEAD + "0\t1-1\t0\t0\thigh\tHola\tHello\n", "bad.tsv:3", "confidence"),
        (ALIGN_HEAD + "0\t1-1\t0\t0\tnan\tHola\tHello\n", "bad.tsv:3", "finite"),
        (ALIGN_HEAD + "0\t1-1\t0,\t0\t\tHola\tHello\n", "bad.tsv:3", "sentence id"),
    ],
)
def test_tsv_errors(text: str, location: str, words: str) -> None:
    error = _error(text, "tsv", "bad.tsv")
    assert error.message.startswith(location + ":")
    assert words in error.message
    assert error.hint


def test_tsv_without_comment_line() -> None:
    doc = load("id\tes\ten\n0\tHola\tHello\n", "tsv")
    assert doc == Document((Pair(0, "Hola", "Hello"),), "es", "en", {})
    doc = load("id\tbead\tes_ids\ten_ids\tconfidence\tes\ten\n0\t1-1\t4\t4\t0.25\tHola\tHello\n", "tsv")
    assert doc.kind == "alignment"
    assert doc.pairs == (Pair(0, "Hola", "Hello", (4,), (4,), confidence=0.25),)


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        (
            JSONL_HEAD + '{"id": 0, "source": "a", "target": "b"}\n{"id": 1, "source": "a",\n',
            "bad.jsonl:3",
            "invalid JSON",
        ),
        ('{"id": 0, "source": "a", "target": "b"}\n', "bad.jsonl:1", "missing header"),
        ("[1, 2]\n", "bad.jsonl:1", "missing header"),
        ("\n\n", "bad.jsonl:1", "empty"),
        (JSONL_HEAD + '{"id": 0, "source": "a"}\n', "bad.jsonl:2", "missing key 'target'"),
        (JSONL_HEAD + '{"id": 0, "source": "a", "target": "b", "target": "c"}\n', "bad.jsonl:2", "twice"),
        (JSONL_HEAD + '{"id": 0, "source": "a", "target": "b", "confidence": NaN}\n', "bad.jsonl:2", "NaN"),
        (JSONL_HEAD + '{"id": "0", "source": "a", "target": "b"}\n', "bad.jsonl:2", "id must be"),
        (JSONL_HEAD + '{"id": 0, "source": 1, "target": "b"}\n', "bad.jsonl:2", "must be a string"),
        (JSONL_HEAD + '{"id": 0, "source": "a", "target": "b", "flags": "x"}\n', "bad.jsonl:2", "list"),
        (JSONL_HEAD + '["a", "b"]\n', "bad.jsonl:2", "expected a JSON object"),
        (
            JSONL_HEADER.format(kind="alignment") + '{"bead": "1-1", "es_ids": [1], "en_ids": [], "es": "a", '
            '"en": "b"}\n',
            "bad.jsonl:2",
            "bead '1-1' does not match",
        ),
        (
            '{"bilingual": "translation", "source_lang": "es", "target_lang": "en", "signature": []}\n',
            "bad.jsonl:1",
            "signature",
        ),
        ('{"bilingual": "translation", "source_lang": "es"}\n', "bad.jsonl:1", "target_lang"),
    ],
)
def test_jsonl_errors(text: str, location: str, words: str) -> None:
    error = _error(text, "jsonl", "bad.jsonl")
    assert error.message.startswith(location + ":")
    assert words in error.message


def test_jsonl_skips_blank_lines_and_defaults_ids() -> None:
    doc = load(JSONL_HEAD + '\n{"source": "a", "target": "b"}\n\n{"source": "c", "target": "d"}\n', "jsonl")
    assert [p.id for p in doc.pairs] == [0, 1]


def test_jsonl_write_refuses_clashing_or_unserialisable_extras() -> None:
    clash = replace(TRANSLATION, pairs=(Pair(0, "a", "b", extra={"source": "x"}),))
    with pytest.raises(FormatError, match="clashes"):
        dump(clash, "jsonl")
    odd = replace(TRANSLATION, pairs=(Pair(0, "a", "b", extra={"x": {1, 2}}),))
    with pytest.raises(FormatError, match="JSON"):
        dump(odd, "jsonl")


XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<tmx version="1.4"><header srclang="es"/><body>
<tu><tuv xml:lang="es"><seg>&xxe;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>
"""
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tmx version="1.4"><header srclang="es"/><body>
<tu><tuv xml:lang="es"><seg>&lol4;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>
</body></tmx>
"""
TU = '<tu><tuv xml:lang="es"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'


TMX_MIN_HEADER = '<header srclang="es"><prop type="x-bilingual-target-lang">en</prop></header>'


def _tmx(body: str, header: str = TMX_MIN_HEADER) -> str:
    return f'<?xml version="1.0"?>\n<tmx version="1.4">\n{header}\n<body>\n{body}\n</body>\n</tmx>\n'


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        (XXE, "evil.tmx:3", "refused"),
        (BILLION_LAUGHS, "evil.tmx:3", "refused"),
        ("<tmx><header srclang='es'>\n<body></tmx>\n", "evil.tmx:2", "not well-formed"),
        ("", "evil.tmx:1", "not well-formed"),
        ("<?xml version='1.0'?>\n<html/>\n", "evil.tmx:2", "not <tmx>"),
        ('<tmx version="1.4">\n<header srclang="es"/>\n</tmx>', "evil.tmx:1", "no <body>"),
        (_tmx(TU + '\n<tu><tuv xml:lang="es"><seg>a</seg></tuv></tu>'), "evil.tmx:6", "no <tuv> for language 'en'"),
        (_tmx('<tu><tuv xml:lang="es"><seg>a</seg></tuv><tuv xml:lang="en"/></tu>'), "evil.tmx:5", "no <seg>"),
        (_tmx(TU.replace("<tu>", '<tu><prop type="x-id">one</prop>')), "evil.tmx:5", "x-id"),
        (_tmx(TU.replace("<tu>", '<tu><prop type="x-confidence">hi</prop>')), "evil.tmx:5", "x-confidence"),
        (_tmx("<note>x</note>"), "evil.tmx:5", "unexpected <note>"),
        (_tmx(TU, '<header srclang="es"><prop type="x-bilingual-kind">x</prop></header>'), "evil.tmx:3", "kind"),
        (_tmx("", '<header srclang="es"/>'), "evil.tmx:3", "target_lang"),
    ],
)
def test_tmx_errors(text: str, location: str, words: str) -> None:
    error = _error(text, "tmx", "evil.tmx")
    assert error.message.startswith(location + ":")
    assert words in error.message


def test_tmx_from_another_tool() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="X" creationtoolversion="1" srclang="ES-ES" '
        'datatype="plaintext" segtype="sentence" o-tmf="X" adminlang="en"/><body>\n'
        '<tu tuid="7"><tuv xml:lang="en-GB"><seg>Hello <ph x="1">&lt;br/&gt;</ph>there</seg></tuv>'
        '<tuv xml:lang="es-ES"><seg>Hola <ph x="1"/>allí</seg></tuv></tu>\n'
        "</body></tmx>\n"
    )
    doc = load(text, None, name="memory.tmx")
    assert (doc.source_lang, doc.target_lang, doc.kind, dict(doc.signature)) == ("ES-ES", "en-GB", "translation", {})
    assert doc.pairs == (Pair(0, "Hola allí", "Hello there"),)


def test_tmx_output_is_well_formed_xml_for_other_parsers() -> None:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(dump(TRANSLATION, "tmx"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert len(root.findall("body/tu")) == 2


@pytest.mark.parametrize(
    ("text", "location", "words"),
    [
        ("Some notes\n", "bad.md:1", "missing heading"),
        ("", "bad.md:1", "empty"),
        (
            "# bilingual translation: es → en\n\n| # | es | en |\n|--:|----|----|\n| 0 | a | b | c |\n",
            "bad.md:5",
            "expected 3 cells",
        ),
        (
            "# bilingual translation: es → en\n\n| # | es | en |\n|--:|----|----|\n| 0 | a | b\n",
            "bad.md:5",
            "does not end",
        ),
        ("# bilingual translation: es → en\n\n| # | es | fr |\n|--:|----|----|\n", "bad.md:3", "table header"),
        ("# bilingual translation: es → en\n\n| # | es | en |\n| 0 | a | b |\n", "bad.md:4", "delimiter"),
        (
            "# bilingual translation: es → en\n\n| # | es | en |\n|--:|----|----|\n| x | a | b |\n",
            "bad.md:5",
            "# must be",
        ),
        ("# bilingual translation: es → en\n\nHello\n", "bad.md:3", "before the table"),
        (
            "# bilingual translation: es → en\n\n| # | es | en |\n|--:|----|----|\n\nThe end.\n",
            "bad.md:6",
            "after the table",
        ),
        (
            "# bilingual translation: es → en\n\n| # | es | en |\n|--:|----|----|\n\n| 0 | a | b |\n",
            "bad.md:6",
            "blank lines",
        ),
        (
            "# bilingual alignment: es → en\n\n| # | bead | es | en | confidence |\n|--|--|--|--|--|\n"
            "| 0 | 2-1 (1→2) | a | b |  |\n",
            "bad.md:5",
            "does not match",
        ),
        (
            "# bilingual alignment: es → en\n\n| # | bead | es | en | confidence |\n|--|--|--|--|--|\n"
            "| 0 | 1-1 | a | b |  |\n",
            "bad.md:5",
            "bead cell",
        ),
        ("# bilingual translation: es → en\n\nSignature: `a:1|a:2`\n", "bad.md:3", "twice"),
    ],
)
def test_markdown_errors(text: str, location: str, words: str) -> None:
    error = _error(text, "md", "bad.md")
    assert error.message.startswith(location + ":") or error.message.startswith(location + " ")
    assert words in error.message


def test_markdown_tolerates_repadded_tables() -> None:
    text = (
        "# bilingual translation: es → en\n\nSignature: `engine:x`\n\n"
        "|  #  | es            | en       |\n"
        "| ---:| ------------- | -------- |\n"
        "|   0 | &#32;Hola\\|  | Hi<br/>! |\n"
    )
    doc = load(text, "md")
    assert doc.signature == {"engine": "x"}
    assert doc.pairs == (Pair(0, " Hola|", "Hi\n!"),)


def test_markdown_code_span_with_backticks() -> None:
    doc = replace(TRANSLATION, signature={"b": "", "a": "`x``"})
    text = dump(doc, "md")
    assert "Signature: ``` b:|a:`x`` ```\n" in text
    assert load(text, "md").signature == doc.signature
    empty = replace(TRANSLATION, signature={})
    assert load(dump(empty, "md"), "md").signature == {}


# --- format selection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.tsv", "tsv"), ("a.JSONL", "jsonl"), ("dir.x/a.tmx", "tmx"), ("a.md", "md"), ("a.markdown", "md")],
)
def test_guess_format_from_extension(path: str, fmt: str) -> None:
    assert guess_format(path) == fmt


@pytest.mark.parametrize(("kind", "fmt"), [(kind, fmt) for kind in DOCS for fmt in FORMATS])
def test_guess_format_by_sniffing(tmp_path, kind: str, fmt: str) -> None:
    first_line = GOLDEN[kind, fmt].split("\n", 1)[0]
    assert guess_format("-", head=first_line) == fmt
    path = tmp_path / "output"
    path.write_text(GOLDEN[kind, fmt], encoding="utf-8")
    assert guess_format(str(path)) == fmt


def test_guess_format_unknown() -> None:
    with pytest.raises(FormatError) as info:
        guess_format("notes.txt", head="Dear editor,")
    assert info.value.message.startswith("notes.txt:")
    assert info.value.hint is not None and "tsv, jsonl, tmx, xliff, md" in info.value.hint
    with pytest.raises(FormatError):
        guess_format("/no/such/file")
    with pytest.raises(FormatError, match="tsv, jsonl, tmx, xliff, md"):
        load("id\tes\ten\n", "xlsx")
    with pytest.raises(FormatError, match="unknown format 'csv'"):
        dump(TRANSLATION, "csv")
    with pytest.raises(FormatError, match="unknown document kind"):
        carried_fields("tsv", "summary")
