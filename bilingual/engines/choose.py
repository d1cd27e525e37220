"""The one engine chooser: which engine translates a pair, for every command.

A named engine (``argos``, ``apertium``) is used or refused with an :class:`EngineError` that says
why and how to fix it; only ``auto`` falls back (argos → Apertium → none), saying so through the
``warn`` channel. ``none`` (align and review only) means no machine translation at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.engines.base import Engine
from bilingual.errors import BilingualError, EngineError, LanguageError, Warn
from bilingual.lang import LANGUAGES

ENGINES = ("auto", "argos", "apertium")
"""Engine names ``translate`` accepts; align and review also accept ``none``."""

_INSTALL_HINT = (
    "install an argos model with `bilingual models install FILE.argosmodel` "
    "(or `bilingual models install --from {src} --to {tgt}` when online), "
    "or Apertium with `sudo apt-get install apertium apertium-eng-spa`"
)


@dataclass(frozen=True)
class ArgosOptions:
    """Decoding settings for the argos engine (CTranslate2)."""

    beam_size: int = 2
    threads: int = 0
    batch_size: int = 32


def check_pair(source_lang: str, target_lang: str) -> None:
    """Refuse unsupported or identical languages."""
    for code in (source_lang, target_lang):
        if code not in LANGUAGES:
            raise LanguageError(f"unsupported language '{code}'", "use es or en")
    if source_lang == target_lang:
        raise LanguageError(f"source and target language are both '{source_lang}'", "give different --from and --to")


def make_engine(
    name: str, source_lang: str, target_lang: str, argos: ArgosOptions | None = None, *, warn: Warn | None = None
) -> Engine:
    """The engine for the pair: ``argos``, ``apertium``, or ``auto`` (argos when a model for the
    pair is installed, else Apertium), raising :class:`EngineError` when none can."""
    from bilingual.engines.apertium import ApertiumEngine
    from bilingual.engines.argos import ArgosEngine

    opts = argos or ArgosOptions()
    if name not in ENGINES:
        raise EngineError(f"unknown engine '{name}'", "use auto, argos or apertium")
    hint = _INSTALL_HINT.format(src=source_lang, tgt=target_lang)
    if name in ("auto", "argos"):
        argos_engine = ArgosEngine(
            beam_size=opts.beam_size, intra_threads=opts.threads, max_batch_size=opts.batch_size, warn=warn
        )
        if argos_engine.supports(source_lang, target_lang):
            return argos_engine
        if name == "argos":
            raise EngineError(f"no argos model for {source_lang}→{target_lang} is installed", hint)
    apertium_engine = ApertiumEngine()
    if apertium_engine.supports(source_lang, target_lang):
        return apertium_engine
    if name == "apertium":
        apertium_engine.model_version(source_lang, target_lang)  # raises the precise reason
        raise EngineError(f"apertium cannot translate {source_lang}→{target_lang}", hint)
    raise EngineError(f"no translation engine for {source_lang}→{target_lang}", hint)


def engines_for(
    name: str, src_lang: str, tgt_lang: str, *, warn: Warn | None = None
) -> tuple[Engine | None, Engine | None]:
    """Engines for both directions (src→tgt, tgt→src) of align and review.

    ``none`` (or one language on both sides) gives none; a named engine that cannot serve a
    direction raises; ``auto`` leaves that direction without an engine and warns why.
    """
    if name == "none" or src_lang == tgt_lang:
        return None, None
    out: list[Engine | None] = []
    for s, t in ((src_lang, tgt_lang), (tgt_lang, src_lang)):
        try:
            out.append(make_engine(name, s, t, warn=warn))
        except BilingualError as exc:
            if name != "auto":
                raise
            if warn is not None:
                warn(f"no engine for {s}→{t} ({exc.message}): that direction is not translated")
            out.append(None)
    return out[0], out[1]


@dataclass(frozen=True)
class InstalledModel:
    """One translation pair an engine can serve here (for ``bilingual models list``)."""

    pair: str
    engine: str
    model: str
    size_bytes: int | None
    path: str


def installed_models(*, warn: Warn | None = None) -> list[InstalledModel]:
    """Every installed argos package and every Apertium pair, argos first."""
    from bilingual.engines.apertium import ApertiumEngine
    from bilingual.engines.packages import installed_packages

    rows = [
        InstalledModel(
            f"{p.from_code}-{p.to_code}", "argos", f"{p.name} {p.package_version}".strip(), p.size_bytes, str(p.path)
        )
        for p in installed_packages(warn=warn)
    ]
    apertium = ApertiumEngine()
    for src, tgt in (("es", "en"), ("en", "es")):
        if apertium.supports(src, tgt):
            rows.append(
                InstalledModel(f"{src}-{tgt}", "apertium", apertium.model_version(src, tgt), None, "(system package)")
            )
    return rows
