// Derives datasets/sample/dpo.jsonl (MiniMind's DPO layout) from datasets/sample/sft.jsonl.
// Deterministic, no randomness, no network: node derive_dpo.mjs
//
// Every pair keeps a real question and its real answer as "chosen"; "rejected" is the same answer
// with one fact made wrong:
//   * author questions ("《T》的作者是谁？"): the first AUTHOR_PAIRS such lines of sft.jsonl; the
//     rejected answer names the author of the next author line (cyclically) whose author differs;
//   * dynasty questions ("X是哪个朝代的诗人？"): the first DYNASTY_PAIRS such lines; the rejected
//     answer swaps 唐代诗人 <-> 宋代词人.
// Pairs are written in the order their questions appear in sft.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AUTHOR_PAIRS = 32;
const DYNASTY_PAIRS = 16;
const AUTHOR = /^《(.+)》的作者是(.代)(诗人|词人)(.+)。$/;
const DYNASTY = /^(.+)是(唐代诗人|宋代词人)。$/;
const SWAP = { '唐代诗人': '宋代词人', '宋代词人': '唐代诗人' };

const lines = fs.readFileSync(path.join(DIR, 'sft.jsonl'), 'utf8').trimEnd().split('\n');
const authors = []; // {index, question, title, dynasty, role, name}
const dynasties = []; // {index, question, name, what}
lines.forEach((line, index) => {
  const c = JSON.parse(line).conversations;
  if (c.length !== 2 || c[0].role !== 'user' || c[1].role !== 'assistant') return;
  const a = AUTHOR.exec(c[1].content);
  if (a && (c[0].content.includes('作者') || c[0].content.includes('谁写的'))) {
    authors.push({ index, question: c[0].content, title: a[1], dynasty: a[2], role: a[3], name: a[4] });
    return;
  }
  const d = DYNASTY.exec(c[1].content);
  if (d && c[0].content.includes('哪个朝代')) {
    dynasties.push({ index, question: c[0].content, name: d[1], what: d[2] });
  }
});

const pairs = [];
authors.slice(0, AUTHOR_PAIRS).forEach((x, i) => {
  let j = (i + 1) % authors.length;
  while (authors[j].name === x.name) j = (j + 1) % authors.length;
  const good = `《${x.title}》的作者是${x.dynasty}${x.role}${x.name}。`;
  const bad = `《${x.title}》的作者是${x.dynasty}${x.role}${authors[j].name}。`;
  pairs.push({ index: x.index, question: x.question, good, bad });
});
dynasties.slice(0, DYNASTY_PAIRS).forEach((x) => {
  pairs.push({ index: x.index, question: x.question, good: `${x.name}是${x.what}。`,
    bad: `${x.name}是${SWAP[x.what]}。` });
});
pairs.sort((p, q) => p.index - q.index);
for (const p of pairs) {
  const real = JSON.parse(lines[p.index]).conversations[1].content;
  if (p.good !== real || p.bad === real) throw new Error(`sft.jsonl:${p.index + 1}: pair does not keep the real answer`);
}

const turn = (q, a) => [{ role: 'user', content: q }, { role: 'assistant', content: a }];
const out = pairs.map((p) => JSON.stringify({ chosen: turn(p.question, p.good), rejected: turn(p.question, p.bad) }));
fs.writeFileSync(path.join(DIR, 'dpo.jsonl'), out.join('\n') + '\n');
console.log(`dpo.jsonl: ${pairs.length} pairs (${Math.min(AUTHOR_PAIRS, authors.length)} author, ${Math.min(DYNASTY_PAIRS, dynasties.length)} dynasty)`);
