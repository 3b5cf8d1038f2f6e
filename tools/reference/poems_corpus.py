#!/usr/bin/env python3
"""Builds the BPE benchmark corpus: ~30 MB of MiniMind pretrain jsonl ({"text": ...}) from the npm
package chinese-poetry (its dist/ folder, e.g. node_modules/chinese-poetry/dist). Tang and Song
poems (poet.tang.N.json, poet.song.N.json, in N order), one poem a line: title, author, body.
Deterministic. Usage: python3 poems_corpus.py DIST_DIR OUT.jsonl [--mb 30]"""
import json
import os
import re
import sys


def main(dist, out, mb):
    d = os.path.join(dist, "quantangshi")
    files = [f for f in os.listdir(d) if re.match(r"poet\.(tang|song)\.\d+\.json$", f)]
    files.sort(key=lambda f: (f.split(".")[1] != "tang", int(f.split(".")[2])))
    limit = mb * 1_000_000
    used = 0
    with open(out, "w", encoding="utf-8") as w:
        for f in files:
            for p in json.load(open(os.path.join(d, f), encoding="utf-8")):
                text = f"{p.get('title', '')}\n{p.get('author', '')}\n" + "\n".join(p.get("paragraphs", []))
                line = json.dumps({"text": text}, ensure_ascii=False) + "\n"
                used += len(line.encode("utf-8"))
                if used > limit:
                    return
                w.write(line)


if __name__ == "__main__":
    mb = int(sys.argv[sys.argv.index("--mb") + 1]) if "--mb" in sys.argv else 30
    main(sys.argv[1], sys.argv[2], mb)
