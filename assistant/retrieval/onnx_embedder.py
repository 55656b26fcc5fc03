"""Sentence embeddings without torch: a sentence-transformers model exported once to ONNX and run
with onnxruntime and the model's own tokenizer (the `tokenizers` library, from its tokenizer.json).

A question then costs onnxruntime's import and one session (about 0.7 s and 200 MB on 2 cores)
instead of torch and sentence-transformers (about 8 s and 900 MB). The export needs torch and the
`onnx` package; it runs once per model (at `make setup`, or on the first index build that wants
it) and is checked against sentence-transformers' own output before it is kept. The vectors are
the model's: mean pooling of the last hidden state over the attention mask, then L2
normalisation, as the model's modules.json and 1_Pooling/config.json prescribe for
all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2).
"""
from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from assistant.errors import IpmsError

log = logging.getLogger(__name__)

ONNX_FILE = "model.onnx"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
BATCH = 32  # texts per onnxruntime call when embedding documents
EXPORT_TOLERANCE = 1e-4  # largest difference from sentence-transformers accepted after export
CHECK_TEXTS = ("What does the standard require for contracts?", "知识产权培训应该覆盖哪些人员",
               "Document control " * 120)  # the last one is longer than max_seq_length


def exported_model(model_dir: Path, models_dir: Path) -> Path:
    """Where the ONNX export of the sentence-transformers model in `model_dir` lives under
    `models_dir`: one folder per model, named after it and the size of its weights (so a model
    upgraded in place gets a new export)."""
    weights = next((p for p in (model_dir / "model.safetensors", model_dir / "pytorch_model.bin")
                    if p.is_file()), None)
    size = weights.stat().st_size if weights else 0
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model_dir.name).strip("-.") or "model"
    return models_dir / f"{slug}-{size}" / ONNX_FILE


def _max_length(model_dir: Path) -> int:
    try:
        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(config.get("max_seq_length") or 256)
    except (OSError, ValueError):
        return 256


def _mean_pooling(model_dir: Path) -> bool:
    try:
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(pooling.get("pooling_mode_mean_tokens")) and not any(
        pooling.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens",
                                 "pooling_mode_mean_sqrt_len_tokens"))


def exportable(model_dir: Path) -> bool:
    """Whether this module knows how to run the model: a local sentence-transformers folder with
    a tokenizer.json and mean pooling."""
    return (model_dir / "tokenizer.json").is_file() and _mean_pooling(model_dir)


class OnnxEmbeddings:
    """An embedder (dense.Embeddings) over an exported model: unit-length float vectors (384 floats
    for all-MiniLM-L6-v2), equal to sentence-transformers' to within 1e-6.
    `threads` is onnxruntime's intra-op thread count (0: onnxruntime decides)."""

    def __init__(self, onnx_path: Path, model_dir: Path, threads: int = 0) -> None:
        try:
            import numpy as np
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError:
            raise IpmsError("the onnx embedding backend needs: pip install onnxruntime "
                            "tokenizers") from None
        self._np = np
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=_max_length(model_dir))
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id("[PAD]") or 0,
                                      pad_token="[PAD]")  # to the longest text of a batch
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(0, threads)
        options.inter_op_num_threads = 1
        # Idle pool threads sleep instead of spinning: spinning shortens a run by microseconds
        # and burned about a tenth of a cold process's CPU on the benchmark questions, and more
        # under contention (web workers, several `ipms` processes on 2 cores).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only
        try:
            self.session = onnxruntime.InferenceSession(str(onnx_path), options,
                                                        providers=["CPUExecutionProvider"])
        except Exception as exc:  # a damaged or truncated export
            raise IpmsError(f"the exported model {onnx_path} cannot be loaded: {exc}") from None
        self._inputs = {i.name for i in self.session.get_inputs()}

    def _embed(self, texts: list[str]):
        np = self._np
        encoded = self.tokenizer.encode_batch(texts)
        arrays = {"input_ids": [e.ids for e in encoded],
                  "attention_mask": [e.attention_mask for e in encoded],
                  "token_type_ids": [e.type_ids for e in encoded]}
        feed = {name: np.asarray(arrays[name], dtype=np.int64) for name in INPUTS
                if name in self._inputs}
        hidden = self.session.run(None, feed)[0]  # (texts, tokens, dimensions)
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled / norms

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # Texts of similar length share a batch, so little of each batch is padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[list[float] | None] = [None] * len(texts)
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            for i, vector in zip(rows, self._embed([texts[i] for i in rows])):
                out[i] = vector.tolist()
        return out  # type: ignore[return-value]

    def embed_query(self, text: str) -> list[float]:
        return self._embed([text])[0].tolist()


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export the sentence-transformers model in `model_dir` to ONNX at `target` (written to a
    temporary file, checked, then moved into place). Needs torch, transformers and onnx.
    Raises IpmsError when they are missing, the model cannot be exported, or the export's
    vectors differ from sentence-transformers' by more than EXPORT_TOLERANCE."""
    from assistant.retrieval.dense import quiet_transformers, sentence_transformer

    quiet_transformers()  # before transformers reads its environment
    try:
        import onnx  # noqa: F401  (torch's exporter needs it)
        import torch
        from transformers import AutoModel
    except ImportError as exc:
        raise IpmsError(f"exporting the embedding model to ONNX needs torch, transformers and "
                        f"onnx ({exc.name} is missing)") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()

    class Hidden(torch.nn.Module):  # the transformer's last hidden state, pooled by the caller
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "texts", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    try:
        import warnings

        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(Hidden(), (sample, sample, torch.zeros_like(sample)), str(partial),
                              input_names=list(INPUTS), output_names=["last_hidden_state"],
                              dynamic_axes=axes, opset_version=17, dynamo=False)
        exported = OnnxEmbeddings(partial, model_dir, threads=0).embed_documents(list(CHECK_TEXTS))
        reference = sentence_transformer(str(model_dir)).embed_documents(list(CHECK_TEXTS))
        worst = max(abs(a - b) for x, y in zip(exported, reference) for a, b in zip(x, y))
        if worst > EXPORT_TOLERANCE:
            raise IpmsError(f"the ONNX export of {model_dir.name} differs from the model by "
                            f"{worst:.2g}; keeping the torch backend")
        os.replace(partial, target)
    except IpmsError:
        raise
    except Exception as exc:
        raise IpmsError(f"exporting {model_dir.name} to ONNX failed: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    log.info("exported %s to %s", model_dir.name, target)
    return target


def onnx_embeddings(model_dir: Path, models_dir: Path, threads: int = 0) -> OnnxEmbeddings:
    """The ONNX embedder of a local sentence-transformers model, exporting it first when no
    export exists under `models_dir`. Raises IpmsError (see export_onnx)."""
    path = exported_model(model_dir, models_dir)
    if not path.is_file():
        export_onnx(model_dir, path)
    return OnnxEmbeddings(path, model_dir, threads)
