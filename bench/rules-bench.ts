// Compiles the flow-rules vector corpus repeatedly and prints throughput and per-program latency.
// Run with `npm run bench:rules [-- ROUNDS]` (jiti runs the TypeScript sources directly).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileRules } from "../src/zerotier/rules/index.js";

const CORPUS = fileURLToPath(new URL("../test/fixtures/zerotier/rules-vectors", import.meta.url));
const WARMUP_ROUNDS = 50;

const rounds = Number.parseInt(process.argv[2] ?? "400", 10);
const programs = readdirSync(CORPUS)
  .filter((name) => name.endsWith(".ztrules"))
  .map((name) => readFileSync(join(CORPUS, name), "utf8"));

for (let round = 0; round < WARMUP_ROUNDS; round++) {
  for (const source of programs) compileRules(source);
}

const samples = new Float64Array(rounds * programs.length);
let n = 0;
const started = process.hrtime.bigint();
for (let round = 0; round < rounds; round++) {
  for (const source of programs) {
    const t0 = process.hrtime.bigint();
    compileRules(source);
    samples[n++] = Number(process.hrtime.bigint() - t0) / 1000;
  }
}
const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

samples.sort();
const percentile = (p: number) => samples[Math.min(n - 1, Math.floor((n * p) / 100))] ?? 0;
const lines = [
  `corpus: ${programs.length} programs x ${rounds} rounds = ${n} compilations`,
  `time: ${totalSeconds.toFixed(2)} s`,
  `throughput: ${Math.round(n / totalSeconds)} programs/s`,
  `per program: p50 ${percentile(50).toFixed(1)} µs, p99 ${percentile(99).toFixed(1)} µs`,
];
process.stdout.write(lines.join("\n") + "\n");
