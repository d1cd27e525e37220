"""Provenance signatures, sacreBLEU-style: what produced an output, carried by every output.

The one place that builds them and the one place that holds the version tags of the splitter
rules, the aligner and the reviewer (bump a tag whenever that stage's output can change).
"""

from __future__ import annotations

from collections.abc import Sequence

from bilingual import __version__
from bilingual.engines.base import Engine

TOOL = f"bilingual-{__version__}"
"""The tool and its version, as every signature and summary names it."""
SPLITTER_VERSION = "news-1"
ALIGNER_VERSION = "align-2"
REVIEWER_VERSION = "review-9"

STAGE_VERSIONS = {"splitter": SPLITTER_VERSION, "aligner": ALIGNER_VERSION, "reviewer": REVIEWER_VERSION}


def signature(
    uses: Sequence[tuple[Engine | None, str, str]] = (),
    *,
    pair: str | None = None,
    glossary: str = "none",
    stages: Sequence[str] = (),
    **extra: str,
) -> dict[str, str]:
    """The signature of an output made with the engines in ``uses`` ((engine, from, to), None
    for a direction no engine served), the glossary's hash, and the versions of the splitter
    (every output was split) and of the listed later ``stages`` (``aligner``, ``reviewer``).

    Keys, in order: tool, engine, model, [pair], splitter, glossary, stages…, then ``extra``.
    """
    used = [(e, s, t) for e, s, t in uses if e is not None]
    out = {
        "tool": TOOL,
        "engine": "+".join(dict.fromkeys(e.name for e, _, _ in used)) or "none",
        "model": "+".join(dict.fromkeys(e.model_version(s, t) for e, s, t in used)) or "none",
    }
    if pair is not None:
        out["pair"] = pair
    out["splitter"] = SPLITTER_VERSION
    out["glossary"] = glossary
    for stage in stages:
        out[stage] = STAGE_VERSIONS[stage]
    out.update(extra)
    return out
