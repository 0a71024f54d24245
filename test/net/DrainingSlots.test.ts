import { describe, expect, it } from "vitest";
import { DrainingSlots } from "../../src/net/DrainingSlots.js";

describe("DrainingSlots", () => {
  it("gives a draining flow a slot, banks its progress, and reads its rate only while it drains", () => {
    const live = new DrainingSlots();
    live.growFlows(4);
    expect([...live.slotOf]).toEqual([-1, -1, -1, -1]);
    const s = live.take(2, 1000, 1);
    expect(live.slotOf[2]).toBe(s);
    expect(live.int[(s << 3) | 6]).toBe(-1);
    expect(live.rateOf(2)).toBe(0);
    live.num[(s << 2) | 1] = 100;
    expect(live.remainingAt(s, 3)).toBe(800);
    expect(live.rateOf(2)).toBe(100);
    expect(live.bank(s, 4)).toBe(700);
    expect(live.num[s << 2]).toBe(700);
    expect(live.num[(s << 2) | 2]).toBe(4);
    // Never below 0, banked or not.
    expect(live.remainingAt(s, 100)).toBe(0);
    expect(live.bank(s, 100)).toBe(0);
    live.free(2, s);
    expect(live.slotOf[2]).toBe(-1);
    expect(live.rateOf(2)).toBe(0);
  });

  it("reuses freed slots and keeps every record across growth", () => {
    const live = new DrainingSlots();
    const n = 1000;
    live.growFlows(n);
    const slots: number[] = [];
    for (let f = 0; f < n; f++) {
      const s = live.take(f, f + 0.5, f);
      live.num[(s << 2) | 1] = 2 * f;
      live.int[(s << 3) | 6] = f;
      slots.push(s);
    }
    expect(new Set(slots).size).toBe(n);
    for (let f = 0; f < n; f++) {
      const s = live.slotOf[f];
      expect([live.num[s << 2], live.num[(s << 2) | 1], live.num[(s << 2) | 2], live.int[(s << 3) | 6]]).toEqual([f + 0.5, 2 * f, f, f]);
    }
    live.free(10, slots[10]);
    live.free(20, slots[20]);
    live.growFlows(n + 1);
    expect(live.slotOf[n]).toBe(-1);
    expect(live.take(n, 1, 0)).toBe(slots[20]);
    expect(live.slotOf[11]).toBe(slots[11]);
  });

  it("lays the records out from a line-aligned start, two to a 64-byte line", () => {
    const live = new DrainingSlots();
    expect(live.num.byteOffset).toBe(0);
    expect(live.int.buffer).toBe(live.num.buffer);
    expect(live.int.length).toBe(2 * live.num.length);
  });
});
