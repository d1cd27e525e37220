"""Baseline sentence aligners and shared eval data for bench/align_accuracy and bench/align_speed.

Not part of the package.  The scripts put the repo root on ``sys.path`` so that
``python3 bench/align_accuracy`` works from the repo root without installing anything.

Aligners (each returns a list of groups ``(src_ids, tgt_ids)``, 0-based, ``()`` for an empty side)
-----------------------------------------------------------------------------------------------
* ours         - ``bilingual.align.align_sentences`` (``--impl`` points the benches at another
                 module or ``.py`` file with the same API, used to develop the benches before
                 align.py existed).
* gale-church  - :func:`gale_church`, our own implementation of Gale & Church (1993), "A program
                 for aligning sentences in bilingual corpora": character lengths, the paper's
                 match probability ``2 (1 - Phi(|delta|))`` with ``delta = (l2 - c l1) / sqrt(s2 l1')``
                 (``l1'`` the mean of ``l1`` and ``l2 / c`` as in the paper's C program), bead priors
                 1-1 .89, 1-0 / 0-1 .0099, 2-1 / 1-2 .089, 2-2 .011 (each direction gets the full
                 prior, as the C program's penalties do), ``s2 = 6.8`` from the paper and ``c``
                 estimated per document as total target chars / total source chars.  Phi uses the
                 same Abramowitz-Stegun 26.2.17 approximation as the C program, in log space (no
                 BIG_DISTANCE clamp needed).  Full dynamic programme (no band), one numpy row at a
                 time: the 0-1 move is a running minimum (``np.minimum.accumulate``), so the whole
                 DP is O(n m) in C loops and O(n m) bytes of back-pointers.
                 The benches feed it the *lengths of the Apertium translation* of the source (same
                 MT as the other aligners; ``c`` then comes out near 1); ``--gc-lengths src`` uses
                 the Spanish lengths as in the paper.  With paragraph ids on both sides it first
                 aligns paragraphs (by paragraph lengths) and then sentences inside each aligned
                 paragraph group, as the paper does.
* bleualign    - Sennrich & Volk (2010), the PyPI package ``pypi-bleualign`` 0.1.1.1 (Rico
                 Sennrich's code), run in-process: ``Aligner(options).process(src, tgt, [src_mt],
                 [])`` is exactly what its ``mainloop()`` calls for each article, minus the file
                 I/O and the worker processes.  Default options (BLEU 2-grams, maxalternatives 3,
                 Nto1 2, gap fillers bleu1to1 + galechurch, filter off, printempty False).  With
                 those defaults Bleualign *drops* the sentences it leaves unaligned: it never
                 outputs a 1-0 / 0-1 pair (``addtoAlignments`` discards a pair with an empty side)
                 and a gap with no valid gap filler is skipped.  We score its output as it is, so
                 it has no deletion groups: deletions cannot cost it precision, and its 1-0 / 0-1
                 recall is 0 by construction.
                 If the package is missing or does not run, :func:`bleualign_status` says so and
                 the row is n/a (no reimplementation is substituted).

Eval data (shared by both scripts)
----------------------------------
:func:`load_set` reads ``../shared/eval/align/<set>/`` and returns documents of sentences with
their gold groups (unit gold projected onto our splitter's sentences with project_gold.py for
UDHR and the Bible), and :func:`add_mt` fills in the Apertium translation of both sides, cached
in ``$XDG_CACHE_HOME/bilingual-bench/`` (default ``~/.cache/bilingual-bench/``) keyed by a hash of
the sentences, the direction and the Apertium package version.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from _common import EVAL_DIR, REPO, load_ours_module  # repo on sys.path, ../shared/eval, module loader

ALIGN_DIR = EVAL_DIR / "align"
SCORER = EVAL_DIR / "score_alignment.py"
PROJECTOR = EVAL_DIR / "project_gold.py"
SETS = ("udhr_es_en", "ud_pud_es_en", "bible_rv1909_kjv")
UDHR_UNITS = "udhr_units"
"""UDHR aligned as given (paragraph units, 1-1 gold), next to the split + projected variant."""

Group = tuple[tuple[int, ...], tuple[int, ...]]


def _load_file_module(name: str, path: Path):
    if not path.is_file():
        raise FileNotFoundError(f"not found: {path}")
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_scorer():
    """score_alignment.py as a module (its score())."""
    return _load_file_module("score_alignment", SCORER)


def load_projector():
    """project_gold.py as a module (its project())."""
    return _load_file_module("project_gold", PROJECTOR)


def eval_missing() -> str | None:
    """Why the eval data cannot be used, or None."""
    for p in (ALIGN_DIR, SCORER, PROJECTOR):
        if not p.exists():
            return f"eval data not found: {p} (expected ../shared/eval beside the repo)"
    return None


# ---------------------------------------------------------------------------------------------
# eval data


@dataclass
class Doc:
    """One document to align: sentences of both sides, gold groups (local ids), optional extras."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[Group]
    src_par: list[int] | None = None
    tgt_par: list[int] | None = None
    src_mt: list[str] | None = None
    tgt_mt: list[str] | None = None


@dataclass
class EvalSet:
    name: str
    docs: list[Doc]
    how: str  # how sentences and gold were obtained
    notes: list[str] = field(default_factory=list)

    @property
    def n_src(self) -> int:
        return sum(len(d.src) for d in self.docs)

    @property
    def n_tgt(self) -> int:
        return sum(len(d.tgt) for d in self.docs)


def _lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").rstrip("\r") for line in f]


def _ids(s: str) -> tuple[int, ...]:
    return tuple(int(x) for x in s.split(",") if x.strip())


def read_gold(path: Path) -> list[Group]:
    out = []
    for line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        a, b = ([*line.split("\t"), ""])[:2]
        out.append((_ids(a), _ids(b)))
    return out


def one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _groups(raw) -> list[Group]:
    return [(tuple(a), tuple(b)) for a, b in raw]


def load_set(name: str, split_text: Callable, projector) -> EvalSet:
    """Sentences + gold for one eval set (see the module docstring of bench/align_accuracy)."""
    d = ALIGN_DIR / (name if name != UDHR_UNITS else "udhr_es_en")
    src_units, tgt_units = _lines(d / "src.es.txt"), _lines(d / "tgt.en.txt")
    gold_units = read_gold(d / "gold.tsv")

    def split(text: str, lang: str) -> list[str]:
        return [one_line(s.text) for s in split_text(text, lang)]

    if name == UDHR_UNITS:
        units = ALIGN_DIR / "udhr_es_en"
        src_units, tgt_units = _lines(units / "src.es.txt"), _lines(units / "tgt.en.txt")
        doc = Doc("all", src_units, tgt_units, read_gold(units / "gold.tsv"))
        return EvalSet(name, [doc], "udhr_es_en as given: one unit (paragraph) per line, gold.tsv as is (all 1-1)")

    if name == "ud_pud_es_en":
        doc = Doc("all", src_units, tgt_units, gold_units)
        return EvalSet(name, [doc], "the given lines as sentences, gold.tsv as is; all 1000 lines as one document")

    if name == "udhr_es_en":
        src, tgt, sp, tp = [], [], [], []
        for k, u in enumerate(src_units):
            ss = split(u, "es")
            src += ss
            sp += [k] * len(ss)
        for k, u in enumerate(tgt_units):
            ts = split(u, "en")
            tgt += ts
            tp += [k] * len(ts)
        gold = _groups(projector.project(src_units, tgt_units, [(list(a), list(b)) for a, b in gold_units], src, tgt))
        doc = Doc("all", src, tgt, gold, sp, tp)
        return EvalSet(
            name,
            [doc],
            "each unit (paragraph) split with split_text; gold projected with project_gold.py; one document; "
            "paragraph ids = unit index",
        )

    if name == "bible_rv1909_kjv":
        rows = [r.split("\t") for r in _lines(d / "chapters.tsv")[1:] if r.strip()]
        books: dict[str, list] = {}
        for book, ch, es0, es1, en0, en1 in rows:
            books.setdefault(book, []).append((int(ch), int(es0), int(es1), int(en0), int(en1)))
        docs = []
        for book, chapters in books.items():
            src, tgt, gold = [], [], []
            for _ch, es0, es1, en0, en1 in chapters:
                ue, un = src_units[es0:es1], tgt_units[en0:en1]
                se, sn = split(" ".join(ue), "es"), split(" ".join(un), "en")
                ug = [
                    (list(a), list(b))
                    for a, b in gold_units
                    if any(es0 <= x < es1 for x in a) or any(en0 <= x < en1 for x in b)
                ]
                for a, b in projector.project(ue, un, ug, se, sn, es0, en0):
                    gold.append((tuple(x + len(src) for x in a), tuple(x + len(tgt) for x in b)))
                src += se
                tgt += sn
            docs.append(Doc(book, src, tgt, gold))
        return EvalSet(
            name,
            docs,
            "verses of each chapter joined by a space and split with split_text; verse gold projected per "
            "chapter with project_gold.py; each book (Ruth, Mark, Acts) aligned as one document; no paragraph ids",
            ["projected groups are an upper bound (a 2-2 may really be two 1-1s): lax is the meaningful score"],
        )
    raise ValueError(f"unknown eval set {name!r}")


def list_sets(only: str | None = None) -> tuple[list[str], str | None]:
    why = eval_missing()
    if why:
        return [], why
    have = [s for s in SETS if (ALIGN_DIR / s / "gold.tsv").is_file()]
    if "udhr_es_en" in have:
        have.insert(have.index("udhr_es_en") + 1, UDHR_UNITS)
    if only:
        if only not in have:
            return [], f"no eval set named {only!r} in {ALIGN_DIR} (have: {', '.join(have)})"
        return [only], None
    if not have:
        return [], f"no eval sets in {ALIGN_DIR}"
    return have, None


# ---------------------------------------------------------------------------------------------
# machine translation (Apertium), cached


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilingual-bench"


class MT:
    """Apertium translate_batch with a per-document JSON cache; ``info`` says what ran."""

    def __init__(self, use_cache: bool = True):
        from bilingual.engines.apertium import ApertiumEngine

        self.engine = ApertiumEngine()
        self.use_cache = use_cache
        self.version = {d: self.engine.model_version(*d) for d in (("es", "en"), ("en", "es"))}
        self.hits = self.misses = 0
        self.seconds = 0.0

    @property
    def info(self) -> str:
        v = self.version[("es", "en")]
        return (
            f"Apertium ({v}) via bilingual.engines.apertium.ApertiumEngine.translate_batch, one call per document/side"
        )

    def translate(self, sentences: Sequence[str], src: str, tgt: str) -> list[str]:
        import time

        key = hashlib.sha256(
            json.dumps([src, tgt, self.version[(src, tgt)], list(sentences)], ensure_ascii=False).encode()
        ).hexdigest()[:32]
        path = cache_dir() / f"mt-{src}{tgt}-{key}.json"
        if self.use_cache and path.is_file():
            with contextlib.suppress(Exception):
                out = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(out, list) and len(out) == len(sentences):
                    self.hits += 1
                    return out
        t = time.perf_counter()
        out = [one_line(x.text) for x in self.engine.translate_batch(list(sentences), src, tgt)]
        self.seconds += time.perf_counter() - t
        self.misses += 1
        if self.use_cache:
            with contextlib.suppress(OSError):
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(out, f, ensure_ascii=False)
                os.replace(tmp, path)
        return out


def make_mt(use_cache: bool = True) -> tuple[MT | None, str | None]:
    try:
        mt = MT(use_cache)
        if not mt.engine.supports("es", "en") or not mt.engine.supports("en", "es"):
            return None, "apertium-eng-spa is not installed"
        return mt, None
    except Exception as e:
        return None, f"{type(e).__name__}: {e}"


def add_mt(es: EvalSet, mt: MT) -> None:
    for d in es.docs:
        d.src_mt = mt.translate(d.src, "es", "en")
        d.tgt_mt = mt.translate(d.tgt, "en", "es")


# ---------------------------------------------------------------------------------------------
# ours

_IMPL_CACHE: dict = {}


def load_ours(impl: str):
    """The aligner under test: a dotted module name or a path to a .py file; (module, info)."""
    if impl in _IMPL_CACHE:
        return _IMPL_CACHE[impl]
    mod = load_ours_module(impl)
    mod.align_sentences  # noqa: B018 - fail early if the API is missing
    where = str(getattr(mod, "__file__", None) or impl)
    digest = ""
    with contextlib.suppress(OSError):
        digest = f" (sha256 {hashlib.sha256(Path(where).read_bytes()).hexdigest()[:12]})"
    if where.startswith(str(REPO) + os.sep):
        where = os.path.relpath(where, REPO)
    _IMPL_CACHE[impl] = (mod, f"{impl}.align_sentences from {where}{digest}")
    return _IMPL_CACHE[impl]


def run_ours(mod, doc: Doc, use_mt: bool = True, use_paragraphs: bool = True) -> tuple[list[Group], list[float]]:
    beads = mod.align_sentences(
        doc.src,
        doc.tgt,
        src_lang="es",
        tgt_lang="en",
        src_mt=doc.src_mt if use_mt else None,
        tgt_mt=doc.tgt_mt if use_mt else None,
        src_paragraphs=doc.src_par if use_paragraphs else None,
        tgt_paragraphs=doc.tgt_par if use_paragraphs else None,
    )
    groups = [(tuple(b.src_ids), tuple(b.tgt_ids)) for b in beads]
    conf = [float(getattr(b, "confidence", float("nan"))) for b in beads]
    return groups, conf


def check_beads(groups: list[Group], n_src: int, n_tgt: int) -> list[str]:
    """API contract: every sentence in exactly one group, in order, ids consecutive."""
    problems = []
    si = ti = 0
    for k, (a, b) in enumerate(groups):
        if not a and not b:
            problems.append(f"group {k} is empty on both sides")
            break
        if (a and a != tuple(range(si, si + len(a)))) or (b and b != tuple(range(ti, ti + len(b)))):
            problems.append(f"group {k} {list(a)}-{list(b)} is not consecutive/in order (expected src {si}, tgt {ti})")
            break
        si += len(a)
        ti += len(b)
    else:
        if si != n_src or ti != n_tgt:
            problems.append(f"groups cover {si}/{n_src} src and {ti}/{n_tgt} tgt sentences")
    return problems


# ---------------------------------------------------------------------------------------------
# Gale & Church (1993)

GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
GC_S2 = 6.8
GC_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))  # back-pointer code = index + 1
_LOG2 = math.log(2.0)
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


def _neg_log_pd(z):
    """-log(2 (1 - Phi(|z|))), Phi by Abramowitz & Stegun 26.2.17 as in Gale & Church's program."""
    z = np.abs(z)
    t = 1.0 / (1.0 + 0.2316419 * z)
    poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
    # 1 - Phi(z) = phi(z) * poly; log phi(z) = -z^2/2 - log sqrt(2 pi)
    return -(_LOG2 - 0.5 * z * z - _LOG_SQRT_2PI + np.log(poly))


def _match(l1, l2, c: float, s2: float):
    """-log P(delta | match) for source length(s) l1 and target length(s) l2 (broadcasting)."""
    l1 = np.asarray(l1, dtype=np.float64)
    l2 = np.asarray(l2, dtype=np.float64)
    mean = (l1 + l2 / c) / 2.0
    both_zero = mean <= 0
    z = (c * l1 - l2) / np.sqrt(s2 * np.where(both_zero, 1.0, mean))
    return np.where(both_zero, 0.0, _neg_log_pd(z))


def _take(base, code, cand, k: int) -> None:
    better = cand < base
    base[better] = cand[better]
    code[better] = k


def gale_church(
    src_lens: Sequence[int], tgt_lens: Sequence[int], c: float | None = None, s2: float = GC_S2
) -> list[Group]:
    """Gale-Church alignment of two length sequences; groups with 0-based ids."""
    n, m = len(src_lens), len(tgt_lens)
    if n == 0 or m == 0:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    L1 = np.asarray(src_lens, dtype=np.float64)
    L2 = np.asarray(tgt_lens, dtype=np.float64)
    if c is None:
        c = float(L2.sum() / L1.sum()) if L1.sum() > 0 and L2.sum() > 0 else 1.0
    pen = {k: -math.log(v) for k, v in GC_PRIORS.items()}
    L2pair = np.concatenate([[np.inf], L2[:-1] + L2[1:]])  # L2pair[j] = L2[j-1] + L2[j], j >= 1
    del01 = _match(0.0, L2, c, s2) + pen[(0, 1)]  # cost of leaving tgt j unaligned
    P = np.concatenate([[0.0], np.cumsum(del01)])  # prefix sums, P[j] = cost of j 0-1 moves
    INF = np.inf
    back = np.zeros((n + 1, m + 1), dtype=np.uint8)
    prev2 = np.full(m + 1, INF)
    prev = P.copy()  # row 0: all 0-1
    back[0, 1:] = 3
    for i in range(1, n + 1):
        l1 = L1[i - 1]
        base = np.full(m + 1, INF)
        code = np.zeros(m + 1, dtype=np.uint8)
        # 1-1
        cand = np.full(m + 1, INF)
        cand[1:] = prev[:-1] + _match(l1, L2, c, s2) + pen[(1, 1)]
        _take(base, code, cand, 1)
        # 1-0
        _take(base, code, prev + (_match(l1, 0.0, c, s2) + pen[(1, 0)]), 2)
        if m >= 2:
            # 1-2
            cand = np.full(m + 1, INF)
            cand[2:] = prev[:-2] + _match(l1, L2pair[1:], c, s2) + pen[(1, 2)]
            _take(base, code, cand, 5)
        if i >= 2:
            l12 = L1[i - 2] + l1
            cand = np.full(m + 1, INF)
            cand[1:] = prev2[:-1] + _match(l12, L2, c, s2) + pen[(2, 1)]
            _take(base, code, cand, 4)
            if m >= 2:
                cand = np.full(m + 1, INF)
                cand[2:] = prev2[:-2] + _match(l12, L2pair[1:], c, s2) + pen[(2, 2)]
                _take(base, code, cand, 6)
        # 0-1 moves inside the row: row[j] = min(base[j], row[j-1] + del01[j-1])
        #   = P[j] + min_{k <= j} (base[k] - P[k])
        shifted = base - P
        run = np.minimum.accumulate(shifted)
        row = P + run
        from_left = shifted > run
        code[from_left] = 3
        back[i] = code
        prev2, prev = prev, row
    # back-trace
    groups: list[Group] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = GC_MOVES[int(back[i, j]) - 1]
        groups.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    groups.reverse()
    return groups


def gale_church_paragraphs(
    src_lens: Sequence[int],
    tgt_lens: Sequence[int],
    src_par: Sequence[int],
    tgt_par: Sequence[int],
    c: float | None = None,
    s2: float = GC_S2,
) -> list[Group]:
    """Paragraphs first (by paragraph lengths), then sentences inside aligned paragraph groups."""

    def runs(par):
        out: list[list[int]] = []
        for k, p in enumerate(par):
            if not out or par[out[-1][0]] != p:
                out.append([])
            out[-1].append(k)
        return out

    sp, tp = runs(src_par), runs(tgt_par)
    if c is None:
        tot1, tot2 = sum(src_lens), sum(tgt_lens)
        c = tot2 / tot1 if tot1 and tot2 else 1.0
    pg = gale_church([sum(src_lens[k] for k in r) for r in sp], [sum(tgt_lens[k] for k in r) for r in tp], c, s2)
    out: list[Group] = []
    for a, b in pg:
        si = [k for p in a for k in sp[p]]
        ti = [k for p in b for k in tp[p]]
        for x, y in gale_church([src_lens[k] for k in si], [tgt_lens[k] for k in ti], c, s2):
            out.append((tuple(si[k] for k in x), tuple(ti[k] for k in y)))
    return out


def run_gale_church(doc: Doc, lengths: str = "mt", use_paragraphs: bool = True) -> tuple[list[Group], str]:
    """Gale-Church on a Doc; lengths 'mt' (Apertium translation of the source) or 'src'."""
    src_side = doc.src_mt if lengths == "mt" and doc.src_mt is not None else doc.src
    how = "mt" if src_side is doc.src_mt else "src"
    l1 = [len(s) for s in src_side]
    l2 = [len(s) for s in doc.tgt]
    if use_paragraphs and doc.src_par is not None and doc.tgt_par is not None:
        return gale_church_paragraphs(l1, l2, doc.src_par, doc.tgt_par), how + "+paragraphs"
    return gale_church(l1, l2), how


# ---------------------------------------------------------------------------------------------
# Bleualign (Sennrich & Volk 2010), the PyPI package


def bleualign_status() -> tuple[bool, str]:
    """(usable, description)."""
    try:
        from importlib.metadata import version

        ver = version("pypi-bleualign")
        from bleualign.align import Aligner  # noqa: F401
    except Exception as e:
        return False, (
            f"pypi-bleualign unavailable ({type(e).__name__}: {e}); install it with "
            "`pip install pypi-bleualign==0.1.1.1`"
        )
    try:  # smoke test on a toy input
        run_bleualign(["a b c d .", "e f g h ."], ["a b c d .", "e f g h ."], ["a b c d .", "e f g h ."])
    except Exception as e:
        return False, f"pypi-bleualign {ver} does not run here: {type(e).__name__}: {e}"
    return True, (
        f"pypi-bleualign {ver} (Sennrich's code, run in-process: Aligner.process(src, tgt, [src_mt], []), "
        "default options; unaligned sentences dropped as its default does)"
    )


def run_bleualign(src: Sequence[str], tgt: Sequence[str], src_mt: Sequence[str]) -> list[Group]:
    """Bleualign with its default options; groups sorted, no 1-0 / 0-1 (it drops them)."""
    from bleualign.align import Aligner

    src = [one_line(s) for s in src]
    tgt = [one_line(s) for s in tgt]
    src_mt = [one_line(s) for s in src_mt]
    if not src or not tgt:
        return []
    aligner = Aligner(
        {"srcfile": src, "targetfile": tgt, "srctotarget": [src_mt], "verbosity": 0, "log_to": io.StringIO()}
    )
    multialign = aligner.process(src, tgt, [src_mt], [])
    aligner.close_file_streams()
    return sorted((tuple(a), tuple(b)) for (a, b), _kind in multialign)
