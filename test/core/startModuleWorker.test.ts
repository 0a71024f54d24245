// Tests of startModuleWorker: a compiled module and a TypeScript source both run, with this process's Node options (V8 options too) but --input-type.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { startModuleWorker } from "../../src/core/startModuleWorker.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-worker-"));
// An ES module package, as the project is: tsx then loads echo.ts as one.
writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first message `w` posts. */
const firstMessage = (w: Worker): Promise<unknown> =>
  new Promise((resolve, reject) => {
    w.once("message", resolve);
    w.once("error", reject);
  });

/** A module that posts its workerData and its Node options back. */
const ECHO = 'import { parentPort, workerData } from "node:worker_threads";\nparentPort.postMessage({ workerData, execArgv: process.execArgv });\n';

describe("startModuleWorker", () => {
  it("runs a compiled module with its options, and a TypeScript source through tsx", async () => {
    const js = join(dir, "echo.mjs");
    const ts = join(dir, "echo.ts");
    writeFileSync(js, ECHO);
    writeFileSync(ts, ECHO);
    for (const file of [js, ts]) {
      const w = startModuleWorker(pathToFileURL(file), { workerData: { n: 7 } });
      const got = (await firstMessage(w)) as { workerData: unknown };
      await w.terminate();
      expect(got.workerData, file).toEqual({ n: 7 });
    }
  });

  it("passes this process's Node options without --input-type, which a worker's file refuses", async () => {
    const js = join(dir, "options.mjs");
    writeFileSync(js, ECHO);
    const before = [...process.execArgv];
    process.execArgv.push("--input-type=module", "--input-type", "module");
    try {
      const w = startModuleWorker(pathToFileURL(js));
      const got = (await firstMessage(w)) as { execArgv: string[] };
      await w.terminate();
      expect(got.execArgv).toEqual(before);
    } finally {
      process.execArgv.splice(0, process.execArgv.length, ...before);
    }
  });

  it("starts in a process given V8 options, which Node refuses in a worker's explicit execArgv", () => {
    // A user's `node --max-old-space-size=… chokepoint run` once failed here with "invalid execArgv flags".
    const js = join(dir, "v8options.mjs");
    writeFileSync(js, ECHO);
    const source = fileURLToPath(new URL("../../src/core/startModuleWorker.ts", import.meta.url));
    const main = join(dir, "main.ts");
    writeFileSync(
      main,
      `import { startModuleWorker } from ${JSON.stringify(source)};\n` +
        `const w = startModuleWorker(new URL(${JSON.stringify(pathToFileURL(js).href)}));\n` +
        `w.once("message", (m) => { console.log(JSON.stringify(m.execArgv)); void w.terminate(); });\n`,
    );
    const run = spawnSync(process.execPath, ["--max-old-space-size=512", "--stack-size=900", "--import", "tsx", main], { encoding: "utf8", cwd: fileURLToPath(new URL("../..", import.meta.url)) });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(["--max-old-space-size=512", "--stack-size=900", "--import", "tsx"]);
  });
});
