#!/usr/bin/env python3
"""Peer benchmark: CPU training throughput of upstream MiniMind (PyTorch).

Dev-only tool. Imports the upstream model definition from a MiniMind checkout
outside this repository and times full training steps of the minimind2-small
shape (hidden 512, 8 layers, 8 heads, 2 kv heads, vocab 6400, dense), fp32.

Usage:
    MINIMIND_SRC=/path/to/minimind python tools/reference/bench_minimind_train.py
    python tools/reference/bench_minimind_train.py --minimind DIR [--threads 2]
        [--batch 8] [--seq 512] [--warmup 3] [--steps 5]

Step = forward + cross-entropy (+ MoE aux, 0 here) + backward
       + clip_grad_norm_(1.0) + AdamW step + zero_grad.
MFU  = (6 * N * tok_s + 12 * n_layers * seq * hidden * tok_s) / matmul_flops
       N = unique parameter count (tied embedding/lm_head counted once),
       12*L*T*d = training attention-score FLOPs per token (QK^T and AV, fwd+bwd,
       no causal halving), matmul_flops = measured 2048^3 fp32 matmul FLOP/s.
tokens_per_s = timed tokens / summed timed step time (median/best single step also given).
The last line printed is a single JSON object.
"""
import argparse
import json
import os
import platform
import sys
import time

import torch
import torch.nn.functional as F


def matmul_flops(n=2048, reps=5):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    for _ in range(2):
        torch.mm(a, b)
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t0)
    return 2.0 * n ** 3 / best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minimind", default=os.environ.get("MINIMIND_SRC"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=512)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--lr", type=float, default=5e-4)
    args = ap.parse_args()
    if not args.minimind or not os.path.isfile(os.path.join(args.minimind, "model", "model_minimind.py")):
        sys.exit("pass --minimind DIR or set MINIMIND_SRC to a MiniMind checkout")
    sys.path.insert(0, args.minimind)
    from model.model_minimind import MiniMindConfig, MiniMindForCausalLM

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    cfg = MiniMindConfig(hidden_size=512, num_hidden_layers=8, num_attention_heads=8,
                         num_key_value_heads=2, vocab_size=6400, use_moe=False,
                         max_position_embeddings=32768)
    model = MiniMindForCausalLM(cfg).float()
    model.train()
    n_params = sum(p.numel() for p in model.parameters())  # dedups the tied weight
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr)

    B, T = args.batch, args.seq
    gen = torch.Generator().manual_seed(1)
    x = torch.randint(0, cfg.vocab_size, (B, T + 1), generator=gen)
    inp, tgt = x[:, :-1].contiguous(), x[:, 1:].contiguous()

    def step():
        t0 = time.perf_counter()
        out = model(inp)
        loss = F.cross_entropy(out.logits.view(-1, out.logits.size(-1)), tgt.view(-1))
        loss = loss + out.aux_loss
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        t3 = time.perf_counter()
        return t1 - t0, t2 - t1, t3 - t2, float(loss.detach())

    for i in range(args.warmup):
        f, b, o, l = step()
        print(f"warmup {i}: {f + b + o:.3f}s loss {l:.4f}", flush=True)
    fw = bw = op = 0.0
    per_step = []
    for i in range(args.steps):
        f, b, o, l = step()
        fw, bw, op = fw + f, bw + b, op + o
        per_step.append(f + b + o)
        print(f"step {i}: fwd {f:.3f}s bwd {b:.3f}s opt {o:.3f}s loss {l:.4f}", flush=True)
    total = fw + bw + op
    tok_s = args.steps * B * T / total
    per_step.sort()
    tok_s_median = B * T / per_step[len(per_step) // 2]
    tok_s_best = B * T / per_step[0]

    mm_flops = matmul_flops()
    attn_flops_per_tok = 12 * cfg.num_hidden_layers * T * cfg.hidden_size
    achieved = 6 * n_params * tok_s + attn_flops_per_tok * tok_s
    mfu = achieved / mm_flops

    print(f"params: {n_params} ({n_params / 1e6:.2f}M, tied embedding counted once)")
    print(f"train tokens/s: {tok_s:.1f}  (batch {B} x seq {T}, {args.steps} timed steps, "
          f"{total / args.steps:.3f}s/step; median-step {tok_s_median:.1f}, best-step {tok_s_best:.1f})")
    print(f"step split: forward {fw / total:.1%}  backward {bw / total:.1%}  "
          f"clip+optimizer {op / total:.1%}")
    print(f"matmul 2048^3 fp32: {mm_flops / 1e9:.1f} GFLOP/s")
    print(f"MFU = (6*N*tok/s + 12*L*T*d*tok/s) / matmul_flops = {achieved / 1e9:.1f} / "
          f"{mm_flops / 1e9:.1f} GFLOP/s = {mfu:.3f}")
    print(json.dumps({
        "impl": "minimind-pytorch", "torch": torch.__version__, "threads": args.threads,
        "cpu": platform.processor() or platform.machine(),
        "params": n_params, "batch": B, "seq": T, "steps": args.steps,
        "tokens_per_s": round(tok_s, 2),
        "tokens_per_s_median_step": round(tok_s_median, 2), "tokens_per_s_best_step": round(tok_s_best, 2), "step_s": round(total / args.steps, 4),
        "frac_forward": round(fw / total, 4), "frac_backward": round(bw / total, 4),
        "frac_optimizer": round(op / total, 4),
        "matmul_gflops": round(mm_flops / 1e9, 2), "achieved_gflops": round(achieved / 1e9, 2),
        "mfu": round(mfu, 4),
    }))


if __name__ == "__main__":
    main()
