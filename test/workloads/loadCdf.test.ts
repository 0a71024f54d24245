// Tests of loading the shipped CDFs and of the errors for malformed CDF files.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { cdfMeanBytes } from "../../src/workloads/empiricalCdf.js";
import { loadCdf, parseCdf } from "../../src/workloads/loadCdf.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-cdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadCdf(nameOrPath)", () => {
  it("loads websearch (DCTCP) with its published points, in bytes", () => {
    const p = loadCdf("websearch");
    expect(p.length).toBe(12);
    expect(p[0]).toEqual({ sizeBytes: 0, cdf: 0 });
    expect(p[5]).toEqual({ sizeBytes: 80000, cdf: 0.53 });
    expect(p[11]).toEqual({ sizeBytes: 30e6, cdf: 1 });
  });

  it("gives websearch a mean of 1,711,250 bytes, near DCTCP's published ≈1.6 MB", () => {
    // Σ Δcdf·midpoint: 0.15·5e3 + 0.05·15e3 + 0.1·25e3 + 0.1·40e3 + 0.13·65e3 + 0.07·140e3
    //   + 0.1·600e3 + 0.1·1.5e6 + 0.1·3.5e6 + 0.07·7.5e6 + 0.03·20e6 = 1,711,250.
    const mean = cdfMeanBytes(loadCdf("websearch"));
    expect(mean).toBeCloseTo(1_711_250, 3);
    // The paper's figure is read off a plot ("about 1.6 MB"): agree within 10%.
    expect(Math.abs(mean - 1.6e6) / 1.6e6).toBeLessThan(0.1);
  });

  it("loads datamining (VL2, pFabric's packets × 1460 B) with mean 5116.6 packets", () => {
    const p = loadCdf("datamining");
    expect(p[0]).toEqual({ sizeBytes: 1460, cdf: 0 });
    expect(p[1]).toEqual({ sizeBytes: 1460, cdf: 0.5 });
    expect(p[p.length - 1]).toEqual({ sizeBytes: 666667 * 1460, cdf: 1 });
    // Packets: 0.5·1 + 0.1·1.5 + 0.1·2.5 + 0.1·5 + 0.1·137 + 0.05·1187 + 0.04·34387 + 0.01·366667
    //   = 5116.6 (pFabric's scripts round it to meanFlowSize = 5117·1460).
    expect(cdfMeanBytes(p)).toBeCloseTo(5116.6 * 1460, 3);
  });

  it("loads a CSV file from an absolute path", () => {
    const file = join(dir, "mine.csv");
    writeFileSync(file, "# mine\nsize_bytes,cdf\n100,0\n300,1\n");
    expect(loadCdf(file)).toEqual([{ sizeBytes: 100, cdf: 0 }, { sizeBytes: 300, cdf: 1 }]);
  });

  it("rejects an unknown name, listing the built-in ones", () => {
    expect(() => loadCdf("hadoop")).toThrow(InputError);
    expect(() => loadCdf("hadoop")).toThrow(/"websearch" or "datamining"/);
  });

  it("names the file when it cannot be read", () => {
    const missing = join(dir, "missing.csv");
    expect(() => loadCdf(missing)).toThrow(missing);
  });
});

describe("parseCdf(text, source)", () => {
  it("names file and line of a decreasing cdf", () => {
    expect(() => parseCdf("size_bytes,cdf\n1,0\n2,0.5\n3,0.4\n4,1\n", "f.csv")).toThrow(/^f\.csv:4: cdf 0\.4 is smaller/);
  });

  it("names file and line of a decreasing size", () => {
    expect(() => parseCdf("10,0\n5,1\n", "f.csv")).toThrow(/^f\.csv:2: size_bytes 5/);
  });

  it("rejects a last cdf other than 1, naming its line", () => {
    expect(() => parseCdf("# c\n1,0\n2,0.9\n", "f.csv")).toThrow(/^f\.csv:3: the last cdf is 0\.9, expected 1/);
  });

  it("rejects a cdf above 1, text in a number and a wrong number of columns", () => {
    expect(() => parseCdf("1,0\n2,100\n", "f.csv")).toThrow(/f\.csv:2: cdf "100"/);
    expect(() => parseCdf("1,0\n2KB,1\n", "f.csv")).toThrow(/f\.csv:2: size_bytes "2KB"/);
    expect(() => parseCdf("1 0\n", "f.csv")).toThrow(/f\.csv:1: expected a "size_bytes,cdf" row/);
  });

  it("rejects a file with no rows", () => {
    expect(() => parseCdf("# nothing\n", "f.csv")).toThrow(/f\.csv: no/);
  });
});
