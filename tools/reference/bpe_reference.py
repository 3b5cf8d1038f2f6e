#!/usr/bin/env python3
"""Reference outputs of HF `tokenizers` for the Java byte-level BPE trainer (io.minimind.core.tokenizer.bpe).

MiniMind's train_tokenizer.py recipe: models.BPE() + ByteLevel(add_prefix_space=False) pre-tokenizer,
BpeTrainer(vocab_size, special_tokens, initial_alphabet=ByteLevel.alphabet()), ByteLevel decoder.

  python3 bpe_reference.py pretok                       # JSON: tricky string -> HF pre-token splits
  python3 bpe_reference.py train OUT_DIR FILE... [--vocab-size 6400] [--min-frequency 0] [--max-bytes N]
        trains on the "text" fields of jsonl FILEs (first --max-bytes bytes of whole lines), saves
        OUT_DIR/tokenizer.json, OUT_DIR/merges.txt (one JSON pair a line) and OUT_DIR/vocab.txt
        (one JSON string a line, by id), and prints the wall time.
"""
import json
import sys
import time

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
TRICKY = [
    "Hello world", "I'm don't we'll they've she'd it's you're", "'S 'T 'Ll", "x's''s",
    "a  b   c    d", "a \tb", "line1\nline2\n\n  indented", "trailing   ", "   leading",
    "123 4567 ٣٤ ²³ Ⅻ", "abc123def", "床前明月光，疑是地上霜。", "中文 English 混合123",
    "emoji 😀👍🏽 ok", "tabs\t\tand\r\nwindows", "nbsp\u00a0here\u3000ideo\u2003em\u0085nel",
    "ctrl\x1c\x1f\x0b\x0cx", "?!... --- ==>", " ", "", "é café naïve", "ß ǅ ʰ ー 々 〇",
    "<|im_start|>user\nhi<|im_end|>",
]


def pretok():
    pt = pre_tokenizers.ByteLevel(add_prefix_space=False)
    out = [{"text": t, "splits": [s for s, _ in pt.pre_tokenize_str(t)]} for t in TRICKY]
    print(json.dumps(out, ensure_ascii=True, indent=1))


def texts(files, max_bytes):
    used = 0
    for path in files:
        with open(path, "r", encoding="utf-8") as f:
            for line in f:
                used += len(line.encode("utf-8"))
                if max_bytes and used > max_bytes:
                    return
                if line.strip():
                    yield json.loads(line)["text"]


def train(out_dir, files, vocab_size, min_frequency, max_bytes):
    import os
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                                  special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    t0 = time.time()
    tok.train_from_iterator(texts(files, max_bytes), trainer=trainer)
    dt = time.time() - t0
    tok.decoder = decoders.ByteLevel()
    os.makedirs(out_dir, exist_ok=True)
    tok.save(os.path.join(out_dir, "tokenizer.json"))
    model = json.load(open(os.path.join(out_dir, "tokenizer.json"), encoding="utf-8"))["model"]
    with open(os.path.join(out_dir, "merges.txt"), "w", encoding="utf-8") as f:
        for m in model["merges"]:
            f.write(json.dumps(m if isinstance(m, list) else m.split(" "), ensure_ascii=True) + "\n")
    with open(os.path.join(out_dir, "vocab.txt"), "w", encoding="utf-8") as f:
        for t, _ in sorted(model["vocab"].items(), key=lambda kv: kv[1]):
            f.write(json.dumps(t, ensure_ascii=True) + "\n")
    print(f"hf train: {dt:.2f} s, vocab {len(model['vocab'])}, merges {len(model['merges'])}")


if __name__ == "__main__":
    if sys.argv[1] == "pretok":
        pretok()
    else:
        args = sys.argv[2:]
        opts = {"--vocab-size": 6400, "--min-frequency": 0, "--max-bytes": 0}
        files = []
        i = 1
        while i < len(args):
            if args[i] in opts:
                opts[args[i]] = int(args[i + 1])
                i += 2
            else:
                files.append(args[i])
                i += 1
        train(args[0], files, opts["--vocab-size"], opts["--min-frequency"], opts["--max-bytes"])
