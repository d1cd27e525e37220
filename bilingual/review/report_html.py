"""HTML quote review: one self-contained page an editor opens offline and reads side by side.

The page has inline CSS and one small inline script, and nothing else: no external assets, fonts
or network, and a Content-Security-Policy that forbids them and lets only that script run. The
script adds filters, an editor's decision per card (accept / needs fix, and a note) kept in the
browser's localStorage under the report's id (so reopening the same report restores them, and
another report never sees them), export of the decisions as JSON or CSV, and keyboard
navigation between flagged cards (j/n next, k/p previous; a accept, f needs fix). Without
JavaScript every card is shown and the page still reads fully; it also prints. Each quote says
where it starts in the article (paragraph and line) when the review knows.

Everything in a :class:`Review` is untrusted (article text can hold ``<script>``, quotes, ``&``,
U+2028 …). Each string is cleaned and passed through :func:`html.escape` exactly once, when it is
written; highlighting finds spans in the raw text and escapes the pieces between the tags.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import html
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import PurePath, PureWindowsPath

from bilingual.review.model import FLAG_KINDS, Flag, Review, ReviewItem

__all__ = ["KIND_LABELS", "render", "report_id"]

#: Badge text for each flag kind (what an editor reads); unknown kinds show their own name.
KIND_LABELS: dict[str, str] = {
    "unmatched": "no original found",
    "low_confidence": "low confidence",
    "addition": "words added",
    "omission": "words left out",
    "number": "number changed",
    "negation": "negation changed",
    "name": "name changed",
    "speaker": "speaker differs",
}

_LANG_NAMES = {"es": "Spanish", "en": "English"}

#: Below this word-level similarity the article/MT diff would underline nearly everything: skip it.
_DIFF_MIN_RATIO = 0.2

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
# C0/C1 controls other than tab/LF/CR, and lone surrogates (which cannot be encoded as UTF-8).
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

_CSS = """
:root {
  --ink: #1a1d21; --muted: #555d66; --line: #d9dde2; --paper: #ffffff; --page: #f3f4f6;
  --accent: #1f3a5f; --ok: #1e7a45; --warn: #a15c00; --bad: #b42318;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans",
    sans-serif;
}
.page { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
.masthead { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 18px; }
.eyebrow { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
h1 { margin: 2px 0 6px; font-size: 26px; line-height: 1.25; overflow-wrap: anywhere; }
.langs { margin: 0 0 8px; font-size: 15px; }
.langs strong { font-weight: 600; }
.sources { margin: 0 0 8px; font-size: 14px; color: var(--muted); }
.sources ul { display: inline; margin: 0; padding: 0; list-style: none; }
.sources li { display: inline; color: var(--ink); overflow-wrap: anywhere; }
.sources li + li::before { content: " · "; color: var(--muted); }
.signature { margin: 0; font-size: 11.5px; color: var(--muted); overflow-wrap: anywhere; }
.signature div { display: inline; }
.signature div + div::before { content: " · "; }
.signature dt, .signature dd { display: inline; margin: 0; }
.signature dt::after { content: ": "; }
.signature dd { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.summary {
  display: flex; flex-wrap: wrap; align-items: center; gap: 10px 18px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin-bottom: 10px;
}
.totals { margin: 0; font-size: 15px; }
.totals strong { font-size: 20px; font-variant-numeric: tabular-nums; }
.totals .sep { color: var(--muted); margin: 0 2px; }
.kinds { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
.chip {
  font: inherit; font-size: 13px; border-radius: 999px; padding: 2px 10px; border: 1px solid;
  cursor: pointer;
}
.chip:disabled { cursor: default; opacity: 1; }
.chip .n { font-weight: 700; margin-left: 4px; font-variant-numeric: tabular-nums; }
.chip[aria-pressed="true"] { box-shadow: 0 0 0 2px var(--ink); }
.only-flagged-control { margin-left: auto; font-size: 14px; display: flex; align-items: center; gap: 6px; }
.only-flagged-control[hidden], .filter-status[hidden] { display: none; }
.filter-status { font-size: 13px; color: var(--muted); }
.legend { margin: 0 0 18px; font-size: 12.5px; color: var(--muted); }
.legend mark { padding: 0 3px; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-left: 5px solid var(--ok);
  border-radius: 8px; margin: 0 0 16px; padding: 14px 18px 16px;
  box-shadow: 0 1px 2px rgba(16, 24, 40, .05);
}
.card.is-flagged { border-left-color: var(--bad); }
.card.is-hidden { display: none; }
.card-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 14px; }
.card-head h2 { margin: 0; font-size: 17px; }
.who { margin: 0; font-size: 14px; color: var(--muted); }
.who span + span::before { content: " · "; }
.who b { color: var(--ink); font-weight: 600; }
.score { margin-left: auto; display: flex; align-items: center; gap: 6px; font-size: 13px; color: var(--muted); }
.score strong {
  color: var(--ink); font-size: 15px; font-variant-numeric: tabular-nums; min-width: 2.6em; text-align: right;
}
.bar { width: 120px; height: 8px; border-radius: 4px; background: #e6e8eb; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--ok); }
.bar.mid span { background: var(--warn); }
.bar.low span { background: var(--bad); }
.flags { list-style: none; margin: 10px 0 0; padding: 0; display: grid; gap: 4px; }
.flags li { font-size: 14px; display: flex; gap: 8px; align-items: baseline; }
.badge {
  flex: none; font-size: 12px; font-weight: 600; border: 1px solid; border-radius: 4px; padding: 0 7px;
  white-space: nowrap;
}
.detail { overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; margin-top: 12px; }
.col { min-width: 0; }
.col h3 {
  margin: 0 0 6px; font-size: 12px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase;
  color: var(--muted); overflow-wrap: anywhere;
}
.col h3 .where { text-transform: none; letter-spacing: 0; font-weight: 400; }
blockquote {
  margin: 0; padding: 10px 14px; background: #f8f9fa; border-radius: 6px; border: 1px solid #eceef1;
  font: 16.5px/1.55 Georgia, "DejaVu Serif", "Liberation Serif", "Times New Roman", serif;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.missing {
  margin: 0; padding: 10px 14px; border: 1px dashed #b8bec6; border-radius: 6px; color: var(--muted);
  font-style: italic;
}
.mt { margin: 8px 2px 0; font-size: 13.5px; color: #3d444c; white-space: pre-wrap; overflow-wrap: anywhere; }
.mt .label { font-weight: 600; color: var(--muted); }
mark { color: inherit; border-radius: 3px; padding: 0 1px; border-bottom: 2px solid; }
.only { text-decoration: underline dotted #7d8590; text-decoration-thickness: 1px; text-underline-offset: 3px; }
footer { margin-top: 28px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 10px; }
.empty { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 18px; }
.decisions-bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; background: var(--paper);
  border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; margin-bottom: 10px; font-size: 14px;
}
.decisions-bar[hidden], .decision[hidden], #export-output[hidden] { display: none; }
.decisions-bar button, .decision button { font: inherit; font-size: 13px; padding: 2px 10px; cursor: pointer; }
.decisions-bar .keys { color: var(--muted); font-size: 12.5px; margin-left: auto; }
.decisions-bar .key {
  font: 12px ui-monospace, monospace; border: 1px solid var(--line); border-radius: 3px; padding: 0 4px;
}
#export-output { width: 100%; min-height: 7em; font: 12px/1.4 ui-monospace, monospace; }
.place { margin: 0; font-size: 13px; color: var(--muted); }
.decision {
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; margin: 12px 0 0; padding: 8px 12px;
  border: 1px solid var(--line); border-radius: 6px; font-size: 14px;
}
.decision .legend {
  font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
}
.decision .note-label { display: flex; gap: 6px; align-items: flex-start; flex: 1 1 260px; }
.decision .note-slot { display: flex; flex: 1; }
.decision textarea { flex: 1; width: 100%; min-height: 2.2em; font: inherit; font-size: 14px; }
.card.decided-accept .decision { border-color: var(--ok); background: #ecfdf3; }
.card.decided-fix .decision { border-color: var(--bad); background: #fef3f2; }
.card.is-current { box-shadow: 0 0 0 3px #2e90fa; }
.flag-unmatched { background: #eceff3; border-color: #475467; color: #1d2939; }
.flag-low_confidence { background: #fef0c7; border-color: #b54708; color: #7a2e0e; }
.flag-addition { background: #ebe4ff; border-color: #6941c6; color: #42307d; }
.flag-omission { background: #ffe6d5; border-color: #c4320a; color: #7c2d12; }
.flag-number { background: #fee4e2; border-color: #d92d20; color: #7a271a; }
.flag-negation { background: #fce7f6; border-color: #c11574; color: #851651; }
.flag-name { background: #dbeafe; border-color: #1d4ed8; color: #1e3a8a; }
.flag-speaker { background: #ccfbef; border-color: #0e9384; color: #134e48; }
.flag-other { background: #f2f4f7; border-color: #667085; color: #344054; }
mark.flag-unmatched, mark.flag-low_confidence, mark.flag-addition, mark.flag-omission, mark.flag-number,
mark.flag-negation, mark.flag-name, mark.flag-speaker, mark.flag-other { color: inherit; }
:focus-visible { outline: 3px solid #2e90fa; outline-offset: 2px; }
@media (max-width: 760px) {
  .page { padding: 16px; }
  .columns { grid-template-columns: 1fr; }
  .score { margin-left: 0; }
}
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .card, .card.is-hidden { display: block; break-inside: avoid; box-shadow: none; }
  .only-flagged-control, .filter-status, .decisions-bar { display: none !important; }
  .chip { cursor: auto; box-shadow: none !important; }
  .summary, .card, blockquote { border-color: #999; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

# Reads #flagged and #kind=number (joined by &) from the URL so a filtered view can be linked to.
_SCRIPT = """
(function () {
  "use strict";
  var body = document.body;
  var box = document.getElementById("only-flagged");
  var status = document.getElementById("filter-status");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var chips = Array.prototype.slice.call(document.querySelectorAll("button.chip[data-kind]"));
  var active = new Set();
  body.classList.add("js");
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    if (part === "flagged") { box.checked = true; }
    if (part.indexOf("kind=") === 0) { active.add(decodeURIComponent(part.slice(5))); }
  });
  function save() {
    var parts = box.checked ? ["flagged"] : [];
    active.forEach(function (k) { parts.push("kind=" + encodeURIComponent(k)); });
    try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname); } catch (e) {}
  }
  function apply() {
    var only = box.checked;
    var shown = 0;
    body.classList.toggle("only-flagged", only);
    cards.forEach(function (card) {
      var kinds = (card.getAttribute("data-kinds") || "").split(" ").filter(Boolean);
      var hide = (only && card.getAttribute("data-flagged") !== "true") ||
        (active.size > 0 && !kinds.some(function (k) { return active.has(k); }));
      card.classList.toggle("is-hidden", hide);
      if (!hide) { shown += 1; }
    });
    chips.forEach(function (chip) {
      chip.setAttribute("aria-pressed", active.has(chip.getAttribute("data-kind")) ? "true" : "false");
    });
    status.textContent = shown === cards.length ? "Showing all " + cards.length :
      "Showing " + shown + " of " + cards.length;
  }
  chips.forEach(function (chip) {
    chip.disabled = false;
    chip.title = "Show only cards with this flag (click again to clear)";
    chip.addEventListener("click", function () {
      var kind = chip.getAttribute("data-kind");
      if (active.has(kind)) { active.delete(kind); } else { active.add(kind); }
      apply();
      save();
    });
  });
  box.addEventListener("change", function () { apply(); save(); });
  document.getElementById("only-flagged-control").hidden = false;
  status.hidden = false;
  apply();

  var key = "bilingual-review:" + body.getAttribute("data-report");
  var bar = document.getElementById("decisions-bar");
  var decisionStatus = document.getElementById("decision-status");
  var output = document.createElement("textarea");
  output.id = "export-output";
  output.readOnly = true;
  output.hidden = true;
  output.setAttribute("aria-label", "Exported decisions");
  bar.appendChild(output);
  var decisions = {};
  var stored = true;
  try { decisions = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { stored = false; }
  function record(card) {
    var id = card.getAttribute("data-quote");
    var d = decisions[id] || {};
    return { decision: d.decision || "", note: d.note || "" };
  }
  function show(card) {
    var d = record(card);
    card.querySelectorAll(".decision input[type=radio]").forEach(function (r) { r.checked = r.value === d.decision; });
    var note = card.querySelector(".decision textarea");
    if (note && document.activeElement !== note) { note.value = d.note; }
    card.classList.toggle("decided-accept", d.decision === "accept");
    card.classList.toggle("decided-fix", d.decision === "fix");
  }
  function count() {
    var done = 0;
    var fix = 0;
    cards.forEach(function (card) {
      var d = record(card).decision;
      if (d) { done += 1; }
      if (d === "fix") { fix += 1; }
    });
    decisionStatus.textContent = "Decided " + done + " of " + cards.length + " \\u00b7 " + fix + " need a fix" +
      (stored ? "" : " (this browser does not keep them: export before closing)");
  }
  function remember(card, changes) {
    var id = card.getAttribute("data-quote");
    var d = record(card);
    Object.keys(changes).forEach(function (k) { d[k] = changes[k]; });
    if (d.decision || d.note) { decisions[id] = d; } else { delete decisions[id]; }
    try { localStorage.setItem(key, JSON.stringify(decisions)); } catch (e) { stored = false; }
    show(card);
    count();
  }
  cards.forEach(function (card) {
    var box = card.querySelector(".decision");
    if (!box) { return; }
    box.hidden = false;
    box.querySelectorAll("input[type=radio]").forEach(function (r) {
      r.addEventListener("change", function () { if (r.checked) { remember(card, { decision: r.value }); } });
    });
    var clear = box.querySelector("button.clear");
    clear.addEventListener("click", function () { remember(card, { decision: "", note: "" }); });
    var note = document.createElement("textarea");
    note.rows = 1;
    note.setAttribute("aria-label", "Note on item " + card.getAttribute("data-quote"));
    box.querySelector(".note-slot").appendChild(note);
    note.addEventListener("input", function () { remember(card, { note: note.value }); });
    show(card);
  });
  function rows() {
    return cards.map(function (card) {
      var d = record(card);
      var num = function (name) { var v = card.getAttribute(name); return v ? Number(v) : null; };
      return {
        quote: Number(card.getAttribute("data-quote")),
        part: num("data-part") || 0,
        paragraph: num("data-paragraph"),
        line: num("data-line"),
        speaker: card.getAttribute("data-speaker") || null,
        flags: (card.getAttribute("data-kinds") || "").split(" ").filter(Boolean),
        decision: d.decision,
        note: d.note
      };
    }).sort(function (a, b) { return Math.floor(a.quote) - Math.floor(b.quote) || a.part - b.part; })
      .map(function (r) { delete r.part; return r; });
  }
  function cell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\\-@\\t\\r]/.test(text)) { text = "'" + text; }
    return /[",\\r\\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function exportAs(kind) {
    var data = rows();
    var text;
    if (kind === "json") {
      text = JSON.stringify({ report: body.getAttribute("data-report"), article: body.getAttribute("data-article"),
        decisions: data }, null, 2) + "\\n";
    } else {
      var head = ["quote", "paragraph", "line", "speaker", "flags", "decision", "note"];
      text = head.join(",") + "\\r\\n" + data.map(function (r) {
        return [r.quote, r.paragraph, r.line, r.speaker, r.flags.join(" "), r.decision, r.note].map(cell).join(",");
      }).join("\\r\\n") + "\\r\\n";
    }
    output.value = text;
    output.hidden = false;
    output.setAttribute("data-format", kind);
    try {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: kind === "json" ? "application/json" : "text/csv" }));
      link.download = "decisions-" + (body.getAttribute("data-article") || "review") + "." + kind;
      link.hidden = true;
      body.appendChild(link);
      link.click();
      body.removeChild(link);
    } catch (e) {}
  }
  document.getElementById("export-json").addEventListener("click", function () { exportAs("json"); });
  document.getElementById("export-csv").addEventListener("click", function () { exportAs("csv"); });
  bar.hidden = false;
  count();

  var current = -1;
  function go(step) {
    var flagged = cards.filter(function (c) {
      return c.getAttribute("data-flagged") === "true" && !c.classList.contains("is-hidden");
    });
    if (!flagged.length) { return; }
    var at = flagged.indexOf(cards[current]);
    var next = at < 0 ? (step > 0 ? 0 : flagged.length - 1) : Math.min(Math.max(at + step, 0), flagged.length - 1);
    if (current >= 0) { cards[current].classList.remove("is-current"); }
    current = cards.indexOf(flagged[next]);
    var card = cards[current];
    card.classList.add("is-current");
    card.setAttribute("tabindex", "-1");
    card.focus({ preventScroll: true });
    if (card.scrollIntoView) { card.scrollIntoView({ block: "center" }); }
  }
  document.addEventListener("keydown", function (event) {
    var tag = event.target && event.target.tagName;
    if (event.ctrlKey || event.metaKey || event.altKey || tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT") {
      return;
    }
    var k = event.key;
    if (k === "j" || k === "n") { go(1); } else if (k === "k" || k === "p") { go(-1); }
    else if ((k === "a" || k === "f") && current >= 0) {
      remember(cards[current], { decision: k === "a" ? "accept" : "fix" });
    }
    else { return; }
    event.preventDefault();
  });
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode("ascii")
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{_SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)


def render(review: Review) -> str:
    """The whole review as one self-contained HTML5 page (flagged items first)."""
    pairs = review.mode == "pairs"
    items = sorted(review.items, key=lambda item: not item.flagged)
    name = _file_name(review.article)
    title = f"{'Translation' if pairs else 'Quote'} review — {name}"
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n",
        f'<body data-report="{report_id(review)}" data-article="{_e(name)}">\n',
        '<div class="page">\n',
        _header(review, title),
        _summary(review, pairs),
        _decisions_bar(),
        _legend(pairs),
        '<main id="items">\n',
    ]
    if items:
        parts.extend(_card(review, item, pairs, review.location(item)) for item in items)
    else:
        what = "sentence pairs" if pairs else "quotes"
        parts.append(f'<p class="empty">No {what} to review.</p>\n')
    parts.append("</main>\n")
    parts.append(
        "<footer>Made offline by bilingual. Machine translation is a guide to the original, not a verdict: "
        "check flagged quotes against the recording or transcript.</footer>\n"
    )
    parts.append(f"</div>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")
    return "".join(parts)


def report_id(review: Review) -> str:
    """A short id of this report (signature, article, mode and every item's text), under which
    the browser keeps the editor's decisions: the same review reopened finds them again, and a
    different one starts clean."""
    digest = hashlib.sha256()
    for part in (review.mode, review.article, *(f"{k}={v}" for k, v in review.signature.items())):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\x00")
    for item in review.items:
        digest.update(f"{item.label}\x01{item.article_text}".encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()[:16]


def _decisions_bar() -> str:
    """Decision count, export buttons and the keyboard hint (shown once the script runs)."""
    return (
        '<section class="decisions-bar" id="decisions-bar" aria-label="Decisions" hidden>\n'
        '<span id="decision-status" role="status"></span>\n'
        '<button type="button" id="export-json">Export decisions (JSON)</button>\n'
        '<button type="button" id="export-csv">Export decisions (CSV)</button>\n'
        '<span class="keys">Keys: <span class="key">j</span>/<span class="key">n</span> next flag, '
        '<span class="key">k</span>/<span class="key">p</span> previous, '
        '<span class="key">a</span> accept, <span class="key">f</span> needs fix</span>\n'
        "</section>\n"
    )


def _decision(quote: str) -> str:
    """A card's decision controls: accept / needs fix and a note (shown once the script runs)."""
    return (
        f'<div class="decision" role="group" aria-label="Decision on item {quote}" hidden>'
        '<span class="legend">Decision</span>'
        f'<label><input type="radio" name="decision-{quote}" value="accept"> Accept</label>'
        f'<label><input type="radio" name="decision-{quote}" value="fix"> Needs fix</label>'
        '<label class="note-label">Note <span class="note-slot"></span></label>'
        '<button type="button" class="clear">Clear</button></div>\n'
    )


def _header(review: Review, title: str) -> str:
    """Title, languages, sources and signature."""
    if review.mode == "pairs":
        langs = (
            f"<strong>Source</strong> {_e(_lang_name(review.article_lang))} → "
            f"<strong>Translation</strong> {_e(_lang_name(review.source_lang))}"
        )
        sources_label = "Files"
    else:
        langs = (
            f"<strong>Article</strong> in {_e(_lang_name(review.article_lang))} → "
            f"<strong>originals</strong> in {_e(_lang_name(review.source_lang))}"
        )
        sources_label = "Sources"
    out = [
        '<header class="masthead">\n',
        '<p class="eyebrow">bilingual · fidelity check</p>\n',
        f"<h1>{_e(title)}</h1>\n",
        f'<p class="langs">{langs}</p>\n',
    ]
    if review.sources:
        names = "".join(f"<li>{_e(s)}</li>" for s in review.sources)
        out.append(f'<div class="sources">{sources_label}: <ul>{names}</ul></div>\n')
    if review.signature:
        pairs = "".join(f"<div><dt>{_e(str(k))}</dt><dd>{_e(str(v))}</dd></div>" for k, v in review.signature.items())
        out.append(f'<dl class="signature" aria-label="Signature">{pairs}</dl>\n')
    out.append("</header>\n")
    return "".join(out)


def _summary(review: Review, pairs: bool) -> str:
    """Totals, per-kind count chips (filter buttons once the script enables them), the flagged toggle."""
    total = len(review.items)
    flagged = sum(1 for item in review.items if item.flagged)
    quotes = len({item.quote for item in review.items})
    noun = ("pair" if pairs else "quote") + ("" if quotes == 1 else "s")
    if quotes != total:  # quotes reviewed sentence by sentence: flagged and clean count parts
        noun += f" in <strong>{total}</strong> part{'' if total == 1 else 's'}"
    counts = review.counts()
    ordered = [k for k in FLAG_KINDS if k in counts] + sorted(k for k in counts if k not in FLAG_KINDS)
    chips = "".join(
        f'<li><button type="button" class="chip {_kind_class(k)}" data-kind="{_e(k)}" disabled '
        f'aria-pressed="false">{_e(_kind_label(k))}<span class="n">{counts[k]}</span></button></li>'
        for k in ordered
    )
    out = [
        '<section class="summary" aria-label="Summary">\n',
        f'<p class="totals"><strong>{quotes}</strong> {noun}<span class="sep"> · </span>'
        f'<strong>{flagged}</strong> flagged<span class="sep"> · </span><strong>{total - flagged}</strong> clean</p>\n',
    ]
    if chips:
        out.append(f'<ul class="kinds" aria-label="Flags by kind">{chips}</ul>\n')
    out.append(
        '<label class="only-flagged-control" id="only-flagged-control" hidden>'
        '<input type="checkbox" id="only-flagged"> Show only flagged</label>\n'
        '<span class="filter-status" id="filter-status" role="status" hidden></span>\n'
        "</section>\n"
    )
    return "".join(out)


def _legend(pairs: bool) -> str:
    """What the highlighting means."""
    left = "source text" if pairs else "article"
    return (
        '<p class="legend"><mark class="flag-number">Coloured</mark> words are what a flag is about; '
        f'<span class="only">dotted underline</span> marks words found only in the {left} or only in the '
        "machine translation of the other side.</p>\n"
    )


def _card(review: Review, item: ReviewItem, pairs: bool, place: tuple[int, int] | None = None) -> str:
    """One item: number, where it is in the article, speakers, score, flags, the two texts side by
    side and the editor's decision."""
    kinds = sorted({f.kind for f in item.flags}, key=_kind_order)
    flagged = "true" if item.flagged else "false"
    classes = "card is-flagged" if item.flagged else "card"
    quote = _e(item.label)
    noun = "Pair" if pairs else "Quote"
    out = [
        f'<article class="{classes}" id="item-{quote}" data-quote="{quote}" data-flagged="{flagged}" '
        f'data-kinds="{_e(" ".join(kinds))}" data-score="{_e(_score_attr(item.score))}" '
        + (f'data-part="{item.part}" ' if item.part else "")
        + (f'data-paragraph="{place[0]}" data-line="{place[1]}" ' if place else "")
        + (f'data-speaker="{_e(item.speaker)}" ' if item.speaker else "")
        + f'aria-labelledby="item-{quote}-title">\n',
        '<header class="card-head">',
        f'<h2 id="item-{quote}-title">{noun} {quote}</h2>',
    ]
    if place:
        out.append(f'<p class="place">paragraph {place[0]}, line {place[1]}</p>')
    who = []
    if item.speaker:
        who.append(f"<span>Speaker: <b>{_e(item.speaker)}</b></span>")
    if item.match is not None and item.match.speaker:
        who.append(f"<span>In the original: <b>{_e(item.match.speaker)}</b></span>")
    if who:
        out.append(f'<p class="who">{"".join(who)}</p>')
    out.append(_score(item))
    out.append("</header>\n")
    if item.flags:
        rows = "".join(
            f'<li><span class="badge {_kind_class(f.kind)}" title="{_e(f.detail)}">{_e(_kind_label(f.kind))}</span>'
            f'<span class="detail">{_e(f.detail)}</span></li>'
            for f in item.flags
        )
        out.append(f'<ul class="flags" aria-label="Flags">{rows}</ul>\n')
    out.append(_columns(review, item, pairs))
    out.append(_decision(quote))
    out.append("</article>\n")
    return "".join(out)


def _score(item: ReviewItem) -> str:
    """Score as a percentage and a bar coloured by band."""
    if not math.isfinite(item.score) or item.match is None:
        return '<div class="score">match <strong>—</strong><span class="bar low" aria-hidden="true"></span></div>'
    value = min(max(item.score, 0.0), 1.0)
    pct = round(value * 100)
    band = "" if value >= 0.8 else " mid" if value >= 0.5 else " low"
    return (
        f'<div class="score">match <strong>{pct}%</strong>'
        f'<span class="bar{band}" role="img" aria-label="match score {pct} percent">'
        f'<span style="width:{pct}%"></span></span></div>'
    )


def _columns(review: Review, item: ReviewItem, pairs: bool) -> str:
    """Left: the article (or source) text; right: the matched original (or target) and its MT."""
    left_lang, right_lang = review.article_lang, review.source_lang
    match = item.match
    left_terms = _terms(item.flags, ("article", ""))
    right_terms = _terms(item.flags, ("source", ""))
    left_only: list[tuple[int, int]] = []
    mt_only: list[tuple[int, int]] = []
    article_text = _clean(item.article_text)
    translation = _clean(match.translation) if match is not None else ""
    if translation:
        left_only, mt_only = _word_diff(article_text, translation)
    left_label = "Source" if pairs else "Article"
    where = _sentences(item.article_sentences)
    where_html = f' <span class="where">— {_e(where)}</span>' if where else ""
    out = [
        '<div class="columns">\n',
        f'<section class="col col-article" aria-label="{left_label}">'
        f"<h3>{left_label} ({_e(left_lang)}){where_html}</h3>",
        f'<blockquote lang="{_e(left_lang)}">{_highlight(article_text, left_terms, left_only)}</blockquote>',
        "</section>\n",
    ]
    right_label = "Translation" if pairs else "Original"
    out.append(f'<section class="col col-original" aria-label="{right_label}">')
    if match is None:
        missing = "No translation found" if pairs else "No original found in the sources"
        out.append(f"<h3>{right_label} ({_e(right_lang)})</h3>")
        out.append(f'<p class="missing">{missing}</p>')
    else:
        bits = [b for b in (match.source, _sentences(match.sentences)) if b]
        where_html = f' <span class="where">— {_e(", ".join(bits))}</span>' if bits else ""
        out.append(f"<h3>{right_label} ({_e(right_lang)}){where_html}</h3>")
        out.append(
            f'<blockquote lang="{_e(right_lang)}">{_highlight(_clean(match.text), right_terms, [])}</blockquote>'
        )
        if translation:
            out.append(
                f'<p class="mt"><span class="label">Machine translation:</span> '
                f'<span lang="{_e(left_lang)}">{_highlight(translation, right_terms, mt_only)}</span></p>'
            )
    out.append("</section>\n</div>\n")
    return "".join(out)


def _terms(flags: Iterable[Flag], sides: Sequence[str]) -> list[Flag]:
    """The flags whose words are in a column."""
    return [f for f in flags if f.side in sides and f.text.strip()]


def _highlight(text: str, terms: Sequence[Flag], only: Sequence[tuple[int, int]]) -> str:
    """Escaped ``text`` with each term in a ``<mark>`` and each ``only`` span in a dotted underline.

    Spans are found in the raw (cleaned) text and every piece between tags is escaped on its own;
    marks never overlap, and underlines are clipped to the mark or gap they fall in, so tags nest.
    """
    marks = _mark_spans(text, terms)
    out: list[str] = []
    pos = 0
    for start, end, flag in marks:
        out.append(_underline(text, pos, start, only))
        label = _e(f"{_kind_label(flag.kind)}: {flag.detail}" if flag.detail else _kind_label(flag.kind))
        inner = _underline(text, start, end, only)
        out.append(f'<mark class="flag {_kind_class(flag.kind)}" title="{label}">{inner}</mark>')
        pos = end
    out.append(_underline(text, pos, len(text), only))
    return "".join(out)


def _underline(text: str, lo: int, hi: int, only: Sequence[tuple[int, int]]) -> str:
    """Escaped ``text[lo:hi]`` with the parts of the ``only`` spans inside it underlined."""
    out: list[str] = []
    pos = lo
    for start, end in only:
        start, end = max(start, lo), min(end, hi)
        if start >= end or start < pos:
            continue
        out.append(_e(text[pos:start]))
        out.append(f'<span class="only">{_e(text[start:end])}</span>')
        pos = end
    out.append(_e(text[pos:hi]))
    return "".join(out)


def _mark_spans(text: str, flags: Sequence[Flag]) -> list[tuple[int, int, Flag]]:
    """Non-overlapping (start, end, flag) of each flag's words: case- and accent-insensitive, whole words.

    Where two flags' words overlap the earlier, then longer, occurrence wins.
    """
    folded = _fold(text)
    found: list[tuple[int, int, Flag]] = []
    for flag in flags:
        pattern = _term_pattern(_clean(flag.text))
        if pattern is None:
            continue
        found.extend((m.start(), m.end(), flag) for m in pattern.finditer(folded) if m.end() > m.start())
    found.sort(key=lambda span: (span[0], span[0] - span[1]))
    chosen: list[tuple[int, int, Flag]] = []
    for span in found:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def _term_pattern(term: str) -> re.Pattern[str] | None:
    """Regex over folded text: the term's words with any whitespace between, not inside longer words."""
    words = _fold(term).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    head = r"(?<!\w)" if _WORD.match(words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(head + body + tail)


def _word_diff(left: str, right: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of words found on one side only (difflib over folded word tokens), merged into runs."""
    a = list(_WORD.finditer(_fold(left)))
    b = list(_WORD.finditer(_fold(right)))
    if not a or not b:
        return [], []
    matcher = difflib.SequenceMatcher(None, [m.group() for m in a], [m.group() for m in b], autojunk=False)
    if matcher.ratio() < _DIFF_MIN_RATIO:
        return [], []
    only_a: list[tuple[int, int]] = []
    only_b: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete") and i2 > i1:
            only_a.append((a[i1].start(), a[i2 - 1].end()))
        if op in ("replace", "insert") and j2 > j1:
            only_b.append((b[j1].start(), b[j2 - 1].end()))
    return only_a, only_b


def _fold(text: str) -> str:
    """Lowercase and strip accents character by character, so offsets in the result match ``text``."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def _clean(text: str) -> str:
    """NFC text without control characters or lone surrogates (each becomes U+FFFD)."""
    return unicodedata.normalize("NFC", _BAD_CHARS.sub("\ufffd", text))


def _e(text: str) -> str:
    """Clean and escape untrusted text for element content or a double-quoted attribute."""
    return html.escape(_clean(text), quote=True)


def _kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " "))


def _kind_class(kind: str) -> str:
    """CSS class of a kind; unknown kinds share one neutral colour (and never reach a class name)."""
    return f"flag-{kind}" if kind in FLAG_KINDS else "flag-other"


def _kind_order(kind: str) -> tuple[int, str]:
    return (FLAG_KINDS.index(kind) if kind in FLAG_KINDS else len(FLAG_KINDS), kind)


def _score_attr(score: float) -> str:
    return f"{score:.4f}" if math.isfinite(score) else ""


def _lang_name(code: str) -> str:
    name = _LANG_NAMES.get(code.lower())
    return f"{name} ({code})" if name else code


def _file_name(path: str) -> str:
    """The last component of a POSIX or Windows path (the path itself when it has none)."""
    return PureWindowsPath(PurePath(path).name).name or path


def _sentences(ids: Sequence[int]) -> str:
    """``sentence 3``, ``sentences 3–4`` or ``sentences 3–5, 8``."""
    if not ids:
        return ""
    runs: list[list[int]] = []
    for i in sorted(set(ids)):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    text = ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
    return f"sentence {text}" if len(set(ids)) == 1 else f"sentences {text}"
