"""The Argos Translate engine: argos model packages run with CTranslate2 and SentencePiece.

We never import argostranslate (its import creates directories and reads settings); we read
the package format (see :mod:`bilingual.engines.packages`) and drive the same libraries it uses, with
the same conventions: SentencePiece or Moses+BPE tokenization, the optional target prefix of
multilingual packages, ``replace_unknowns`` and a mild length penalty. Each document is one
``translate_batch`` call, and each output is checked for degenerate decoding.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bilingual.engines.base import Translation
from bilingual.engines.packages import REINSTALL_HINT, ModelPackage, installed_packages, select_package
from bilingual.errors import EngineError, ModelError, Warn

MAX_INPUT_TOKENS = 1024
"""Longer inputs are truncated by CTranslate2; such sentences get the ``truncated`` flag."""

LENGTH_PENALTY = 0.2
"""argostranslate's value; the argos models are tuned with it."""

FLAG_DEGENERATE = "degenerate"
FLAG_TRUNCATED = "truncated"

_MISSING_HINT = (
    "install one with `bilingual models install FILE.argosmodel` "
    "(download from https://www.argosopentech.com/argospm/index/) or use --engine apertium"
)
_DEPENDENCY_HINT = "install them with `pip install 'bilingual[argos]'`, or use --engine apertium"


def max_decoding_length(source_length: int) -> int:
    """The most target tokens a sound translation of ``source_length`` tokens needs."""
    return 2 * source_length + 10


# --- degenerate output ---------------------------------------------------------------------


def _join_pieces(pieces: Sequence[str]) -> str:
    """A tokenizer-free rendering of pieces, for comparisons that ignore spacing."""
    return "".join(pieces).replace("▁", " ").replace("@@", "")


def _squeeze(text: str) -> str:
    """``text`` without whitespace, so tokenization differences do not matter."""
    return "".join(text.split())


def _max_word_repeats(text: str, max_n: int) -> int:
    """The longest run of one repeated word n-gram (n ≤ ``max_n``) in ``text``."""
    words = text.split()
    best = 1
    for n in range(1, max_n + 1):
        for start in range(len(words) - n + 1):
            gram = words[start : start + n]
            count = 1
            while words[start + count * n : start + (count + 1) * n] == gram:
                count += 1
            best = max(best, count)
    return best


def is_degenerate_repetition(
    tokens: Sequence[str],
    source: str,
    *,
    decode: Callable[[Sequence[str]], str] = _join_pieces,
    max_n: int = 4,
    min_repeats: int = 4,
) -> bool:
    """Whether ``tokens`` contain runaway repetition that the ``source`` sentence does not explain.

    A run is an n-gram (n ≤ ``max_n``) repeated at least ``min_repeats`` times back to back,
    the classic failure of neural decoders. It is explained, and so accepted, when its text
    occurs in the source (``jajajaja``, ``!!!!``, ``1111``) or when the source repeats a word
    n-gram at least as many times (``muy muy muy muy`` → ``very very very very``).
    """
    if len(tokens) < min_repeats:
        return False
    squeezed_source = _squeeze(source)
    source_repeats: int | None = None
    for n in range(1, max_n + 1):
        start = 0
        while start + n * min_repeats <= len(tokens):
            gram = list(tokens[start : start + n])
            count = 1
            while list(tokens[start + count * n : start + (count + 1) * n]) == gram:
                count += 1
            if count < min_repeats:
                start += 1
                continue
            run_text = _squeeze(decode(gram * count))
            if run_text and run_text not in squeezed_source:
                if source_repeats is None:
                    source_repeats = _max_word_repeats(source, max_n)
                if count > source_repeats:
                    return True
            # Windows starting inside this run are rotations of it: skip them.
            start += max(1, (count - min_repeats) * n + 1)
    return False


# --- tokenizers ----------------------------------------------------------------------------


class _Tokenizer(Protocol):
    """What the engine needs from a package's tokenizer."""

    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: Sequence[str]) -> str: ...

    def unknown_words(self, tokens: Sequence[str]) -> list[str]: ...


class _SentencePieceTokenizer:
    """The package's ``sentencepiece.model``, used as argostranslate uses it."""

    def __init__(self, path: Path) -> None:
        try:
            import sentencepiece
        except ImportError as exc:
            raise EngineError("the argos engine needs the sentencepiece package", hint=_DEPENDENCY_HINT) from exc
        try:
            self._processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"{path}: cannot load the SentencePiece model ({exc})", hint=REINSTALL_HINT) from exc
        self._unk_id = self._processor.unk_id()

    def encode(self, text: str) -> list[str]:
        """Split ``text`` into pieces (strings, as CTranslate2 wants)."""
        return list(self._processor.encode(text, out_type=str))

    def decode(self, tokens: Sequence[str]) -> str:
        """Join pieces into text.

        Pieces unknown to SentencePiece (copied through by ``replace_unknowns``) keep their
        ``▁`` word marker, so we turn it into a space as argostranslate does.
        """
        return self._processor.decode_pieces(list(tokens)).replace("▁", " ").strip()

    def unknown_words(self, tokens: Sequence[str]) -> list[str]:
        """Source pieces that SentencePiece maps to ``<unk>`` (never, with byte fallback)."""
        return [
            token.replace("▁", "")
            for token in tokens
            if self._processor.piece_to_id(token) == self._unk_id and token.replace("▁", "")
        ]


class _BytePairEncoder:
    """Applies subword-nmt BPE merges (``bpe.model``), as argostranslate's ``apply_bpe`` does."""

    def __init__(self, path: Path, separator: str = "@@") -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ModelError(f"{path}: cannot read the BPE codes ({exc})", hint=REINSTALL_HINT) from exc
        self.version = (0, 1)
        if lines and lines[0].startswith("#version:"):
            numbers = re.sub(r"(\.0+)*$", "", lines[0].split()[-1]).split(".")
            self.version = tuple(int(x) for x in numbers if x.isdigit())
            lines = lines[1:]
        self.ranks: dict[tuple[str, str], int] = {}
        for number, line in enumerate(lines, start=2):
            if not line.strip():
                continue
            parts = line.strip("\r\n ").split(" ")
            if len(parts) != 2:
                raise ModelError(f"{path}:{number}: invalid BPE merge {line!r}", hint=REINSTALL_HINT)
            self.ranks.setdefault((parts[0], parts[1]), len(self.ranks))
        self.separator = separator
        self._cache: dict[str, list[str]] = {}

    def _encode_word(self, word: str) -> list[str]:
        """Merge the characters of one word, lowest-ranked pair first."""
        if word in self._cache:
            return self._cache[word]
        if len(word) == 1:
            return [word]
        symbols = [*word, "</w>"] if self.version == (0, 1) else [*word[:-1], word[-1] + "</w>"]
        while len(symbols) > 1:
            ranked = [(self.ranks[pair], i) for i, pair in enumerate(itertools.pairwise(symbols)) if pair in self.ranks]
            if not ranked:
                break
            first = min(ranked)[1]
            pair = (symbols[first], symbols[first + 1])
            merged: list[str] = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
                    merged.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    merged.append(symbols[i])
                    i += 1
            symbols = merged
        if symbols[-1] == "</w>":
            symbols = symbols[:-1]
        elif symbols[-1].endswith("</w>"):
            symbols[-1] = symbols[-1][: -len("</w>")]
        self._cache[word] = symbols
        return symbols

    def segment(self, words: Sequence[str]) -> list[str]:
        """Split words into subwords, marking all but each word's last with the separator."""
        output: list[str] = []
        for word in words:
            if not word:
                continue
            pieces = self._encode_word(word)
            output.extend(piece + self.separator for piece in pieces[:-1])
            output.append(pieces[-1])
        return output


class _BPETokenizer:
    """Moses tokenization plus BPE (``bpe.model``), as argostranslate's ``BPETokenizer``."""

    def __init__(self, path: Path, from_code: str, to_code: str) -> None:
        try:
            from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
        except ImportError as exc:
            raise ModelError(
                f"{path}: this package uses BPE tokenization, which needs the sacremoses package",
                hint="install it with `pip install sacremoses`, or use a SentencePiece package",
            ) from exc
        self._normalizer = MosesPunctNormalizer(from_code)
        self._tokenizer = MosesTokenizer(from_code)
        self._detokenizer = MosesDetokenizer(to_code)
        self._bpe = _BytePairEncoder(path)

    def encode(self, text: str) -> list[str]:
        """Normalize, Moses-tokenize and BPE-segment ``text``."""
        words = " ".join(self._tokenizer.tokenize(self._normalizer.normalize(text))).strip("\r\n ").split(" ")
        return self._bpe.segment(words)

    def decode(self, tokens: Sequence[str]) -> str:
        """Undo BPE, then Moses-detokenize."""
        joined = " ".join(tokens).replace(self._bpe.separator + " ", "")
        return str(self._detokenizer.detokenize(joined.split(" "))).strip()

    def unknown_words(self, tokens: Sequence[str]) -> list[str]:
        """BPE cannot tell: any word can be spelled out in subwords."""
        return []


# --- model loading (once per process) ------------------------------------------------------


@dataclass(frozen=True)
class _LoadedModel:
    """A package's translator and tokenizer, shared by every engine in the process."""

    translator: Any
    tokenizer: _Tokenizer
    eos_token: str


_CACHE: dict[tuple[str, str, str, int, int], _LoadedModel] = {}
_CACHE_LOCK = threading.Lock()


def clear_model_cache() -> None:
    """Forget loaded models (after reinstalling a package, and in tests)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def _open_translator(model_dir: Path, **options: Any) -> Any:
    """Create the ``ctranslate2.Translator`` (one function, so tests can count loads)."""
    try:
        import ctranslate2
    except ImportError as exc:
        raise EngineError("the argos engine needs the ctranslate2 package", hint=_DEPENDENCY_HINT) from exc
    try:
        return ctranslate2.Translator(str(model_dir), **options)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"{model_dir}: cannot load the CTranslate2 model ({exc})", hint=REINSTALL_HINT) from exc


def _eos_token(model_dir: Path) -> str:
    """The model's end-of-sentence token from its ``config.json`` (``</s>`` if unset)."""
    try:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "</s>"
    value = config.get("eos_token") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value else "</s>"


def load_model(
    package: ModelPackage,
    *,
    device: str = "cpu",
    compute_type: str = "auto",
    inter_threads: int = 1,
    intra_threads: int = 0,
) -> _LoadedModel:
    """The package's translator and tokenizer, loaded on first use and cached by path."""
    key = (str(package.path.resolve()), device, compute_type, inter_threads, intra_threads)
    with _CACHE_LOCK:
        loaded = _CACHE.get(key)
        if loaded is None:
            tokenizer: _Tokenizer
            if package.tokenizer == "bpe":
                tokenizer = _BPETokenizer(package.tokenizer_path, package.from_code, package.to_code)
            else:
                tokenizer = _SentencePieceTokenizer(package.tokenizer_path)
            translator = _open_translator(
                package.model_dir,
                device=device,
                compute_type=compute_type,
                inter_threads=inter_threads,
                intra_threads=intra_threads,
            )
            loaded = _LoadedModel(translator, tokenizer, _eos_token(package.model_dir))
            _CACHE[key] = loaded
        return loaded


# --- the engine ----------------------------------------------------------------------------


class ArgosEngine:
    """Translates with installed argos packages (or the ``packages`` given)."""

    name = "argos"

    def __init__(
        self,
        *,
        beam_size: int = 2,
        inter_threads: int = 1,
        intra_threads: int = 0,
        max_batch_size: int = 32,
        device: str = "cpu",
        compute_type: str = "auto",
        packages: list[ModelPackage] | None = None,
        warn: Warn | None = None,
    ) -> None:
        self.beam_size = beam_size
        self.inter_threads = inter_threads
        self.intra_threads = intra_threads
        self.max_batch_size = max_batch_size
        self.device = device
        self.compute_type = compute_type
        self._packages = packages
        self._warn = warn

    @property
    def packages(self) -> list[ModelPackage]:
        """The packages this engine can use (installed ones are looked up once, lazily)."""
        if self._packages is None:
            self._packages = installed_packages(warn=self._warn)
        return self._packages

    def _package(self, source_lang: str, target_lang: str) -> ModelPackage:
        """The package for the pair, or :class:`EngineError` saying how to get one."""
        package = select_package(self.packages, source_lang, target_lang)
        if package is None:
            raise EngineError(f"no argos model for {source_lang}→{target_lang}", hint=_MISSING_HINT)
        return package

    def supports(self, source_lang: str, target_lang: str) -> bool:
        """Whether a package for the pair is available."""
        return select_package(self.packages, source_lang, target_lang) is not None

    def model_version(self, source_lang: str, target_lang: str) -> str:
        """The package name and version, e.g. ``translate-es_en 1.9``."""
        package = self._package(source_lang, target_lang)
        return f"{package.name} {package.package_version}".strip()

    def translate_batch(self, sentences: Sequence[str], source_lang: str, target_lang: str) -> list[Translation]:
        """Translate all ``sentences`` with one CTranslate2 call; same length and order."""
        package = self._package(source_lang, target_lang)
        results = [Translation("") for _ in sentences]
        todo = [index for index, sentence in enumerate(sentences) if sentence.strip()]
        if not todo:
            return results
        model = load_model(
            package,
            device=self.device,
            compute_type=self.compute_type,
            inter_threads=self.inter_threads,
            intra_threads=self.intra_threads,
        )
        encoded = {index: model.tokenizer.encode(sentences[index]) for index in todo}
        todo = [index for index in todo if encoded[index]]
        if not todo:
            return results
        sources = [encoded[index] for index in todo]
        prefix = [package.target_prefix] if package.target_prefix else []
        longest = min(max(len(tokens) for tokens in sources), MAX_INPUT_TOKENS)
        try:
            outputs = model.translator.translate_batch(
                sources,
                target_prefix=[prefix] * len(sources) if prefix else None,
                beam_size=self.beam_size,
                max_batch_size=self.max_batch_size,
                max_input_length=MAX_INPUT_TOKENS,
                max_decoding_length=max_decoding_length(longest) + len(prefix),
                length_penalty=LENGTH_PENALTY,
                replace_unknowns=True,
                return_end_token=True,
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(
                f"{package.model_dir}: CTranslate2 failed to translate ({exc})",
                hint="reinstall the package with `bilingual models install --force FILE.argosmodel` "
                "or use --engine apertium",
            ) from exc
        for index, tokens, output in zip(todo, sources, outputs, strict=True):
            results[index] = self._finish(sentences[index], tokens, list(output.hypotheses[0]), prefix, model)
        return results

    @staticmethod
    def _finish(
        sentence: str, source: list[str], hypothesis: list[str], prefix: list[str], model: _LoadedModel
    ) -> Translation:
        """Strip the end token and prefix, check for degenerate output, detokenize."""
        flags: list[str] = []
        ended = bool(hypothesis) and hypothesis[-1] == model.eos_token
        if ended:
            hypothesis = hypothesis[:-1]
        if prefix and hypothesis[: len(prefix)] == prefix:
            hypothesis = hypothesis[len(prefix) :]
        limit = max_decoding_length(min(len(source), MAX_INPUT_TOKENS))
        if not ended or len(hypothesis) > limit:
            flags.append(FLAG_DEGENERATE)
            hypothesis = hypothesis[:limit]
        elif is_degenerate_repetition(hypothesis, sentence, decode=model.tokenizer.decode):
            flags.append(FLAG_DEGENERATE)
        if len(source) > MAX_INPUT_TOKENS:
            flags.append(FLAG_TRUNCATED)
        unknown = tuple(dict.fromkeys(model.tokenizer.unknown_words(source)))
        return Translation(model.tokenizer.decode(hypothesis), tuple(flags), unknown)
