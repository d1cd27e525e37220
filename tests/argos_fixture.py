"""Builds a tiny, real ``.argosmodel`` package whose CTranslate2 model copies its input.

The package has the exact layout argostranslate uses (``metadata.json``, ``model/`` with a
CTranslate2 Transformer, ``sentencepiece.model``), so the engine and the installer are tested
end to end without shipping or downloading real weights. The model's weights are set by hand:

* every token embedding is a zero-mean unit vector in a "token" block of the hidden state and
  every learned position encoding a zero-mean unit vector in a separate "position" block, so
  each layer norm is just a constant rescaling;
* the encoder and decoder self-attention and feed-forward outputs are zero (pure residual);
* the decoder cross-attention compares position blocks only, so the query at step ``t``
  attends (sharply) to source position ``t``, and copies that position's token block;
* the output projection reads the token block back with the (tied) embedding matrix.

The config sets ``add_source_eos`` so the source ends in ``</s>``, which the decoder copies at
step ``len(source)``: the hypothesis is exactly the source pieces. SentencePiece is trained on
sentences generated here from our own word lists, with byte fallback so any text encodes.
"""

from __future__ import annotations

import contextlib
import functools
import io
import itertools
import json
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy comes with ctranslate2; import it only when building
    import numpy as np

VOCAB_SIZE = 400
TOKEN_DIM = 48
POSITION_DIM = 32
MAX_POSITIONS = 512
FFN_DIM = 4
QUERY_SCALE = 60.0
COPY_SCALE = 2.0
LOGIT_SCALE = 12.0

_ES_SUBJECTS = ["el alcalde", "la jueza", "los vecinos", "una maestra", "el señor Núñez", "la policía"]
_ES_VERBS = ["dijo", "explicó", "anunció", "negó", "confirmó", "preguntó"]
_ES_OBJECTS = [
    "que el puente cerrará el lunes",
    "que habrá elecciones en junio",
    "la situación en la frontera",
    "que el agua está contaminada",
    "por qué subió el precio del maíz",
    "que la escuela abrirá en otoño",
]
_EN_SUBJECTS = ["the mayor", "the judge", "the neighbors", "a teacher", "Mr. Núñez", "the police"]
_EN_VERBS = ["said", "explained", "announced", "denied", "confirmed", "asked"]
_EN_OBJECTS = [
    "that the bridge will close on Monday",
    "that there will be elections in June",
    "the situation at the border",
    "that the water is contaminated",
    "why the price of corn went up",
    "that the school will open in the fall",
]
_EXTRAS = [
    "¿Dónde está la estación?",
    "¡Qué sorpresa, señora!",
    "Llegaron 1.250 personas a las 9:30 a. m.",
    "It costs $4.99 (about 85 pesos).",
    "Él no sabía; ella sí.",
    "Pingüino, cigüeña y ñandú.",
    "Width: 12 cm, height: 7 cm.",
    "\"Yes,\" she said — 'maybe.'",
]


def training_sentences() -> list[str]:
    """A few hundred Spanish and English sentences generated from the word lists above."""
    sentences: list[str] = []
    for subjects, verbs, objects in (
        (_ES_SUBJECTS, _ES_VERBS, _ES_OBJECTS),
        (_EN_SUBJECTS, _EN_VERBS, _EN_OBJECTS),
    ):
        for subject, verb, obj in itertools.product(subjects, verbs, objects):
            sentences.append(f"{subject[0].upper()}{subject[1:]} {verb} {obj}.")
    return sentences + _EXTRAS * 5


@functools.cache
def _sentencepiece_model() -> bytes:
    """Train (once per process) the fixture's SentencePiece model and return its bytes."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_sentences()),
        model_writer=buffer,
        vocab_size=VOCAB_SIZE,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


def _unit_rows(rng: np.random.Generator, rows: int, dim: int) -> np.ndarray:
    """Random zero-mean unit vectors (zero mean keeps every layer norm a pure rescaling)."""
    import numpy as np

    matrix = rng.standard_normal((rows, dim))
    matrix -= matrix.mean(axis=1, keepdims=True)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix


def _copy_weights(vocab_size: int) -> dict[str, np.ndarray]:
    """The hand-set weights; asserts the codes are separated enough for exact copying."""
    import numpy as np

    rng = np.random.default_rng(20240601)
    tokens = _unit_rows(rng, vocab_size, TOKEN_DIM)
    positions = _unit_rows(rng, MAX_POSITIONS, POSITION_DIM)
    for codes in (tokens, positions):
        similarity = codes @ codes.T
        np.fill_diagonal(similarity, -1.0)
        assert similarity.max() < 0.8, "codes too similar; change the seed or the dimensions"
    d = POSITION_DIM + TOKEN_DIM
    embeddings = np.zeros((vocab_size, d), dtype=np.float32)
    embeddings[:, POSITION_DIM:] = tokens
    position_encodings = np.zeros((MAX_POSITIONS, d), dtype=np.float32)
    position_encodings[:, :POSITION_DIM] = positions
    select_position = np.zeros((d, d), dtype=np.float32)
    select_position[:POSITION_DIM, :POSITION_DIM] = np.eye(POSITION_DIM)
    select_token = np.zeros((d, d), dtype=np.float32)
    select_token[POSITION_DIM:, POSITION_DIM:] = np.eye(TOKEN_DIM)
    return {
        "embeddings": embeddings,
        "positions": position_encodings,
        "query": QUERY_SCALE * select_position,
        "key_value": np.concatenate([select_position, select_token]),
        "copy_out": COPY_SCALE * select_token,
        "d": np.array(d),
    }


@contextlib.contextmanager
def _without_torch() -> Iterator[None]:
    """Hide torch while ``ctranslate2.specs`` imports: it imports torch if present (~1.5 s)."""
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
    try:
        yield
    finally:
        if hide:
            del sys.modules["torch"]


def _sentencepiece_vocabulary() -> tuple[str, ...]:
    """Every piece of the fixture SentencePiece model, in id order."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=_sentencepiece_model())
    return tuple(sp.id_to_piece(i) for i in range(sp.get_piece_size()))


@functools.cache
def _copy_model_files(vocabulary: tuple[str, ...], stutter: bool = False) -> dict[str, bytes]:
    """Build (once per process and vocabulary) the CTranslate2 copy model; its files by name.

    With ``stutter`` the decoder's position encodings all equal position 0, so every step
    copies the first source token again and decoding never ends: a degenerate model.
    """
    import numpy as np

    with _without_torch():
        import ctranslate2.specs

    weights = _copy_weights(len(vocabulary))
    d = int(weights["d"])
    zeros = functools.partial(np.zeros, dtype=np.float32)
    ones = functools.partial(np.ones, dtype=np.float32)

    spec = ctranslate2.specs.TransformerSpec.from_config(num_layers=1, num_heads=1)
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = weights["positions"]
        side.layer_norm.gamma = ones(d)
        side.layer_norm.beta = zeros(d)
        layer = side.layer[0]
        layer.self_attention.layer_norm.gamma = ones(d)
        layer.self_attention.layer_norm.beta = zeros(d)
        layer.self_attention.linear[0].weight = zeros((3 * d, d))
        layer.self_attention.linear[1].weight = zeros((d, d))
        layer.ffn.layer_norm.gamma = ones(d)
        layer.ffn.layer_norm.beta = zeros(d)
        layer.ffn.linear_0.weight = zeros((FFN_DIM, d))
        layer.ffn.linear_1.weight = zeros((d, FFN_DIM))
    if stutter:
        spec.decoder.position_encodings.encodings = np.repeat(weights["positions"][:1], MAX_POSITIONS, axis=0)
    spec.encoder.embeddings[0].weight = weights["embeddings"]
    spec.decoder.embeddings.weight = weights["embeddings"]
    spec.decoder.projection.weight = weights["embeddings"]
    spec.decoder.layer_norm.gamma = np.full(d, LOGIT_SCALE, dtype=np.float32)
    cross = spec.decoder.layer[0].attention
    cross.layer_norm.gamma = ones(d)
    cross.layer_norm.beta = zeros(d)
    cross.linear[0].weight = weights["query"]
    cross.linear[1].weight = weights["key_value"]
    cross.linear[2].weight = weights["copy_out"]

    spec.config.add_source_eos = True
    spec.register_source_vocabulary(list(vocabulary))
    spec.register_target_vocabulary(list(vocabulary))
    spec.validate()
    spec.optimize(quantization="int8")
    with tempfile.TemporaryDirectory() as tmp:
        spec.save(tmp)
        return {path.name: path.read_bytes() for path in sorted(Path(tmp).iterdir())}


BPE_CODES = """#version: 0.2
o s</w>
e n
l a</w>
a r</w>
d o</w>
H o
m u
mu n
"""
"""A few subword-nmt merges: enough to split words into several subwords."""

BPE_VOCABULARY = ("<unk>", "<s>", "</s>", ",", ".", "Ho@@", "la", "mun@@", "do")
"""A deliberately small target vocabulary: other tokens copy through ``replace_unknowns``."""


def package_dir_name(from_code: str, to_code: str, version: str) -> str:
    """The top-level directory name inside the zip, like argospm's ``translate-es_en-1_9``."""
    return f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"


def build_copy_package(
    tmp_dir: Path,
    from_code: str = "es",
    to_code: str = "en",
    version: str = "0.0.1",
    *,
    tokenizer: str = "sentencepiece",
    stutter: bool = False,
) -> Path:
    """Write ``translate-FROM_TO-VERSION.argosmodel`` into ``tmp_dir`` and return its path.

    ``tokenizer="bpe"`` ships ``bpe.model`` (Moses + BPE, like older argos packages) instead
    of ``sentencepiece.model``; ``stutter`` builds the degenerate variant (see above).
    """
    top = package_dir_name(from_code, to_code, version)
    metadata = {
        "package_version": version,
        "argos_version": "1.9.0",
        "from_code": from_code,
        "from_name": {"es": "Spanish", "en": "English"}.get(from_code, from_code),
        "to_code": to_code,
        "to_name": {"es": "Spanish", "en": "English"}.get(to_code, to_code),
        "type": "translate",
    }
    path = Path(tmp_dir) / f"{top}.argosmodel"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{top}/metadata.json", json.dumps(metadata, indent=2))
        archive.writestr(f"{top}/README.md", "Test fixture: copies its input.\n")
        if tokenizer == "bpe":
            archive.writestr(f"{top}/bpe.model", BPE_CODES)
            files = _copy_model_files(BPE_VOCABULARY, stutter)
        else:
            archive.writestr(f"{top}/sentencepiece.model", _sentencepiece_model())
            files = _copy_model_files(_sentencepiece_vocabulary(), stutter)
        for name, data in files.items():
            archive.writestr(f"{top}/model/{name}", data)
    return path
