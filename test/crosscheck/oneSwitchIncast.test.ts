// Tests of bench/ns3/oneSwitchIncast: the ns-3 case text of LossRecoveryCwr.test.ts's one-switch incast.
import { describe, expect, it } from "vitest";
import { oneSwitchIncast } from "../../bench/ns3/oneSwitchIncast.js";

describe("oneSwitchIncast", () => {
  it("writes the test's network: options, nodes, links with the buffer, then 10 rounds of one flow per sender 10 ms apart", () => {
    const lines = oneSwitchIncast(2, 64000, 100).trimEnd().split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "option sockbuf 16777216",
      "option segsize 1448",
      "option iw 10",
      "option cc dctcp",
      "option minrto 0.2",
      "option synto 1",
      "option delack 1",
      "option ecnk 20",
    ]);
    expect(lines.slice(8, 15)).toEqual([
      "node sw",
      "node h0",
      "node h1",
      "node h2",
      "link sw h0 10000000000 0.000001 100",
      "link h1 sw 10000000000 0.000001 100",
      "link h2 sw 10000000000 0.000001 100",
    ]);
    const flows = lines.slice(15);
    expect(flows).toHaveLength(20);
    expect(flows[0]).toBe("flow q0_1 h1 h0 64000 0.001 1 h1,sw,h0");
    expect(flows[19]).toBe(`flow q9_2 h2 h0 64000 ${0.001 + 0.09} 1 h2,sw,h0`);
    expect(lines.some((l) => l.startsWith("option jitter") || l.startsWith("option rngrun"))).toBe(false);
  });

  it("adds 1 µs of jitter and ns-3's RngRun for a seed above 0", () => {
    const lines = oneSwitchIncast(1, 1000, 200, 4).split("\n");
    expect(lines.slice(10, 12)).toEqual(["option jitter 1e-6", "option rngrun 4"]);
    expect(lines).toContain("link sw h0 10000000000 0.000001 200");
  });
});
