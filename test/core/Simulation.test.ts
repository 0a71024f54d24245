// Tests of Simulation: the clock, the run loop, scheduling, timers and progress reports.
import { describe, expect, it } from "vitest";
import { LadderQueue } from "../../src/core/LadderQueue.js";
import { Simulation } from "../../src/core/Simulation.js";

/** A simulation with one handler that logs "arg@time" for every event it receives. */
function loggingSimulation(): { sim: Simulation; kind: number; log: string[] } {
  const sim = new Simulation();
  const log: string[] = [];
  const kind = sim.registerHandler((arg) => log.push(`${arg}@${sim.nowS}`));
  return { sim, kind, log };
}

describe("Simulation", () => {
  it("runs until idle, dispatching events in time order and passing their arg", () => {
    const { sim, kind, log } = loggingSimulation();
    sim.schedule(3, kind, 30);
    sim.schedule(1, kind, 10);
    sim.schedule(2, kind, 20);
    expect(sim.run()).toEqual({ reason: "idle", endS: 3, events: 3 });
    expect(log).toEqual(["10@1", "20@2", "30@3"]);
    expect(sim.nowS).toBe(3);
    expect(sim.eventsProcessed).toBe(3);
  });

  it("untilS fires events up to and at untilS, stops before later ones and sets the clock to untilS", () => {
    const { sim, kind, log } = loggingSimulation();
    for (const t of [1, 2, 5, 7]) sim.schedule(t, kind, t);
    expect(sim.run({ untilS: 5 })).toEqual({ reason: "until", endS: 5, events: 3 });
    expect(log).toEqual(["1@1", "2@2", "5@5"]);
    expect(sim.nowS).toBe(5);
    expect(sim.queue.size).toBe(1);
  });

  it("untilS between two events moves the clock to untilS and a later run resumes", () => {
    const { sim, kind, log } = loggingSimulation();
    sim.schedule(1, kind, 1);
    sim.schedule(9, kind, 9);
    expect(sim.run({ untilS: 4.5 })).toEqual({ reason: "until", endS: 4.5, events: 1 });
    expect(sim.nowS).toBe(4.5);
    sim.after(1, () => log.push(`timer@${sim.nowS}`));
    expect(sim.run()).toEqual({ reason: "idle", endS: 9, events: 2 });
    expect(log).toEqual(["1@1", "timer@5.5", "9@9"]);
    expect(sim.eventsProcessed).toBe(3);
  });

  it("a queue that runs dry before untilS ends idle with the clock at the last event", () => {
    const { sim, kind } = loggingSimulation();
    sim.schedule(2, kind, 0);
    expect(sim.run({ untilS: 10 })).toEqual({ reason: "idle", endS: 2, events: 1 });
  });

  it("refuses an untilS before the current time", () => {
    const { sim, kind } = loggingSimulation();
    sim.schedule(3, kind, 0);
    sim.run();
    expect(() => sim.run({ untilS: 1 })).toThrow(/before now/);
    expect(sim.nowS).toBe(3);
  });

  it("fires events at equal times in scheduling order, across kinds and timers", () => {
    const { sim, kind, log } = loggingSimulation();
    const other = sim.registerHandler((arg) => log.push(`other ${arg}@${sim.nowS}`));
    sim.schedule(1, kind, 1);
    sim.at(1, () => log.push(`timer@${sim.nowS}`));
    sim.schedule(1, other, 2);
    sim.schedule(1, kind, 3);
    sim.run();
    expect(log).toEqual(["1@1", "timer@1", "other 2@1", "3@1"]);
  });

  it("events scheduled by a handler for the current time fire after those already pending", () => {
    const { sim, kind, log } = loggingSimulation();
    const spawner = sim.registerHandler(() => sim.schedule(sim.nowS, kind, 99));
    sim.schedule(1, spawner, 0);
    sim.schedule(1, kind, 1);
    sim.run();
    expect(log).toEqual(["1@1", "99@1"]);
  });

  it("reschedule moves an event later or earlier", () => {
    const { sim, kind, log } = loggingSimulation();
    const a = sim.schedule(1, kind, 1);
    sim.schedule(2, kind, 2);
    const c = sim.schedule(3, kind, 3);
    sim.reschedule(a, 2.5);
    sim.reschedule(c, 0.5);
    sim.run();
    expect(log).toEqual(["3@0.5", "2@2", "1@2.5"]);
  });

  it("reschedule to another event's time puts it after that event", () => {
    const { sim, kind, log } = loggingSimulation();
    const a = sim.schedule(1, kind, 1);
    sim.schedule(4, kind, 2);
    sim.reschedule(a, 4);
    sim.run();
    expect(log).toEqual(["2@4", "1@4"]);
  });

  it("cancel removes a pending event and returns false once it is no longer pending", () => {
    const { sim, kind, log } = loggingSimulation();
    const a = sim.schedule(1, kind, 1);
    const b = sim.schedule(2, kind, 2);
    expect(sim.cancel(b)).toBe(true);
    expect(sim.cancel(b)).toBe(false);
    sim.run();
    expect(sim.cancel(a)).toBe(false);
    expect(log).toEqual(["1@1"]);
  });

  it("at calls a function at an absolute time and after at a delay from now", () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.at(2, () => {
      log.push(`at@${sim.nowS}`);
      sim.after(0.5, () => log.push(`after@${sim.nowS}`));
    });
    sim.after(1, () => log.push(`first@${sim.nowS}`));
    sim.run();
    expect(log).toEqual(["first@1", "at@2", "after@2.5"]);
  });

  it("a cancelled timer never fires, and its slot is reused by the next timer", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const h = sim.at(1, () => log.push("cancelled"));
    expect(sim.timers.cancel(h)).toBe(true);
    expect(sim.timers.cancel(h)).toBe(false);
    const k = sim.after(2, () => log.push("kept"));
    expect(sim.queue.size).toBe(1);
    sim.run();
    expect(log).toEqual(["kept"]);
    // Both timers used slot 0 (a Timers handle's low 26 bits), the second in the slot's next round:
    // the callback table never grew past one entry, and the old handle no longer names the slot.
    expect([h % 2 ** 26, k % 2 ** 26, (k - h) / 2 ** 26]).toEqual([0, 0, 1]);
  });

  it("throws when scheduling, rescheduling or timing into the past", () => {
    const { sim, kind } = loggingSimulation();
    sim.schedule(5, kind, 0);
    const h = sim.schedule(8, kind, 0);
    sim.run({ untilS: 6 });
    expect(() => sim.schedule(5.9, kind, 0)).toThrow(/before now/);
    expect(() => sim.reschedule(h, 1)).toThrow(/before now/);
    expect(() => sim.at(2, () => {})).toThrow(/before now/);
    expect(() => sim.after(-1, () => {})).toThrow(/before now/);
    expect(() => sim.schedule(NaN, kind, 0)).toThrow(/before now/);
    expect(sim.queue.size).toBe(1);
  });

  it("keeps the exact before-now messages, formatted out of line (beforeNow), and queues in a LadderQueue", () => {
    const { sim, kind } = loggingSimulation();
    expect(sim.queue).toBeInstanceOf(LadderQueue);
    const h = sim.schedule(8, kind, 0);
    sim.run({ untilS: 6.5 });
    expect(() => sim.schedule(5.25, kind, 0)).toThrow("Simulation.schedule: time 5.25 is before now (6.5)");
    expect(() => sim.reschedule(h, 1)).toThrow("Simulation.reschedule: time 1 is before now (6.5)");
    expect(() => sim.at(2, () => {})).toThrow("Simulation.at: time 2 is before now (6.5)");
    expect(() => sim.run({ untilS: 3 })).toThrow("Simulation.run: untilS 3 is before now (6.5)");
  });

  it("throws on an unregistered kind or an arg that is not a non-negative integer", () => {
    const { sim, kind } = loggingSimulation();
    expect(() => sim.schedule(1, kind + 1, 0)).toThrow(/kind/);
    expect(() => sim.schedule(1, kind, -1)).toThrow(/arg/);
    expect(() => sim.schedule(1, kind, 1.5)).toThrow(/arg/);
    expect(() => sim.schedule(1, kind, 2 ** 45)).toThrow(/arg/);
    expect(sim.queue.size).toBe(0);
  });

  it("passes the largest arg through exactly", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const kind = sim.registerHandler((arg) => seen.push(arg));
    sim.schedule(1, kind, 2 ** 45 - 1);
    sim.run();
    expect(seen).toEqual([2 ** 45 - 1]);
  });

  it("passes args on either side of the int32 limit exactly (those within it go as int32s)", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const kind = sim.registerHandler((arg) => seen.push(arg));
    const args = [0, 1, 2 ** 31 - 2, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, 2 ** 40 + 3];
    args.forEach((a, i) => sim.schedule(i + 1, kind, a));
    sim.run();
    expect(seen).toEqual(args);
  });

  it("calls onProgress every progressEvery events with the time and the count so far", () => {
    const { sim, kind } = loggingSimulation();
    for (let i = 1; i <= 10; i++) sim.schedule(i, kind, i);
    const calls: Array<[number, number]> = [];
    sim.run({ progressEvery: 3, onProgress: (nowS, events) => void calls.push([nowS, events]) });
    expect(calls).toEqual([
      [3, 3],
      [6, 6],
      [9, 9],
    ]);
  });

  it("pauses between two events when onProgress returns true, and goes on from there on the next run", () => {
    const { sim, kind, log } = loggingSimulation();
    for (let i = 1; i <= 10; i++) sim.schedule(i, kind, i);
    const first = sim.run({ progressEvery: 4, onProgress: (_t, events) => events === 4 });
    expect(first).toEqual({ reason: "paused", endS: 4, events: 4 });
    expect(sim.nowS).toBe(4);
    expect(sim.run({ untilS: 20 })).toEqual({ reason: "idle", endS: 10, events: 6 });
    expect(sim.eventsProcessed).toBe(10);
    expect(log).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}@${i + 1}`));
  });

  it("counts events dispatched before a handler throws", () => {
    const sim = new Simulation();
    const kind = sim.registerHandler((arg) => {
      if (arg === 2) throw new Error("boom");
    });
    sim.schedule(1, kind, 1);
    sim.schedule(2, kind, 2);
    sim.schedule(3, kind, 3);
    expect(() => sim.run()).toThrow("boom");
    expect([sim.eventsProcessed, sim.nowS, sim.queue.size]).toEqual([2, 2, 1]);
  });

  it("keeps independent clocks in two simulations", () => {
    const a = loggingSimulation();
    const b = loggingSimulation();
    a.sim.schedule(1, a.kind, 1);
    b.sim.schedule(7, b.kind, 7);
    a.sim.run();
    expect([a.sim.nowS, b.sim.nowS]).toEqual([1, 0]);
    expect(b.log).toEqual([]);
  });
});
