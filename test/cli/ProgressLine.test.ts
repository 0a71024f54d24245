// Tests of ProgressLine: drawn only on a TTY and only after the delay, erased on clear.
import { describe, expect, it } from "vitest";
import { ProgressLine } from "../../src/cli/ProgressLine.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (s: string) => writes.push(s) };
}

describe("ProgressLine", () => {
  it("draws time, events and active flows on a TTY once the delay has passed, and erases itself", () => {
    const s = stream(true);
    const p = new ProgressLine(s, true, 0);
    p.update(0.0125, 123456, 42);
    expect(s.writes).toHaveLength(1);
    expect(s.writes[0]).toMatch(/^\r {2}t=0\.0125000 s {2}123,456 events {2}42 active flows/);
    p.clear();
    expect(s.writes[1]).toBe("\r\x1b[K");
  });

  it("stays silent when the stream is not a TTY, when disabled, or before the delay", () => {
    const cases: Array<[isTTY: boolean, enabled: boolean, afterMs: number]> = [
      [false, true, 0],
      [true, false, 0],
      [true, true, 60_000],
    ];
    for (const [isTTY, enabled, afterMs] of cases) {
      const s = stream(isTTY);
      const p = new ProgressLine(s, enabled, afterMs);
      p.update(1, 1, 1);
      p.clear();
      expect(s.writes).toEqual([]);
    }
  });
});
