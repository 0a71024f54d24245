// Simulation: the clock and run loop that pops events in (time, insertion) order and dispatches them.
import { LadderQueue } from "./LadderQueue.js";
import { Timers } from "./Timers.js";

/** Handles events of one registered kind; `arg` is the integer given when scheduling. */
export type EventHandler = (arg: number) => void;

/** Why a run stopped. */
export interface RunResult {
  /** "idle": no events left; "until": the time limit was reached; "paused": `onProgress` asked to stop (call run again to go on). */
  reason: "idle" | "until" | "paused";
  /** Simulated time at the end of the run, in seconds. */
  endS: number;
  /** Events dispatched during this call. */
  events: number;
}

/** Options of {@link Simulation.run}. */
export interface RunOptions {
  /**
   * Stop before the first event later than this time (seconds) and set the clock to it;
   * events exactly at `untilS` still fire. If the queue runs dry earlier, the run ends
   * "idle" with the clock at the last event. Must not be before the current time.
   */
  untilS?: number;
  /**
   * Called every `progressEvery` events with the current time and the events of this call;
   * returning true pauses the run there, between two events (reason "paused"): a later
   * {@link Simulation.run} goes on exactly where it stopped.
   */
  onProgress?: (nowS: number, events: number) => boolean | void;
  /** Events between two progress calls (default 65,536). */
  progressEvery?: number;
}

const KIND_BITS = 256;
/** Largest `arg` that still packs with a kind into an exact float64 payload (2^45 - 1). */
const MAX_ARG = 2 ** 53 / KIND_BITS - 1;
/** Largest int32: an event's arg up to it is handed over as an int32 (a small integer to V8). */
const INT32_MAX = 2 ** 31 - 1;

/**
 * The error for a time before now, formatted here rather than in a template literal at the
 * throw: where `reschedule` is inlined into a hot loop (FlowNetwork.solve), TurboFan has
 * computed such a template's number-to-string conversions on every call although it
 * never throws (perf: Builtins_NumberToString and FastDtoa at 8-9 % of a 100,000-flow run
 * with LadderQueue as the queue), which cost time and garbage.
 */
function beforeNow(what: string, timeS: number, nowS: number): Error {
  return new Error(`Simulation.${what} ${timeS} is before now (${nowS})`);
}

/**
 * A discrete-event simulation: a clock, an event queue and a table of handlers.
 *
 * Components register a handler once (`registerHandler`) and schedule integer-tagged
 * events for it, which keeps the hot path free of closures; one-off callbacks use `at`,
 * which hands them to the simulation's own {@link Timers} (the first kind registered).
 * Knows nothing about networks. Every instance is independent (no module state), so
 * several simulations can run in one process.
 */
export class Simulation {
  /**
   * Current simulated time in seconds. Starts as NaN and is set to 0 in the constructor so
   * that V8 holds it as a double from the start: a field first given a small integer is
   * held as one, and the run's first fractional time changed its representation mid-run,
   * which drops code compiled on the old one (docs/architecture.md, s46-deopt).
   */
  nowS = Number.NaN;
  /** Events dispatched since construction. */
  eventsProcessed = 0;
  readonly queue: LadderQueue;
  private readonly handlers: EventHandler[] = [];
  /** The callbacks of {@link at} and {@link after}; cancel their handles here (`sim.timers.cancel`). */
  readonly timers: Timers;

  constructor(initialCapacity = 1024) {
    this.nowS = 0;
    this.queue = new LadderQueue(initialCapacity);
    this.timers = new Timers(this);
  }

  /** Register a handler; returns the kind to pass to {@link schedule}. */
  registerHandler(handler: EventHandler): number {
    const kind = this.handlers.length;
    if (kind >= KIND_BITS) throw new Error("Simulation: too many event kinds");
    this.handlers.push(handler);
    return kind;
  }

  /** Schedule an event of `kind` with integer `arg` at absolute time `timeS`; returns a handle. */
  schedule(timeS: number, kind: number, arg: number): number {
    if (!(timeS >= this.nowS)) {
      throw beforeNow("schedule: time", timeS, this.nowS);
    }
    if (!(kind >= 0 && kind < this.handlers.length && (kind | 0) === kind)) {
      throw new Error(`Simulation.schedule: kind ${kind} is not a registered event kind`);
    }
    if (!(arg >= 0 && arg <= MAX_ARG && Math.floor(arg) === arg)) {
      throw new Error(`Simulation.schedule: arg ${arg} is not an integer in [0, 2^45)`);
    }
    return this.queue.push(timeS, arg * KIND_BITS + kind);
  }

  /** Move a scheduled event to a new absolute time. */
  reschedule(handle: number, timeS: number): void {
    if (!(timeS >= this.nowS)) {
      throw beforeNow("reschedule: time", timeS, this.nowS);
    }
    this.queue.update(handle, timeS);
  }

  /**
   * Cancel an event of {@link schedule}; returns false if it was no longer pending (a handle of
   * {@link at} or {@link after} is cancelled with `timers.cancel`). A handle names its event only
   * while that event is pending: once it has fired or been cancelled, the queue may give the same
   * number to a later event, which this would then cancel. Callers keep a handle only until then
   * (the transports reset theirs to -1 when the event fires); code that cannot should use `Timers`
   * (core/Timers.ts), whose handles stay safe after their timer fired.
   */
  cancel(handle: number): boolean {
    return this.queue.remove(handle);
  }

  /** Call `fn` at absolute time `timeS`; returns a handle for `timers.cancel` ({@link Timers.cancel}). */
  at(timeS: number, fn: () => void): number {
    if (!(timeS >= this.nowS)) {
      throw beforeNow("at: time", timeS, this.nowS);
    }
    return this.timers.at(timeS, fn);
  }

  /** Call `fn` after `delayS` seconds from now; returns a handle for `timers.cancel`. */
  after(delayS: number, fn: () => void): number {
    return this.at(this.nowS + delayS, fn);
  }

  /** Run until no events remain or until `untilS`. */
  run(options: RunOptions = {}): RunResult {
    const untilS = options.untilS ?? Infinity;
    if (!(untilS >= this.nowS)) {
      throw new Error(`Simulation.run: untilS ${untilS} is before now (${this.nowS})`);
    }
    const every = options.progressEvery ?? 65536;
    const q = this.queue;
    const handlers = this.handlers;
    let events = 0;
    try {
      while (q.size > 0) {
        const t = q.peekTime();
        if (t > untilS) {
          this.nowS = untilS;
          return { reason: "until", endS: untilS, events };
        }
        const payload = q.pop();
        this.nowS = t;
        const kind = payload % KIND_BITS;
        // Counted before dispatch so a handler that throws still counts as dispatched.
        events++;
        const arg = (payload - kind) / KIND_BITS;
        // An arg that fits an int32 goes as one (`| 0` is exact there): the quotient is a float64 in
        // compiled code, and passed as it is it reached every handler as a new heap number, which
        // threw away the compiled handlers (and all they inline) that had only seen small integers.
        if (arg <= INT32_MAX) handlers[kind](arg | 0);
        else handlers[kind](arg);
        if (options.onProgress && events % every === 0 && options.onProgress(this.nowS, events) === true) {
          return { reason: "paused", endS: this.nowS, events };
        }
      }
      return { reason: "idle", endS: this.nowS, events };
    } finally {
      this.eventsProcessed += events;
    }
  }
}
