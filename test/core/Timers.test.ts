// Tests of Timers: tags handed to callbacks, order among the simulation's other events, and handles safe to cancel after their timer fired.
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/core/Simulation.js";
import { Timers } from "../../src/core/Timers.js";

describe("Timers", () => {
  it("calls one callback with each timer's tag, in time order", () => {
    const sim = new Simulation();
    const timers = new Timers(sim);
    const log: string[] = [];
    const fn = (tag: number) => log.push(`${tag}@${sim.nowS}`);
    timers.at(2, fn, 20);
    timers.at(1, fn, 10);
    timers.at(3, fn);
    sim.run();
    expect(log).toEqual(["10@1", "20@2", "0@3"]);
  });

  it("takes its place among Simulation.at's events by insertion at equal times", () => {
    const sim = new Simulation();
    const timers = new Timers(sim);
    const log: string[] = [];
    sim.at(1, () => log.push("at-a"));
    timers.at(1, (t) => log.push(`timer-${t}`), 1);
    sim.at(1, () => log.push("at-b"));
    timers.at(0.5, (t) => log.push(`timer-${t}`), 2);
    sim.run();
    expect(log).toEqual(["timer-2", "at-a", "timer-1", "at-b"]);
  });

  it("a cancelled timer never fires, and a second cancel returns false", () => {
    const sim = new Simulation();
    const timers = new Timers(sim);
    const log: number[] = [];
    const fn = (tag: number) => log.push(tag);
    timers.at(1, fn, 1);
    const h = timers.at(2, fn, 2);
    timers.at(3, fn, 3);
    expect(timers.cancel(h)).toBe(true);
    expect(timers.cancel(h)).toBe(false);
    expect(sim.run()).toEqual({ reason: "idle", endS: 3, events: 2 });
    expect(log).toEqual([1, 3]);
  });

  it("the handle of a fired timer cancels nothing, though its slot and queue entry now hold another timer", () => {
    const sim = new Simulation();
    const timers = new Timers(sim);
    const log: string[] = [];
    const first = timers.at(1, () => log.push("first"));
    let second = -1;
    sim.at(1.5, () => {
      // The first timer fired and freed its slot: the second takes the same slot (and queue entry).
      second = timers.at(2, () => log.push("second"));
      expect(timers.cancel(first)).toBe(false);
    });
    sim.run();
    expect(log).toEqual(["first", "second"]);
    expect(second % 2 ** 26).toBe(first % 2 ** 26);
    expect(second).not.toBe(first);
  });

  it("refuses a time before now without taking a slot, and ignores handles it never gave", () => {
    const sim = new Simulation();
    const timers = new Timers(sim);
    sim.at(5, () => {
      expect(() => timers.at(4, () => {})).toThrow("Simulation.schedule: time 4 is before now (5)");
    });
    sim.run();
    const h = timers.at(6, () => {});
    expect(h).toBe(0);
    expect(timers.cancel(7)).toBe(false);
    expect(timers.cancel(-1)).toBe(false);
    expect(timers.cancel(0.5)).toBe(false);
    expect(timers.cancel(h + 2 ** 26)).toBe(false);
    expect(timers.cancel(h)).toBe(true);
  });
});
