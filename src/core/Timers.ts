// Timers: callbacks at given times, each handed an integer tag, with handles that stay safe to cancel after their timer fired.
import type { Simulation } from "./Simulation.js";

/** Slots of pending timers a handle can name (2^26); the rest of a handle counts the slot's reuses. */
const SLOTS = 2 ** 26;
/** Reuses of a slot a handle tells apart (2^27, so a handle stays below 2^53). */
const ROUNDS = 2 ** 27;

/** A callback of {@link Timers}, called with the tag it was scheduled with. */
export type TimerCallback = (tag: number) => void;

/**
 * One-off callbacks on a {@link Simulation}'s queue, for callers that are handed handles
 * (workloads, through their context). Two things beside {@link Simulation.at}:
 *
 * - **tags**: `at(timeS, fn, tag)` calls `fn(tag)`, so a caller whose timers differ only by a
 *   number (the n-th arrival, a generation) makes `fn` once instead of a closure per timer;
 * - **safe handles**: a handle is the timer's slot and how many times that slot was reused
 *   before, so {@link cancel} of a timer that already fired (or was cancelled) returns false and
 *   touches nothing, even when its slot and its queue entry now hold another timer (both are
 *   reused last-in first-out). A queue handle given to {@link Simulation.cancel} has no such check.
 *
 * Events go through {@link Simulation.schedule} under one kind registered at construction, so
 * they take their place among all other events by (time, insertion) as `Simulation.at`'s do.
 */
export class Timers {
  private readonly kind: number;
  /** Callback of each slot while its timer is pending, else undefined. */
  private readonly fns: Array<TimerCallback | undefined> = [];
  private readonly tags: number[] = [];
  /** The queue handle of each pending slot's event. */
  private readonly events: number[] = [];
  /** How many times each slot was released, modulo ROUNDS. */
  private readonly rounds: number[] = [];
  private readonly free: number[] = [];

  constructor(private readonly sim: Simulation) {
    this.kind = sim.registerHandler((slot) => {
      const fn = this.fns[slot]!;
      const tag = this.tags[slot];
      this.release(slot);
      fn(tag);
    });
  }

  /**
   * Call `fn(tag)` at absolute time `timeS` (≥ now); returns a handle for {@link cancel}.
   *
   * @throws Error when `timeS` is before now, or more than 2^26 timers would be pending.
   */
  at(timeS: number, fn: TimerCallback, tag = 0): number {
    const reused = this.free.length > 0;
    const slot = reused ? this.free[this.free.length - 1] : this.fns.length;
    if (slot >= SLOTS) throw new Error(`Timers.at: more than ${SLOTS} timers pending`);
    // Scheduled first: when the time is refused, no slot has been taken.
    this.events[slot] = this.sim.schedule(timeS, this.kind, slot);
    if (reused) this.free.pop();
    else this.rounds[slot] = 0;
    this.fns[slot] = fn;
    this.tags[slot] = tag;
    return this.rounds[slot] * SLOTS + slot;
  }

  /** Cancel the timer of `handle` so it never fires; false when it already fired or was cancelled. */
  cancel(handle: number): boolean {
    const slot = handle % SLOTS;
    if (!(slot >= 0 && slot < this.fns.length) || this.fns[slot] === undefined || this.rounds[slot] !== (handle - slot) / SLOTS) return false;
    this.sim.cancel(this.events[slot]);
    this.release(slot);
    return true;
  }

  private release(slot: number): void {
    this.fns[slot] = undefined;
    this.rounds[slot] = (this.rounds[slot] + 1) % ROUNDS;
    this.free.push(slot);
  }
}
