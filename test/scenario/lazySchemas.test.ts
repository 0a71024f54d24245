// The scenario schema is built on first use: a JSON scenario of plain transfers and explicit nodes and links never builds it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

// Every strict object of the schema goes through zod's strictObject (schemaParts.strict): counting its calls counts schemas built.
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock("zod", async (importOriginal) => {
  const z = await importOriginal<typeof import("zod")>();
  return { ...z, strictObject: (...args: Parameters<typeof z.strictObject>) => (built.count++, z.strictObject(...args)) };
});

const { loadScenario } = await import("../../src/scenario/loadScenario.js");

const dir = mkdtempSync(path.join(tmpdir(), "chokepoint-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the scenario schema", () => {
  const topology = { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "10Gbps" }] };

  it("is not built by loading the modules, nor for a JSON scenario of plain transfers on explicit nodes and links", () => {
    expect(built.count).toBe(0);
    const file = path.join(dir, "plain.json");
    writeFileSync(file, JSON.stringify({ name: "plain", seed: 2, topology, workloads: [{ transfer: { id: "f", src: "a", dst: "b", size: "1MB", start: "1ms" } }] }));
    const s = loadScenario(file);
    expect(s.workloads).toHaveLength(1);
    expect(s.seed).toBe(2);
    expect(built.count).toBe(0);
  });

  it("is built, once, for anything else", () => {
    const file = path.join(dir, "traffic.json");
    writeFileSync(file, JSON.stringify({ topology, workloads: [{ traffic: { pattern: "uniform", load: 0.5, size: "1MB", flows: 2 } }] }));
    expect(loadScenario(file).workloads).toHaveLength(1);
    const once = built.count;
    expect(once).toBeGreaterThan(50);
    expect(loadScenario(file).workloads).toHaveLength(1);
    expect(built.count).toBe(once);
  });
});
