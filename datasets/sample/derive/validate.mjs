// Validates datasets/sample/*.jsonl: strict UTF-8, one JSON object per line,
// MiniMind field layout, non-empty strings, length limits. Prints stats.
// Usage: node validate.mjs   (exit code 1 on any problem)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const decoder = new TextDecoder('utf-8', { fatal: true });
let problems = 0;
const bad = (f, n, msg) => { if (problems++ < 50) console.error(`${f}:${n}: ${msg}`); };
const nonEmpty = (s) => typeof s === 'string' && s.trim().length > 0;

function check(file, kind) {
  const buf = fs.readFileSync(path.join(DIR, file));
  let text;
  try { text = decoder.decode(buf); } catch { bad(file, 0, 'invalid UTF-8'); return; }
  if (!text.endsWith('\n')) bad(file, 0, 'no trailing newline');
  const lines = text.slice(0, -1).split('\n');
  const lens = [];
  const roles = {};
  let zh = 0, en = 0, turns2 = 0, sys = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    let o;
    try { o = JSON.parse(line); } catch { bad(file, n, 'not JSON'); return; }
    if (kind === 'pretrain') {
      if (Object.keys(o).join() !== 'text' || !nonEmpty(o.text)) return bad(file, n, 'expected {"text": non-empty string}');
      if (o.text.length > 400) bad(file, n, `text longer than 400 chars (${o.text.length})`);
      lens.push(o.text.length);
      /[\u4e00-\u9fff]/.test(o.text) ? zh++ : en++;
    } else {
      const c = o.conversations;
      if (Object.keys(o).join() !== 'conversations' || !Array.isArray(c) || c.length < 2) return bad(file, n, 'expected {"conversations": [...]}');
      let k = 0;
      if (c[0].role === 'system') { sys++; k = 1; }
      const rest = c.slice(k);
      if (rest.length % 2 !== 0) bad(file, n, 'turns not in user/assistant pairs');
      rest.forEach((m, j) => {
        if (Object.keys(m).sort().join() !== 'content,role') bad(file, n, 'message must have exactly role and content');
        if (m.role !== (j % 2 === 0 ? 'user' : 'assistant')) bad(file, n, `turn ${j} has role ${m.role}`);
        if (!nonEmpty(m.content)) bad(file, n, 'empty content');
        if (m.role === 'assistant' && m.content.length > 300) bad(file, n, `answer longer than 300 chars (${m.content.length})`);
        roles[m.role] = (roles[m.role] || 0) + 1;
      });
      if (rest.length > 2) turns2++;
      lens.push(c.reduce((a, m) => a + m.content.length, 0));
      /[\u4e00-\u9fff]/.test(c.map((m) => m.content).join('')) ? zh++ : en++;
    }
  });
  lens.sort((a, b) => a - b);
  const mean = lens.reduce((a, b) => a + b, 0) / lens.length;
  console.log(`${file}: ${lines.length} lines, ${buf.length} bytes, chars/line mean ${mean.toFixed(0)} median ${lens[lens.length >> 1]} max ${lens[lens.length - 1]}, chinese ${zh} / english ${en}` +
    (kind === 'sft' ? `, with system ${sys}, multi-turn ${turns2}` : ''));
}
// dpo.jsonl (derive_dpo.mjs): {"chosen": [user, assistant], "rejected": [user, assistant]}, same question.
function checkDpo(file) {
  const text = decoder.decode(fs.readFileSync(path.join(DIR, file)));
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, i) => {
    let o;
    try { o = JSON.parse(line); } catch { return bad(file, i + 1, 'not JSON'); }
    if (Object.keys(o).sort().join() !== 'chosen,rejected') return bad(file, i + 1, 'expected {"chosen", "rejected"}');
    for (const side of [o.chosen, o.rejected]) {
      if (!Array.isArray(side) || side.length !== 2 || side[0].role !== 'user' || side[1].role !== 'assistant'
          || !nonEmpty(side[0].content) || !nonEmpty(side[1].content)) return bad(file, i + 1, 'each side must be [user, assistant]');
    }
    if (o.chosen[0].content !== o.rejected[0].content) bad(file, i + 1, 'chosen and rejected answer different questions');
    if (o.chosen[1].content === o.rejected[1].content) bad(file, i + 1, 'chosen and rejected answers are equal');
  });
  console.log(`${file}: ${lines.length} pairs`);
}
check('pretrain.jsonl', 'pretrain');
check('pretrain_tiny.jsonl', 'pretrain');
check('sft.jsonl', 'sft');
check('sft_tiny.jsonl', 'sft');
checkDpo('dpo.jsonl');
if (problems) { console.error(`${problems} problem(s)`); process.exit(1); }
console.log('all lines valid');
