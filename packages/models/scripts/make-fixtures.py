"""Build the reference fixtures of @retrievekit/models (tiny DistilBERT and BERT checkpoints + torch goldens).

Re-run (needs Debian's torch: `apt-get install -y python3-torch`; it installs for /usr/bin/python3):

    /usr/bin/python3 packages/models/scripts/make-fixtures.py

from the repository root. Output goes to packages/models/fixtures/ and is deterministic for a given
torch version (seeded). The transformers library is NOT used: the forward passes below follow Hugging
Face's modeling_distilbert.py and modeling_bert.py (same parameter names, same maths), so the TypeScript
readers and graph builders are checked against an independent implementation.

Written per model folder (fixtures/distilbert, fixtures/bert):
  config.json               HF-style config (architectures, model_type, sizes)
  pytorch_model.bin         torch.save(state_dict) in the zip format (torch >= 1.6)
  model.safetensors         float32, written by hand (8-byte LE header length, JSON header, raw bytes)
  manifest.json             per tensor: dtype, shape, float64 sum, sum of |x|, first 4 values
  reference.json            forward pass on a fixed padded batch: last hidden states, CLS vector,
                            mean-pooled vector, SPLADE vector, cross-encoder logits
DistilBERT also gets model-fp16.safetensors / model-bf16.safetensors with their own manifests and
references (the forward pass in float32 of the rounded weights).
fixtures/misc/ holds small checkpoints of assorted dtypes and views (see write_misc).
fixtures/hostile/ holds files the readers must refuse; the pickle naming os.system is assembled from
opcode bytes here and never unpickled by anything.
"""

import collections
import io
import json
import math
import os
import struct
import zipfile

import torch

torch.manual_seed(1234)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures")

HIDDEN, LAYERS, HEADS, FFN, VOCAB, MAX_POS, TYPES, EPS = 32, 2, 2, 64, 100, 64, 2, 1e-12

INPUT_IDS = [[2, 15, 37, 8, 3, 0, 0, 0], [2, 44, 9, 71, 12, 90, 5, 3]]
ATTENTION_MASK = [[1, 1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1]]
TOKEN_TYPE_IDS = [[0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 1, 1, 1]]


def rand(*shape, scale=0.2):
    return torch.randn(*shape) * scale


def layer_norm_params(sd, prefix):
    sd[prefix + ".weight"] = 1.0 + rand(HIDDEN, scale=0.1)
    sd[prefix + ".bias"] = rand(HIDDEN, scale=0.1)


def linear_params(sd, prefix, out_dim, in_dim):
    sd[prefix + ".weight"] = rand(out_dim, in_dim)
    sd[prefix + ".bias"] = rand(out_dim, scale=0.1)


def gelu(x):
    return x * 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))


def linear(sd, prefix, x):
    return x @ sd[prefix + ".weight"].T + sd[prefix + ".bias"]


def layer_norm(sd, prefix, x):
    return torch.nn.functional.layer_norm(x, (HIDDEN,), sd[prefix + ".weight"], sd[prefix + ".bias"], EPS)


def attention(q, k, v, mask):
    """Multi-head attention; masked keys get the dtype's minimum before softmax (as HF does)."""
    b, l, _ = q.shape
    dh = HIDDEN // HEADS

    def split(t):
        return t.view(b, l, HEADS, dh).transpose(1, 2)

    scores = split(q) @ split(k).transpose(-1, -2) / math.sqrt(dh)
    keep = mask.view(b, 1, 1, l).bool()
    scores = scores.masked_fill(~keep, torch.finfo(scores.dtype).min)
    ctx = torch.softmax(scores, dim=-1) @ split(v)
    return ctx.transpose(1, 2).reshape(b, l, HIDDEN)


def distilbert_state_dict():
    sd = {}
    p = "distilbert."
    sd[p + "embeddings.word_embeddings.weight"] = rand(VOCAB, HIDDEN)
    sd[p + "embeddings.position_embeddings.weight"] = rand(MAX_POS, HIDDEN)
    layer_norm_params(sd, p + "embeddings.LayerNorm")
    for i in range(LAYERS):
        lp = f"{p}transformer.layer.{i}."
        for name in ("q_lin", "k_lin", "v_lin", "out_lin"):
            linear_params(sd, lp + "attention." + name, HIDDEN, HIDDEN)
        layer_norm_params(sd, lp + "sa_layer_norm")
        linear_params(sd, lp + "ffn.lin1", FFN, HIDDEN)
        linear_params(sd, lp + "ffn.lin2", HIDDEN, FFN)
        layer_norm_params(sd, lp + "output_layer_norm")
    linear_params(sd, "vocab_transform", HIDDEN, HIDDEN)
    layer_norm_params(sd, "vocab_layer_norm")
    sd["vocab_projector.weight"] = sd[p + "embeddings.word_embeddings.weight"]  # tied, shared storage
    sd["vocab_projector.bias"] = rand(VOCAB, scale=0.1)
    # Views saved as such, as real checkpoints sometimes hold them: a transpose (strides [1, 32]) and a
    # row slice (storage offset 32 into a larger storage).
    sd["pre_classifier.weight"] = rand(HIDDEN, HIDDEN).T
    sd["pre_classifier.bias"] = rand(HIDDEN, scale=0.1)
    sd["classifier.weight"] = rand(3, HIDDEN)[1:2]
    sd["classifier.bias"] = rand(1, scale=0.1)
    return sd


def distilbert_forward(sd, ids, mask):
    p = "distilbert."
    pos = torch.arange(ids.shape[1]).unsqueeze(0)
    x = sd[p + "embeddings.word_embeddings.weight"][ids] + sd[p + "embeddings.position_embeddings.weight"][pos]
    x = layer_norm(sd, p + "embeddings.LayerNorm", x)
    for i in range(LAYERS):
        lp = f"{p}transformer.layer.{i}."
        q, k, v = (linear(sd, lp + "attention." + n, x) for n in ("q_lin", "k_lin", "v_lin"))
        sa = linear(sd, lp + "attention.out_lin", attention(q, k, v, mask))
        sa = layer_norm(sd, lp + "sa_layer_norm", sa + x)
        ffn = linear(sd, lp + "ffn.lin2", gelu(linear(sd, lp + "ffn.lin1", sa)))
        x = layer_norm(sd, lp + "output_layer_norm", ffn + sa)
    mlm = layer_norm(sd, "vocab_layer_norm", gelu(linear(sd, "vocab_transform", x)))
    logits = mlm @ sd["vocab_projector.weight"].T + sd["vocab_projector.bias"]
    pooled = torch.relu(linear(sd, "pre_classifier", x[:, 0]))
    scores = linear(sd, "classifier", pooled)
    return x, logits, scores


def bert_state_dict():
    sd = {}
    p = "bert."
    sd[p + "embeddings.word_embeddings.weight"] = rand(VOCAB, HIDDEN)
    sd[p + "embeddings.position_embeddings.weight"] = rand(MAX_POS, HIDDEN)
    sd[p + "embeddings.token_type_embeddings.weight"] = rand(TYPES, HIDDEN)
    layer_norm_params(sd, p + "embeddings.LayerNorm")
    for i in range(LAYERS):
        lp = f"{p}encoder.layer.{i}."
        for name in ("query", "key", "value"):
            linear_params(sd, lp + "attention.self." + name, HIDDEN, HIDDEN)
        linear_params(sd, lp + "attention.output.dense", HIDDEN, HIDDEN)
        layer_norm_params(sd, lp + "attention.output.LayerNorm")
        linear_params(sd, lp + "intermediate.dense", FFN, HIDDEN)
        linear_params(sd, lp + "output.dense", HIDDEN, FFN)
        layer_norm_params(sd, lp + "output.LayerNorm")
    linear_params(sd, p + "pooler.dense", HIDDEN, HIDDEN)
    linear_params(sd, "cls.predictions.transform.dense", HIDDEN, HIDDEN)
    layer_norm_params(sd, "cls.predictions.transform.LayerNorm")
    sd["cls.predictions.bias"] = rand(VOCAB, scale=0.1)
    sd["cls.predictions.decoder.weight"] = sd[p + "embeddings.word_embeddings.weight"]  # tied
    sd["cls.predictions.decoder.bias"] = sd["cls.predictions.bias"]  # tied, as HF saves it
    linear_params(sd, "classifier", 1, HIDDEN)
    return sd


def bert_forward(sd, ids, mask, types):
    p = "bert."
    pos = torch.arange(ids.shape[1]).unsqueeze(0)
    x = (
        sd[p + "embeddings.word_embeddings.weight"][ids]
        + sd[p + "embeddings.token_type_embeddings.weight"][types]
        + sd[p + "embeddings.position_embeddings.weight"][pos]
    )
    x = layer_norm(sd, p + "embeddings.LayerNorm", x)
    for i in range(LAYERS):
        lp = f"{p}encoder.layer.{i}."
        q, k, v = (linear(sd, lp + "attention.self." + n, x) for n in ("query", "key", "value"))
        att = linear(sd, lp + "attention.output.dense", attention(q, k, v, mask))
        att = layer_norm(sd, lp + "attention.output.LayerNorm", att + x)
        inter = gelu(linear(sd, lp + "intermediate.dense", att))
        x = layer_norm(sd, lp + "output.LayerNorm", linear(sd, lp + "output.dense", inter) + att)
    t = layer_norm(sd, "cls.predictions.transform.LayerNorm", gelu(linear(sd, "cls.predictions.transform.dense", x)))
    logits = t @ sd["cls.predictions.decoder.weight"].T + sd["cls.predictions.bias"]
    pooled = torch.tanh(linear(sd, p + "pooler.dense", x[:, 0]))
    scores = linear(sd, "classifier", pooled)
    return x, logits, scores


def rounded(t):
    return [float(f"{v:.8g}") for v in t.reshape(-1).tolist()]


def reference(hidden, logits, scores, mask):
    m = mask.unsqueeze(-1).float()
    mean = (hidden * m).sum(1) / m.sum(1)
    splade = (torch.log1p(torch.relu(logits)) * m).max(dim=1).values
    return {
        "input_ids": INPUT_IDS,
        "attention_mask": ATTENTION_MASK,
        "last_hidden_state": {"shape": list(hidden.shape), "data": rounded(hidden)},
        "cls": {"shape": list(hidden[:, 0].shape), "data": rounded(hidden[:, 0])},
        "mean": {"shape": list(mean.shape), "data": rounded(mean)},
        "splade": {"shape": list(splade.shape), "data": rounded(splade)},
        "logits": {"shape": list(scores.shape), "data": rounded(scores)},
    }


SAFETENSORS_DTYPE = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}


def write_safetensors(path, sd, skip=()):
    """safetensors by hand: tied copies are dropped (as safetensors does), tensors sorted by name."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(sd):
        if name in skip:
            continue
        t = sd[name].contiguous()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[name] = {"dtype": SAFETENSORS_DTYPE[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def manifest(sd):
    out = {}
    for name in sorted(sd):
        t = sd[name]
        d = t.double()
        out[name] = {
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            "sum": d.sum().item(),
            "abs_sum": d.abs().sum().item(),
            "first": [float(v) for v in d.reshape(-1)[:4].tolist()],
        }
    return out


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, separators=(",", ":"))
        f.write("\n")


def write_model(folder, sd, config, outputs, tied):
    os.makedirs(folder, exist_ok=True)
    write_json(os.path.join(folder, "config.json"), config)
    state = collections.OrderedDict(sd)
    state._metadata = collections.OrderedDict({"": {"version": 1}})  # as nn.Module.state_dict() does
    torch.save(state, os.path.join(folder, "pytorch_model.bin"))
    write_safetensors(os.path.join(folder, "model.safetensors"), sd, skip=tied)
    write_json(os.path.join(folder, "manifest.json"), manifest(sd))
    write_json(os.path.join(folder, "reference.json"), outputs)


def pickle_naming_os_system():
    """Protocol-2 pickle bytes of `os.system('touch <marker>')`, assembled by hand and never loaded."""
    cmd = b"touch /tmp/retrievekit-pwned"
    return (
        b"\x80\x02"  # PROTO 2
        + b"cos\nsystem\n"  # GLOBAL os.system
        + b"X" + struct.pack("<I", len(cmd)) + cmd  # BINUNICODE
        + b"\x85"  # TUPLE1
        + b"R"  # REDUCE
        + b"."  # STOP
    )


def write_hostile(folder, distilbert_bin):
    os.makedirs(folder, exist_ok=True)
    with zipfile.ZipFile(os.path.join(folder, "os-system.bin"), "w", zipfile.ZIP_STORED) as z:
        for name, data in (("archive/data.pkl", pickle_naming_os_system()), ("archive/version", b"3\n")):
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    with open(distilbert_bin, "rb") as f:
        data = f.read()
    with open(os.path.join(folder, "truncated.bin"), "wb") as f:
        f.write(data[: len(data) // 3])
    header = json.dumps({"w": {"dtype": "F32", "shape": [4, 4], "data_offsets": [0, 64]}}).encode()
    with open(os.path.join(folder, "bad-offsets.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header + b"\x00" * 32)
    legacy = io.BytesIO()
    torch.save({"w": torch.zeros(2)}, legacy, _use_new_zipfile_serialization=False)
    with open(os.path.join(folder, "legacy.bin"), "wb") as f:
        f.write(legacy.getvalue())


def write_misc(folder):
    """Small checkpoints of assorted tensor kinds: a Parameter, integer and half dtypes, a scalar, an empty
    tensor, a strided column view with a storage offset; the same saved with pickle protocol 4; float64."""
    os.makedirs(folder, exist_ok=True)
    sd = collections.OrderedDict()
    sd["param"] = torch.nn.Parameter(torch.arange(6, dtype=torch.float32).view(2, 3))
    sd["ids"] = torch.arange(4, dtype=torch.int64) - 2
    sd["int32"] = torch.tensor([-7, 0, 7], dtype=torch.int32)
    sd["int8"] = torch.tensor([-128, 0, 127], dtype=torch.int8)
    sd["uint8"] = torch.tensor([0, 255], dtype=torch.uint8)
    sd["half"] = torch.tensor([1.5, -2.0, 65504.0], dtype=torch.float16)
    sd["bf16"] = torch.tensor([1.0, -0.5, 3.140625], dtype=torch.bfloat16)
    sd["scalar"] = torch.tensor(2.5)
    sd["empty"] = torch.zeros(0, 3)
    sd["column"] = torch.arange(12, dtype=torch.float32).view(3, 4)[:, 1]
    torch.save(sd, os.path.join(folder, "assorted.bin"))
    torch.save(sd, os.path.join(folder, "assorted-protocol4.bin"), pickle_protocol=4)
    torch.save({"w": torch.zeros(2, dtype=torch.float64)}, os.path.join(folder, "float64.bin"))
    values = {
        name: {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": t.detach().double().reshape(-1).tolist()}
        for name, t in sd.items()
    }
    write_json(os.path.join(folder, "manifest.json"), values)


def main():
    ids = torch.tensor(INPUT_IDS)
    mask = torch.tensor(ATTENTION_MASK)
    types = torch.tensor(TOKEN_TYPE_IDS)
    with torch.no_grad():
        sd = distilbert_state_dict()
        h, logits, scores = distilbert_forward(sd, ids, mask)
        folder = os.path.join(OUT, "distilbert")
        config = {
            "architectures": ["DistilBertForMaskedLM"], "model_type": "distilbert", "activation": "gelu",
            "dim": HIDDEN, "hidden_dim": FFN, "n_heads": HEADS, "n_layers": LAYERS, "vocab_size": VOCAB,
            "max_position_embeddings": MAX_POS, "pad_token_id": 0, "sinusoidal_pos_embds": False,
            "tie_weights_": True, "id2label": {"0": "LABEL_0"},
        }
        write_model(folder, sd, config, reference(h, logits, scores, mask), tied={"vocab_projector.weight"})
        for dtype, suffix in ((torch.float16, "fp16"), (torch.bfloat16, "bf16")):
            low = {k: v.to(dtype) for k, v in sd.items()}
            write_safetensors(os.path.join(folder, f"model-{suffix}.safetensors"), low, skip={"vocab_projector.weight"})
            write_json(os.path.join(folder, f"manifest-{suffix}.json"), manifest(low))
            # Reference of the rounded weights computed in float32: what a converter must reproduce exactly.
            rounded_sd = {k: v.float() for k, v in low.items()}
            h, logits, scores = distilbert_forward(rounded_sd, ids, mask)
            write_json(os.path.join(folder, f"reference-{suffix}.json"), reference(h, logits, scores, mask))

        sd = bert_state_dict()
        h, logits, scores = bert_forward(sd, ids, mask, types)
        out = reference(h, logits, scores, mask)
        out["token_type_ids"] = TOKEN_TYPE_IDS
        config = {
            "architectures": ["BertForMaskedLM"], "model_type": "bert", "hidden_act": "gelu",
            "hidden_size": HIDDEN, "intermediate_size": FFN, "num_attention_heads": HEADS,
            "num_hidden_layers": LAYERS, "vocab_size": VOCAB, "max_position_embeddings": MAX_POS,
            "type_vocab_size": TYPES, "layer_norm_eps": EPS, "pad_token_id": 0, "id2label": {"0": "LABEL_0"},
        }
        write_model(os.path.join(OUT, "bert"), sd, config, out,
                    tied={"cls.predictions.decoder.weight", "cls.predictions.decoder.bias"})
    write_hostile(os.path.join(OUT, "hostile"), os.path.join(OUT, "distilbert", "pytorch_model.bin"))
    write_misc(os.path.join(OUT, "misc"))


if __name__ == "__main__":
    main()
