// Serving benchmark: our inference-service (OpenAI API, streaming) vs llama.cpp (node-llama-cpp,
// in-process, CPU) on the same weights (a model directory and its f32 GGUF export).
//
//   node bench.mjs --model-dir DIR --gguf DIR-f32.gguf [--jar inference-service/target/quarkus-app/quarkus-run.jar]
//       [--port 18080] [--ours-threads 2] [--llama-threads 1,2] [--levels 1,4,16] [--rounds 3]
//       [--max-tokens 128] [--prompt-len 32] [--llama-fa off|on|both] [--out result.json]
//
// Both engines get the same token-id prompts (stream i of a level gets its own 32 ids, so no engine can
// share a prefix between streams), greedy decoding, at most --max-tokens new tokens, stopping at EOS.
// Per level it measures: TTFT (request start -> first streamed token), single-stream decode tokens/s
// ((tokens - 1) / (last token - first token), mean over the level's streams) and aggregate tokens/s
// (all completion tokens / wall time of the level). Engines run alternately (ours, llama.cpp T=1,
// llama.cpp T=2, ours, ...) for --rounds rounds after a warm-up; medians over the rounds are printed
// as a table, then one line of JSON. llama.cpp runs with flash attention off and an F32 KV cache
// (as tools/llama-cpp/compare.mjs; exact logits); --llama-fa on|both (also) runs its CPU default,
// flash attention on with an F16 KV cache ("FA").
import {spawn} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import OpenAI from "openai";
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const here = path.dirname(fileURLToPath(import.meta.url));

function args() {
  const a = {
    jar: path.resolve(here, "../../inference-service/target/quarkus-app/quarkus-run.jar"),
    port: 18080, "ours-threads": 2, "llama-threads": "1,2", levels: "1,4,16", rounds: 3,
    "max-tokens": 128, "prompt-len": 32, "llama-fa": "off",
  };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) a[argv[i].replace(/^--/, "")] = argv[i + 1];
  if (!a["model-dir"] || !a.gguf) {
    console.error("usage: node bench.mjs --model-dir DIR --gguf FILE.gguf [--ours-threads 2] [--llama-threads 1,2] "
      + "[--levels 1,4,16] [--rounds 3] [--max-tokens 128] [--port 18080] [--jar quarkus-run.jar] [--out r.json]");
    process.exit(2);
  }
  for (const k of ["port", "ours-threads", "rounds", "max-tokens", "prompt-len"]) a[k] = Number(a[k]);
  a.llamaThreads = String(a["llama-threads"]).split(",").map(Number);
  a.levels = String(a.levels).split(",").map(Number);
  return a;
}

const now = () => performance.now();
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((x, y) => x + y, 0) / xs.length;

/** Prompt of stream i: BOS then len-1 ordinary ids (a fixed pseudo-random walk, different per stream). */
function prompt(i, len, vocab) {
  const ids = [1];
  let x = 1009 + 7919 * i;
  while (ids.length < len) {
    x = (x * 1103515245 + 12345) % 2147483648;
    ids.push(300 + (x % (vocab - 400)));
  }
  return ids;
}

/** One level: n streams started together; fn(i) resolves {ttft, first, last, tokens, text} (ms, absolute). */
async function level(n, fn) {
  const t0 = now();
  const streams = await Promise.all(Array.from({length: n}, (_, i) => fn(i, t0)));
  const wall = now() - t0;
  const tokens = streams.reduce((s, r) => s + r.tokens, 0);
  return {
    streams: n,
    tokens,
    wall_ms: wall,
    aggregate_tps: tokens / (wall / 1000),
    ttft_ms: mean(streams.map((r) => r.first - t0)),
    decode_tps: mean(streams.map((r) => (r.tokens > 1 ? (r.tokens - 1) / ((r.last - r.first) / 1000) : NaN))),
    min_tokens: Math.min(...streams.map((r) => r.tokens)),
    text0: streams[0].text,
  };
}

// ---- ours: inference-service through the OpenAI client ----
async function startService(a) {
  const log = fs.openSync(path.join(os.tmpdir(), `bench-serve-${a.port}.log`), "w");
  const child = spawn("java", [
    `-Dminimind.inference.models.bench=${a["model-dir"]}`, `-Dquarkus.http.port=${a.port}`,
    `-Dminimind.inference.threads=${a["ours-threads"]}`,
    "-jar", a.jar,
  ], {env: {...process.env, JDK_JAVA_OPTIONS: "--add-modules jdk.incubator.vector"}, stdio: ["ignore", log, log]});
  const stop = () => { try { child.kill("SIGTERM"); } catch { /* gone */ } };
  process.on("exit", stop);
  const t0 = now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`inference-service exited (${child.exitCode}); see ${os.tmpdir()}/bench-serve-${a.port}.log`);
    try {
      const r = await fetch(`http://127.0.0.1:${a.port}/q/health/ready`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (now() - t0 > 180000) { stop(); throw new Error("inference-service not ready after 180 s"); }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {child, stop, ready_ms: now() - t0};
}

function oursStream(client, a) {
  return async (i) => {
    const start = now();
    let first = NaN, last = NaN, text = "", usage = null;
    const stream = await client.completions.create({
      model: "bench", prompt: prompt(i, a["prompt-len"], 6400), max_tokens: a["max-tokens"], temperature: 0,
      stream: true, stream_options: {include_usage: true},
    });
    for await (const chunk of stream) {
      const t = now();
      const piece = chunk.choices?.[0]?.text;
      if (piece) {
        if (Number.isNaN(first)) first = t;
        last = t;
        text += piece;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    if (!usage) throw new Error("no usage in the stream (stream_options.include_usage)");
    return {start, first, last, tokens: usage.completion_tokens, text};
  };
}

// ---- llama.cpp in-process ----
function llamaStream(model, context, a) {
  return async (i) => {
    const seq = context.getSequence();
    const start = now();
    let first = NaN, last = NaN, tokens = 0;
    const ids = [];
    try {
      for await (const tok of seq.evaluate(prompt(i, a["prompt-len"], 6400), {temperature: 0})) {
        const t = now();
        if (model.isEogToken(tok)) break;
        if (Number.isNaN(first)) first = t;
        last = t;
        ids.push(tok);
        if (++tokens >= a["max-tokens"]) break;
      }
    } finally {
      seq.dispose();
    }
    return {start, first, last, tokens, text: model.detokenize(ids)};
  };
}

async function main() {
  const a = args();
  const loadavg = os.loadavg().map((x) => x.toFixed(2)).join(" ");
  console.error(`load average before: ${loadavg}; cpus: ${os.cpus().length}`);

  const llama = await getLlama({gpu: false, build: "never", maxThreads: 0, logLevel: LlamaLogLevel.error});
  const model = await llama.loadModel({modelPath: a.gguf, gpuLayers: 0});
  const maxLevel = Math.max(...a.levels);
  const contexts = {};
  const fa = {off: [false], on: [true], both: [false, true]}[a["llama-fa"]];
  for (const flash of fa) {
    for (const t of a.llamaThreads) {
      contexts[`llama.cpp T=${t}${flash ? " FA" : ""}`] = await model.createContext({
        contextSize: a["prompt-len"] + a["max-tokens"] + 64, sequences: maxLevel, threads: t,
        ...(flash ? {flashAttention: true}
          : {flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32"}),
      });
    }
  }
  const svc = await startService(a);
  console.error(`inference-service ready in ${(svc.ready_ms / 1000).toFixed(1)} s`);
  const client = new OpenAI({baseURL: `http://127.0.0.1:${a.port}/v1`, apiKey: "unused", maxRetries: 0, timeout: 600000});

  const engines = [{name: `ours T=${a["ours-threads"]}`, fn: oursStream(client, a)},
    ...Object.entries(contexts).map(([name, c]) => ({name, fn: llamaStream(model, c, a)}))];

  try {
    // warm-up: JIT for the JVM, first-touch for both; not measured
    for (const e of engines) for (const n of a.levels) await level(n, e.fn);
    const runs = Object.fromEntries(engines.map((e) => [e.name, Object.fromEntries(a.levels.map((n) => [n, []]))]));
    for (let r = 0; r < a.rounds; r++) {
      for (const e of engines) {
        for (const n of a.levels) {
          const res = await level(n, e.fn);
          runs[e.name][n].push(res);
          console.error(`round ${r + 1} ${e.name} x${n}: ${res.tokens} tok, agg ${res.aggregate_tps.toFixed(1)} tok/s, `
            + `decode ${res.decode_tps.toFixed(1)} tok/s/stream, TTFT ${res.ttft_ms.toFixed(1)} ms`);
        }
      }
    }
    // same greedy output? (single stream, stream 0)
    const same = runs[engines[0].name][a.levels[0]][0].text === runs[engines[1].name][a.levels[0]][0].text;

    const summary = [];
    console.log(`\nmedians over ${a.rounds} rounds; prompt ${a["prompt-len"]} ids, max_tokens ${a["max-tokens"]}, greedy\n`);
    console.log("| engine | streams | tokens | decode tok/s per stream | mean TTFT ms | aggregate tok/s |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const e of engines) {
      for (const n of a.levels) {
        const xs = runs[e.name][n];
        const row = {engine: e.name, streams: n, tokens: median(xs.map((x) => x.tokens)),
          decode_tps: median(xs.map((x) => x.decode_tps)), ttft_ms: median(xs.map((x) => x.ttft_ms)),
          aggregate_tps: median(xs.map((x) => x.aggregate_tps)),
          aggregate_tps_all: xs.map((x) => +x.aggregate_tps.toFixed(1))};
        summary.push(row);
        console.log(`| ${e.name} | ${n} | ${row.tokens} | ${row.decode_tps.toFixed(1)} | ${row.ttft_ms.toFixed(1)} | `
          + `${row.aggregate_tps.toFixed(1)} |`);
      }
    }
    const result = {load_average_before: loadavg, load_average_after: os.loadavg().map((x) => +x.toFixed(2)),
      cpus: os.cpus().length, rounds: a.rounds, prompt_len: a["prompt-len"], max_tokens: a["max-tokens"],
      same_greedy_text_single_stream: same, rows: summary};
    if (a.out) fs.writeFileSync(a.out, JSON.stringify({...result, runs}, null, 1));
    console.log(JSON.stringify(result));
  } finally {
    svc.stop();
    for (const c of Object.values(contexts)) await c.dispose();
    await model.dispose();
  }
}

await main();
