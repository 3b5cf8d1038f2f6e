#!/usr/bin/env bash
# Dev-only: MiniMind's PyTorch training step and ours, alternately on the same CPU, N rounds.
# Needs a MiniMind checkout (MINIMIND_SRC) and torch; prints each JSON line.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-2}
for i in $(seq 1 "$ROUNDS"); do
  python3 tools/reference/bench_minimind_train.py --threads 2 --batch 8 --seq 512 --steps 5 2>&1 | tail -n 1
  ./minimind bench train --preset minimind2-small --seq-len 512 --batch-size 8 --steps 5 --warmup 2 --threads 2 2>&1 | tail -n 1
done
