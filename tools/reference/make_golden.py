#!/usr/bin/env python3
"""Generate golden reference vectors for the Java MiniMind implementation.

Dev-only tool. It imports the upstream PyTorch model definition from a MiniMind
checkout that lives OUTSIDE this repository, builds tiny randomly initialised
models with fixed seeds and writes weights, inputs and outputs as
safetensors/JSON into minimind-core/src/test/resources/golden/<case>/.

Usage:
    MINIMIND_SRC=/path/to/minimind python tools/reference/make_golden.py
    python tools/reference/make_golden.py --minimind /path/to/minimind [--out DIR]

Requires: torch, transformers, safetensors (CPU is enough).
"""
import argparse
import json
import os
import sys
from collections import OrderedDict

import torch
from safetensors.torch import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(
    os.path.join(HERE, "..", "..", "minimind-core", "src", "test", "resources", "golden"))

# Config keys in the order MiniMindConfig.__init__ assigns them (upstream field names).
CONFIG_KEYS = [
    "dropout", "bos_token_id", "eos_token_id", "hidden_act", "hidden_size",
    "intermediate_size", "max_position_embeddings", "num_attention_heads",
    "num_hidden_layers", "num_key_value_heads", "vocab_size", "rms_norm_eps",
    "rope_theta", "inference_rope_scaling", "rope_scaling", "flash_attn",
    "use_moe", "num_experts_per_tok", "n_routed_experts", "n_shared_experts",
    "scoring_func", "aux_loss_alpha", "seq_aux", "norm_topk_prob",
]

TINY = dict(vocab_size=512, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, max_position_embeddings=128)

BATCH, SEQ, N_PAD = 2, 12, 4
INPUT_SEED = 1234


def load_minimind(path):
    if not path or not os.path.isfile(os.path.join(path, "model", "model_minimind.py")):
        sys.exit("MiniMind checkout not found; pass --minimind DIR or set MINIMIND_SRC "
                 "(DIR/model/model_minimind.py must exist)")
    sys.path.insert(0, path)
    import model.model_minimind as mm  # noqa: E402
    return mm


def config_json(cfg):
    out = OrderedDict()
    out["architectures"] = ["MiniMindForCausalLM"]
    out["model_type"] = "minimind"
    for k in CONFIG_KEYS:
        v = getattr(cfg, k)
        out[k] = dict(v) if isinstance(v, dict) else v
    out["tie_word_embeddings"] = True
    return out


def make_inputs(vocab):
    g = torch.Generator().manual_seed(INPUT_SEED)
    ids = torch.randint(3, vocab, (BATCH, SEQ), generator=g)
    mask = torch.ones(BATCH, SEQ, dtype=torch.long)
    ids[1, SEQ - N_PAD:] = 0
    mask[1, SEQ - N_PAD:] = 0
    return ids, mask


def perturb_norms(model, seed):
    # Upstream RMSNorm weights start at 1.0; perturb them so a Java port that
    # ignores or mis-maps a norm weight does not accidentally match.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("layernorm.weight") or name == "model.norm.weight":
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))


def state_dict_f32(model):
    sd = OrderedDict()
    for k, v in model.state_dict().items():
        sd[k] = v.detach().to(torch.float32).clone().contiguous()
    return sd


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def build_case(mm, name, cfg_kwargs, seed, yarn_orig_max=None):
    cfg = mm.MiniMindConfig(**cfg_kwargs)
    if yarn_orig_max is not None:
        # Upstream hard-codes original_max_position_embeddings=2048 when
        # inference_rope_scaling=True; shrink it so YaRN is active at this tiny size.
        cfg.rope_scaling["original_max_position_embeddings"] = yarn_orig_max
    torch.manual_seed(seed)
    model = mm.MiniMindForCausalLM(cfg)  # also fills cfg.intermediate_size when None
    perturb_norms(model, seed + 1)
    model.eval()
    return cfg, model


def run_case(mm, out_root, name, cfg_kwargs, seed, yarn_orig_max=None):
    cfg, model = build_case(mm, name, cfg_kwargs, seed, yarn_orig_max)
    d = os.path.join(out_root, name)
    os.makedirs(d, exist_ok=True)

    write_json(os.path.join(d, "config.json"), config_json(cfg))
    sd = state_dict_f32(model)
    save_file(sd, os.path.join(d, "model.safetensors"), metadata={"format": "pt"})

    ids, mask = make_inputs(cfg.vocab_size)
    with open(os.path.join(d, "inputs.json"), "w") as f:
        f.write('{"input_ids": %s,\n "attention_mask": %s}\n'
                % (json.dumps(ids.tolist()), json.dumps(mask.tolist())))

    tensors = OrderedDict()
    with torch.no_grad():
        tensors["logits"] = model(ids, attention_mask=mask).logits.float().clone()
        tensors["logits_last"] = model(ids, attention_mask=mask, logits_to_keep=1).logits.float().clone()
        # Same ids, no attention_mask at all (upstream then takes the SDPA is_causal path).
        tensors["logits_nomask"] = model(ids).logits.float().clone()
    info = {"tensors": {k: list(v.shape) for k, v in tensors.items()}}

    if cfg.use_moe:
        model.train()  # dropout is 0.0, so train mode is deterministic
        out = model(ids, attention_mask=mask)
        per_layer = [float(layer.mlp.aux_loss.detach()) for layer in model.model.layers]
        aux = float(out.aux_loss.detach())
        tensors["logits_train"] = out.logits.detach().float().clone()
        model.eval()
        write_json(os.path.join(d, "aux.json"), {
            "aux_loss": aux,
            "aux_loss_per_layer": per_layer,
            "note": "aux_loss = sum over layers of each MoE layer's gate aux loss; "
                    "model in train mode, same input_ids and attention_mask as inputs.json "
                    "(the gate ignores attention_mask: pad tokens count)",
        })
        info["aux_loss"] = aux

    save_file(tensors, os.path.join(d, "logits.safetensors"), metadata={"format": "pt"})

    if cfg.rope_scaling is not None:
        head_dim = cfg.hidden_size // cfg.num_attention_heads
        rs = dict(cfg.rope_scaling)
        end = 64
        cos, sin = mm.precompute_freqs_cis(head_dim, end, cfg.rope_theta, rs)
        cos_u, sin_u = mm.precompute_freqs_cis(head_dim, end, cfg.rope_theta, None)
        # Sanity: the model buffer (end=max_position_embeddings) starts with the same rows.
        assert torch.equal(model.model.freqs_cos[:end], cos), "model rope table differs"
        assert torch.equal(model.model.freqs_sin[:end], sin), "model rope table differs"
        # Wider head so the beta ramp covers several frequency indices.
        cos64, sin64 = mm.precompute_freqs_cis(64, end, cfg.rope_theta, rs)
        save_file(OrderedDict([
            ("freqs_cos", cos.clone()), ("freqs_sin", sin.clone()),
            ("freqs_cos_unscaled", cos_u.clone()), ("freqs_sin_unscaled", sin_u.clone()),
            ("hd64_freqs_cos", cos64.clone()), ("hd64_freqs_sin", sin64.clone()),
        ]), os.path.join(d, "rope.safetensors"), metadata={"format": "pt"})
        write_json(os.path.join(d, "rope.json"), {
            "freqs_cos/freqs_sin": {"dim": head_dim, "end": end, "rope_base": cfg.rope_theta,
                                    "rope_scaling": rs},
            "freqs_cos_unscaled/freqs_sin_unscaled": {"dim": head_dim, "end": end,
                                                      "rope_base": cfg.rope_theta,
                                                      "rope_scaling": None},
            "hd64_freqs_cos/hd64_freqs_sin": {"dim": 64, "end": end, "rope_base": cfg.rope_theta,
                                              "rope_scaling": rs},
            "layout": "shape (end, dim); columns = cat([cos(t*f_0..f_{dim/2-1}), same again])",
        })
        info["rope"] = rs

    print(name, json.dumps(info))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minimind", default=os.environ.get("MINIMIND_SRC"))
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    mm = load_minimind(args.minimind)
    torch.set_num_threads(1)

    run_case(mm, args.out, "tiny-dense", dict(TINY), seed=42)
    run_case(mm, args.out, "tiny-yarn", dict(TINY, inference_rope_scaling=True), seed=43,
             yarn_orig_max=32)
    run_case(mm, args.out, "tiny-moe",
             dict(TINY, use_moe=True, n_routed_experts=4, num_experts_per_tok=2,
                  n_shared_experts=1, norm_topk_prob=True, aux_loss_alpha=0.1, seq_aux=True,
                  scoring_func="softmax"), seed=44)


if __name__ == "__main__":
    main()
