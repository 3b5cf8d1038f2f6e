// Runs a MiniMind GGUF export in llama.cpp (node-llama-cpp, CPU) and compares it with the Java
// reference written by `minimind export --compare-with-llama-cpp`.
//
//   node compare.mjs --model model.gguf --reference reference.json [--steps 64] [--threads 1]
//
// For each prompt of the reference (token ids, so tokenizer differences cannot creep in) it
// greedy-decodes --steps tokens (argmax of the raw logits, EOS ignored), checks llama.cpp's own
// tokenization of the prompt text against the ids, and prints JSON: the tokens, the top-10
// logits at the prompt's last position, how many greedy tokens agree with the reference, the max
// abs logit difference at the last prompt position (all vocab) and along the agreeing prefix
// (reference top-10 ids), and the reference's top-2 margin where the two first disagree.
import fs from "node:fs";
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

function args() {
  const a = {steps: 64, threads: 1};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) a[argv[i].replace(/^--/, "")] = argv[i + 1];
  if (!a.model || !a.reference) {
    console.error("usage: node compare.mjs --model FILE.gguf --reference REF.json [--steps 64] [--threads 1]");
    process.exit(2);
  }
  a.steps = Number(a.steps);
  a.threads = Number(a.threads);
  return a;
}

const topK = (logits, k) => {
  const idx = Array.from(logits.keys()).sort((x, y) => logits[y] - logits[x] || x - y);
  return idx.slice(0, k).map((id) => ({id, logit: logits[id]}));
};

async function greedy(seq, ids, steps) {
  const tokens = [];
  const stepLogits = [];
  let input = ids.map((t, i) => (i === ids.length - 1 ? [t, {generateNext: {logits: true}}] : t));
  for (let s = 0; s < steps; s++) {
    const out = await seq.controlledEvaluate(input);
    const map = out[input.length - 1].next.logits; // Map<token, logit>, every token
    const logits = new Float64Array(map.size);
    for (const [t, v] of map) logits[t] = v;
    let best = 0;
    for (let t = 1; t < logits.length; t++) if (logits[t] > logits[best]) best = t;
    tokens.push(best);
    stepLogits.push(logits);
    input = [[best, {generateNext: {logits: true}}]];
  }
  return {tokens, stepLogits};
}

function compare(ref, tokens, stepLogits) {
  let prefix = 0;
  while (prefix < tokens.length && tokens[prefix] === ref.tokens[prefix]) prefix++;
  const same = tokens.filter((t, i) => t === ref.tokens[i]).length;
  let firstDiff = 0;
  ref.first_logits.forEach((v, t) => (firstDiff = Math.max(firstDiff, Math.abs(v - stepLogits[0][t]))));
  let prefixDiff = 0;
  for (let s = 0; s < Math.min(prefix + 1, tokens.length); s++) {
    const top = ref.top[s];
    top.ids.forEach((t, j) => (prefixDiff = Math.max(prefixDiff, Math.abs(top.logits[j] - stepLogits[s][t]))));
  }
  const minMargin = Math.min(...ref.top.slice(0, prefix + 1).map((t) => t.logits[0] - t.logits[1]));
  const divergence = prefix < tokens.length
    ? {step: prefix, reference_margin: ref.top[prefix].logits[0] - ref.top[prefix].logits[1],
        ours: ref.tokens[prefix], llama: tokens[prefix]}
    : null;
  return {agree_prefix: prefix, agree_positions: same, max_abs_diff_last_prompt_pos: firstDiff,
    max_abs_diff_top10_along_prefix: prefixDiff, min_ref_margin_along_prefix: minMargin, divergence};
}

const a = args();
const reference = JSON.parse(fs.readFileSync(a.reference, "utf8"));
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.error});
const model = await llama.loadModel({modelPath: a.model, gpuLayers: 0});
const context = await model.createContext({
  contextSize: 512, sequences: 1, threads: a.threads, flashAttention: false,
  experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
});
const results = [];
for (const p of reference.prompts) {
  const seq = context.getSequence();
  const llamaIds = model.tokenize(p.text, true);
  const {tokens, stepLogits} = await greedy(seq, p.ids, a.steps);
  results.push({
    name: p.name,
    tokenization_matches: JSON.stringify(llamaIds) === JSON.stringify(p.ids),
    llama_tokenization: JSON.stringify(llamaIds) === JSON.stringify(p.ids) ? undefined : llamaIds,
    tokens,
    continuation: model.detokenize(tokens, true),
    last_prompt_top10: topK(stepLogits[0], 10),
    ...compare(p, tokens, stepLogits),
  });
  seq.dispose();
}
console.log(JSON.stringify({model: a.model, steps: a.steps, prompts: results}, null, 1));
await context.dispose();
await model.dispose();
