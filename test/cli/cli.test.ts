// End-to-end tests of the CLI: exit codes, one-sentence errors with nothing written, golden runs, determinism.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMAND_OPTIONS, COMMANDS } from "../../src/cli/parseCommandLine.js";
import { readCsv, runCli as run } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("chokepoint CLI", () => {
  it("prints help with examples and exits 0", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Examples:");
    expect(r.stdout).toContain("chokepoint run scenarios/default.yaml");
  });

  it("prints one command's usage and options only for `<command> --help` and `help <command>`, ending with where the rest is", async () => {
    const whole = (await run("--help")).stdout;
    expect((await run("help")).stdout).toBe(whole);
    expect((await run("help", "help")).stdout).toBe(whole);
    for (const command of COMMANDS.filter((c) => c !== "help")) {
      const r = await run(command, "--help");
      expect(r.code, command).toBe(0);
      expect((await run("help", command)).stdout, command).toBe(r.stdout);
      expect((await run(command, "-h")).stdout, command).toBe(r.stdout);
      expect(r.stdout, command).toMatch(new RegExp(`^Usage:\n {2}chokepoint ${command} `));
      // Its options, as the parser knows them, and no other command's usage.
      const listed = [...r.stdout.matchAll(/^ {2}(?:-\w, | {4})--([\w-]+)/gm)].map((m) => m[1]);
      expect(listed.sort(), command).toEqual([...COMMAND_OPTIONS[command], ...(COMMAND_OPTIONS[command].length > 0 ? ["help"] : [])].sort());
      for (const other of COMMANDS) if (other !== command) expect(r.stdout, command).not.toContain(`chokepoint ${other} `);
      expect(r.stdout.trimEnd().split("\n").at(-1), command).toBe("Every command, examples, exit codes and the reports: chokepoint --help");
      // The same lines as the whole help's.
      for (const line of r.stdout.split("\n").filter((l) => l.startsWith("  "))) if (!line.startsWith("  -h, --help")) expect(whole, command).toContain(line);
    }
  });

  it("prints the usage when called with no arguments", async () => {
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^chokepoint — [^\n]*\n\nUsage:\n {2}chokepoint run <scenario>/);
  });

  it("refuses, with exit 2 and one sentence, an option the command does not take, and writes nothing", async () => {
    const out = join(tmp, "not-applicable");
    const cases: Array<[string[], string]> = [
      [["run", "scenarios/two-hosts.yaml", "--out", out, "--dry-run"], '--dry-run is not an option of "chokepoint run"'],
      [["sweep", "scenarios/sweeps/fct-vs-load.yaml", "--out", out, "--engine", "full", "--seed", "5", "--until", "1s"], '--engine is not an option of "chokepoint sweep"'],
      [["sweep", "scenarios/sweeps/fct-vs-load.yaml", "--out", out, "--seed", "5"], '--seed is not an option of "chokepoint sweep"'],
      [["sweep", "scenarios/sweeps/fct-vs-load.yaml", "--out", out, "--until", "1s"], '--until is not an option of "chokepoint sweep"'],
      [["validate", "scenarios/default.yaml", "--jobs", "4"], '--jobs is not an option of "chokepoint validate"'],
      [["merge", out, "--out", out, "--jobs", "2"], '--jobs is not an option of "chokepoint merge"'],
    ];
    for (const [argv, sentence] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining(`chokepoint: ${sentence}`)]);
      expect(r.stdout).toBe("");
    }
    expect(existsSync(out)).toBe(false);
  });

  it("reports an --out that cannot be written as bad input before simulating, and does not hang on /proc", async () => {
    const file = join(tmp, "a-file");
    writeFileSync(file, "");
    const cases: Array<[string, string]> = [
      ["/dev/null/x", "cannot write reports to /dev/null/x: a part of the path is a file, not a directory"],
      ["/proc/x", "cannot write reports to /proc/x: no directory can be created there"],
      [file, `cannot write reports to ${file}: it is a file, not a directory`],
    ];
    for (const [out, sentence] of cases) {
      const r = await run("run", "scenarios/two-hosts.yaml", "--out", out);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toBe(`chokepoint: ${sentence}\n`);
      expect(r.stdout).toBe("");
    }
    for (const argv of [["sweep", "scenarios/sweeps/fct-vs-load.yaml", "--out", "/proc/x"], ["merge", tmp, "--out", "/proc/x"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^chokepoint: cannot write the (study|merged study) to \/proc\/x: no directory can be created there\n$/);
    }
  }, 30_000);

  it("refuses a --seed that is not a whole number from 0 to 2⁵³ − 1, as a scenario's seed is refused (99999999999999999999 would run as 1e20)", async () => {
    const out = join(tmp, "seed-out");
    for (const seed of ["abc", "1.5", "99999999999999999999", "9007199254740992"]) {
      const r = await run("run", "scenarios/two-hosts.yaml", "--out", out, "--quiet", "--seed", seed);
      expect(r.code, seed).toBe(2);
      expect(r.stderr).toBe(`chokepoint: --seed must be a whole number from 0 to 9007199254740991, found "${seed}"\n`);
      expect(existsSync(out)).toBe(false);
    }
    const file = join(tmp, "seed-file.yaml");
    for (const seed of ["-1", "1.5", "99999999999999999999"]) {
      writeFileSync(file, `seed: ${seed}\ntopology:\n  nodes: [{ id: a }, { id: b }]\n  links: [{ from: a, to: b, bandwidth: 1Gbps }]\n`);
      const r = await run("validate", file);
      expect(r.code, seed).toBe(2);
      expect(r.stderr).toBe(`chokepoint: ${file}: seed: seed must be a whole number from 0 to 9007199254740991, found ${seed === "99999999999999999999" ? "100000000000000000000" : seed}\n`);
    }
    expect((await run("run", "scenarios/two-hosts.yaml", "--out", out, "--quiet", "--seed", "9007199254740991")).code).toBe(0);
  });

  it("refuses a directory given as the scenario (run, validate) with exit 2 and one sentence, writing nothing", async () => {
    const folder = join(tmp, "folder.yaml");
    mkdirSync(folder);
    const out = join(tmp, "folder-out");
    for (const argv of [["run", folder, "--out", out, "--quiet"], ["validate", folder]]) {
      const r = await run(...argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toBe(`chokepoint: ${folder}: is not a file — give a scenario file (.yaml, .yml or .json)\n`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("says that ${…} is substituted only in a study, naming the file and the key (run, validate), for a plain scenario that holds one", async () => {
    const file = join(tmp, "placeholder.yaml");
    writeFileSync(file, `name: p\ntopology:\n  fatTree: { k: 4, bandwidth: "\${bw}Gbps", latency: 1us }\n`);
    const out = join(tmp, "placeholder-out");
    for (const argv of [["run", file, "--out", out, "--quiet"], ["validate", file]]) {
      const r = await run(...argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toBe(
        `chokepoint: ${file}: topology.fatTree.bandwidth is "\${bw}Gbps", but \${…} is substituted only in a study (a file with a sweep: block, run by "chokepoint sweep") and this file has none — write the value itself, or declare bw under sweep.vars\n`,
      );
      expect(existsSync(out)).toBe(false);
    }
  });

  it("replaces the whole report set: a plain run after a training run into the same --out leaves no jobs.csv or collectives.csv", async () => {
    const out = join(tmp, "reused");
    expect((await run("run", "scenarios/ai/rudimentary-network.yaml", "--out", out, "--quiet")).code).toBe(0);
    expect(readdirSync(out)).toContain("jobs.csv");
    expect((await run("run", "scenarios/two-hosts.yaml", "--out", out, "--quiet")).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      ["bottlenecks", "cost", "flows", "links", "summary", "tiers", "workload-bottlenecks", "workloads"].map((f) => `${f}.csv`).concat("run.json").sort(),
    );
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).scenario).toBe("two-hosts");
    expect(readdirSync(tmp).filter((e) => e.includes("reused"))).toEqual(["reused"]); // no staging left beside it
  });

  it("refuses to replace a directory holding files that are not reports, deleting nothing", async () => {
    const out = join(tmp, "user-dir");
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine\n");
    const r = await run("run", "scenarios/two-hosts.yaml", "--out", out, "--quiet");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `chokepoint: cannot write reports to ${out}: it holds "notes.txt", which is not a chokepoint report, and a run replaces its whole directory — give a new or empty directory\n`,
    );
    expect(readdirSync(out)).toEqual(["notes.txt"]);
  });

  it("does not let two scenario files with the same name overwrite each other's default results/<name>/ without --force", async () => {
    const name = `cli-test-same-name-${process.pid}`;
    const defaultDir = join("results", name);
    const [first, second] = ["first", "second"].map((f) => join(tmp, `${f}.yaml`));
    for (const f of [first, second]) {
      writeFileSync(f, readFileSync("scenarios/two-hosts.yaml", "utf8").replace("name: two-hosts", `name: ${name}`));
    }
    try {
      expect((await run("run", first, "--quiet")).code).toBe(0);
      const before = readFileSync(join(defaultDir, "run.json"), "utf8");
      expect(JSON.parse(before).scenario_file).toBe(first);
      const refused = await run("run", second, "--quiet");
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe(
        `chokepoint: ${defaultDir} holds the results of ${first}, another scenario named "${name}" — give --out DIR, or --force to replace them\n`,
      );
      expect(readFileSync(join(defaultDir, "run.json"), "utf8")).toBe(before);
      // The same file, edited, replaces its own results; another file does with --force.
      writeFileSync(first, readFileSync(first, "utf8").replace("seed: 7", "seed: 8"));
      expect((await run("run", first, "--quiet")).code).toBe(0);
      expect((await run("run", second, "--quiet", "--force")).code).toBe(0);
      expect(JSON.parse(readFileSync(join(defaultDir, "run.json"), "utf8")).scenario_file).toBe(second);
    } finally {
      rmSync(defaultDir, { recursive: true, force: true });
    }
  });

  it("escapes control characters of ids and paths in everything it prints", async () => {
    const evil = "b\x1b[31m\x07";
    const bad = join(tmp, "evil.yaml");
    writeFileSync(bad, `topology:\n  nodes: [{ id: a }]\n  links:\n    - { from: a, to: "b\\e[31m\\a", bandwidth: 100Gbps }\n`);
    const refused = await run("run", bad, "--out", join(tmp, "evil-out"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`chokepoint: ${bad}: topology.links[0]: unknown node "b\\x1b[31m\\x07"\n`);
    const out = join(tmp, `out-${evil}`);
    const ran = await run("run", "scenarios/two-hosts.yaml", "--out", out);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`reports: ${tmp}/out-b\\x1b[31m\\x07/{flows,`);
    for (const text of [refused.stderr, ran.stdout, ran.stderr]) expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });

  it("rejects an unknown command, an unknown flag and a malformed --until with exit 2", async () => {
    for (const argv of [["simulate", "x.yaml"], ["run", "scenarios/two-hosts.yaml", "--speed"], ["run", "scenarios/two-hosts.yaml", "--until", "10"]]) {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  describe("every malformed scenario", () => {
    for (const name of readdirSync("scenarios/bad")
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()) {
      const file = join("scenarios/bad", name);
      it(`${name}: exit 2, one sentence naming the file, nothing written`, async () => {
        const out = join(tmp, `bad-${name}`);
        for (const argv of [["run", file, "--out", out], ["validate", file]]) {
          const r = await run(...argv);
          expect(r.code).toBe(2);
          const lines = r.stderr.trim().split("\n");
          expect(lines).toHaveLength(1);
          expect(lines[0]).toContain(file);
          expect(lines[0]).not.toMatch(/\n\s+at /);
          expect(r.stdout).toBe("");
        }
        expect(existsSync(out)).toBe(false);
      });
    }
  });

  it("validates a good scenario with exit 0", async () => {
    const r = await run("validate", "scenarios/default.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ok");
  });

  it("prints the training line and lists every report written for an AI scenario", async () => {
    const out = join(tmp, "rudimentary");
    const r = await run("run", "scenarios/ai/rudimentary-network.yaml", "--out", out);
    expect(r.code).toBe(0);
    // 0.6 s of compute in a 2.4565 s iteration (the scenario's hand derivation): 24.4%.
    expect(r.stdout).toContain("training: 2 iterations, mean 2.456 s, GPU utilisation 24.4%, waiting on the network 75.6%");
    expect(r.stdout).toContain(`reports: ${out}/{flows,links,bottlenecks,summary,workloads,workload-bottlenecks,tiers,cost,jobs,collectives}.csv, run.json`);
    expect(readdirSync(out).sort()).toEqual(
      ["bottlenecks", "collectives", "cost", "flows", "jobs", "links", "summary", "tiers", "workload-bottlenecks", "workloads"].map((f) => `${f}.csv`).concat("run.json").sort(),
    );
  });

  it("writes the requests line's latencies in µs/ms/s as the FCT line does, and its counts grouped by thousands", async () => {
    // c —100 Gb/s, 10 µs— api; 1,200 requests of 1000 B, one per ms, served in 50 µs: each
    // message takes 10 µs + 1000 B / 12.5e9 B/s = 10.08 µs, a request 2 × 10.08 + 50 = 70.16 µs.
    const file = join(tmp, "requests-line.yaml");
    writeFileSync(
      file,
      [
        "name: requests-line",
        "topology:",
        "  nodes: [{ id: c }, { id: api }]",
        "  links: [{ from: c, to: api, bandwidth: 100Gbps, latency: 10us }]",
        "workloads:",
        "  - service: { name: svc, nodes: [api], serviceTime: 50us, concurrency: 8 }",
        "  - agents: { name: bots, nodes: [c], arrival: { periodic: { every: 1ms } }, request: 1000B, response: 1000B, call: svc, requests: 1200 }",
        "",
      ].join("\n"),
    );
    const r = await run("run", file, "--out", join(tmp, "requests-line"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("\nflows: 2,400/2,400 finished, 2.4 MB delivered\n");
    expect(r.stdout).toContain("\nFCT p50/p95/p99: 10.08 µs / 10.08 µs / 10.08 µs\n");
    expect(r.stdout).toContain("\nrequests: 1,200, latency p50/p99 70.16 µs / 70.16 µs\n");
  });

  it("two-hosts: finish times derived by hand", async () => {
    // a —100 Gb/s— s —40 Gb/s— b, 1 µs per hop. transfer0 (1 GB at 0) alone at 5e9 B/s from
    // 2 µs to 1.002 ms drains 5e6 B; then "pinned" (500 MB) shares 2.5e9 B/s and needs 0.2 s
    // → 0.201002 s; transfer0 has 495e6 B left at 5e9 B/s → 0.300002 s.
    const out = join(tmp, "two-hosts");
    const r = await run("run", "scenarios/two-hosts.yaml", "--out", out, "--quiet");
    expect(r.code).toBe(0);
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows.map((f) => f.id)).toEqual(["transfer0", "pinned"]);
    expect(Number(flows[0].finish_s)).toBeCloseTo(0.300002, 12);
    expect(Number(flows[1].finish_s)).toBeCloseTo(0.201002, 12);
    expect(flows.every((f) => f.bottleneck === "s->b")).toBe(true);
    const summary = readCsv(join(out, "summary.csv"))[0];
    expect(Number(summary.flows)).toBe(2);
    expect(Number(summary.finished)).toBe(2);
    expect(Number(summary.bytes)).toBe(1.5e9);
  });

  it("parking lot: finish times derived by hand", async () => {
    // See the derivation in scenarios/parking-lot.yaml: shorts at 1.599 s, long at 1.601 s.
    const out = join(tmp, "parking-lot");
    expect((await run("run", "scenarios/parking-lot.yaml", "--out", out, "--quiet")).code).toBe(0);
    const finish = Object.fromEntries(readCsv(join(out, "flows.csv")).map((f) => [f.id, Number(f.finish_s)]));
    for (const id of ["short1", "short2", "short3"]) expect(finish[id]).toBeCloseTo(1.599, 12);
    expect(finish.long).toBeCloseTo(1.601, 12);
  });

  it("same scenario and seed give byte-identical CSVs; another seed changes them", async () => {
    const dirs = ["a", "b"].map((d) => join(tmp, `det-${d}`));
    for (const d of dirs) expect((await run("run", "scenarios/default.yaml", "--out", d, "--quiet")).code).toBe(0);
    for (const f of ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv"]) {
      expect(readFileSync(join(dirs[1], f)).equals(readFileSync(join(dirs[0], f)))).toBe(true);
    }
    const other = join(tmp, "det-seed2");
    expect((await run("run", "scenarios/default.yaml", "--out", other, "--quiet", "--seed", "2")).code).toBe(0);
    expect(readFileSync(join(other, "flows.csv")).equals(readFileSync(join(dirs[0], "flows.csv")))).toBe(false);
  });

  it("--until stops the run and leaves unfinished flows without a finish time", async () => {
    const out = join(tmp, "until");
    const r = await run("run", "scenarios/two-hosts.yaml", "--out", out, "--until", "250ms");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("time limit");
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows[0].finish_s).toBe("");
    expect(Number(flows[1].finish_s)).toBeCloseTo(0.201002, 12);
    // One event is "1 event", not "1 events".
    const one = await run("run", "scenarios/two-hosts.yaml", "--out", join(tmp, "until-1us"), "--until", "1us");
    expect(one.stdout.split("\n")[0]).toMatch(/^two-hosts: stopped at the time limit in \d+\.\d\d s wall \(1 event, [\d,]+ events\/s\)$/);
  });
});
