"""Token statistics of datasets/sample/*.jsonl under MiniMind's tokenizer.

Usage: python count_tokens.py [path/to/tokenizer.json]   (needs `pip install tokenizers`)
Pretrain lines are counted as <|im_start|> + text + <|im_end|> (MiniMind's PretrainDataset);
SFT lines are rendered with MiniMind's chat template (default system prompt when none given).
"Byte-fallback tokens" are tokens that are not a whole UTF-8 character sequence, i.e. a rare
character split into byte pieces: the lower that share, the better the vocabulary covers the text.
"""
import json
import os
import sys

from tokenizers import Tokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.dirname(HERE)
TOK = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', '..', '..', 'shared', 'reference', 'minimind', 'tokenizer.json')
tok = Tokenizer.from_file(TOK)
vocab_size = tok.get_vocab_size()
partial = set()
for i in range(vocab_size):
    s = tok.decode([i])
    if '\ufffd' in s:
        partial.add(i)


def render_chat(msgs):
    out = ''
    if msgs[0]['role'] == 'system':
        out += '<|im_start|>system\n' + msgs[0]['content'] + '<|im_end|>\n'
        msgs = msgs[1:]
    else:
        out += '<|im_start|>system\nYou are a helpful assistant<|im_end|>\n'
    for m in msgs:
        out += '<|im_start|>' + m['role'] + '\n' + m['content'] + '<|im_end|>\n'
    return out


for name in ['pretrain.jsonl', 'pretrain_tiny.jsonl', 'sft.jsonl', 'sft_tiny.jsonl']:
    texts = []
    chars = 0
    with open(os.path.join(DIR, name), encoding='utf-8') as f:
        for line in f:
            o = json.loads(line)
            if 'text' in o:
                texts.append('<|im_start|>' + o['text'] + '<|im_end|>')
                chars += len(o['text'])
            else:
                texts.append(render_chat(o['conversations']))
                chars += sum(len(m['content']) for m in o['conversations'])
    encs = tok.encode_batch(texts, add_special_tokens=False)
    lens = sorted(len(e.ids) for e in encs)
    total = sum(lens)
    nbyte = sum(1 for e in encs for i in e.ids if i in partial)
    print(f'{name}: {total} tokens, {len(lens)} lines, tokens/line mean {total / len(lens):.1f} '
          f'median {lens[len(lens) // 2]} p99 {lens[int(len(lens) * 0.99)]} max {lens[-1]}, '
          f'content chars/token {chars / total:.2f}, byte-fallback tokens {100 * nbyte / total:.2f}%')
