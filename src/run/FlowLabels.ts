// FlowLabels: every flow's user-facing id, kept as bytes in one buffer (not a string per flow) and made into text when read.
import { grown } from "../core/grown.js";
import type { FlowLabelSource } from "../report/FlowRows.js";

/** {@link FlowLabels.length}'s mark of a flow whose id has a character above U+00FF (kept as a string aside). */
const ASIDE = -2;
/** Bytes the buffer holds at most; ids beyond are kept aside as strings. */
const MAX_BYTES = 2 ** 31 - 1;

/**
 * The id of every flow of a run, by flow number, as Latin-1 bytes in one growing buffer with
 * an offset and a length per flow: ~15 bytes of buffer and 8 of offsets a flow, outside the
 * JS heap, where a list of strings held a string of ~32 bytes per flow (and an id built from
 * a request's id, a tree of two) that every garbage collection walked — 2.9 million of them in
 * the 10⁶-request agents run. Ids are made into strings when read ({@link at}: flows.csv, a
 * failure's callback, a reroute's hash). An id with a character above U+00FF (rare: ids are
 * names and numbers) is kept aside as a string.
 */
export class FlowLabels implements FlowLabelSource {
  private bytes = Buffer.alloc(0);
  private used = 0;
  /** Per flow: where its bytes start, and how many (−1: no id; {@link ASIDE}: kept in {@link aside}). */
  private start = new Int32Array(0);
  private length = new Int32Array(0);
  private readonly aside = new Map<number, string>();
  /** Flows 0 … count − 1 may have an id. */
  private count = 0;

  /** Give flow `flow` the id `id`. */
  set(flow: number, id: string): void {
    if (flow >= this.start.length) {
      const n = Math.max(1024, flow + 1, 2 * this.start.length);
      this.start = grown(this.start, n);
      this.length = grown(this.length, n, -1);
    }
    if (flow >= this.count) this.count = flow + 1;
    const n = id.length;
    if (this.used + n > this.bytes.length) {
      if (this.used + n > MAX_BYTES) return this.setAside(flow, id);
      const bigger = Buffer.alloc(Math.min(MAX_BYTES, Math.max(1 << 16, this.used + n, 2 * this.bytes.length)));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const bytes = this.bytes;
    const at = this.used;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (c > 255) return this.setAside(flow, id);
      bytes[at + i] = c;
    }
    this.aside.delete(flow);
    this.start[flow] = at;
    this.length[flow] = n;
    this.used = at + n;
  }

  /** @inheritdoc */
  at(flow: number): string | undefined {
    if (!(flow >= 0 && flow < this.count)) return undefined;
    const n = this.length[flow];
    if (n >= 0) return this.bytes.toString("latin1", this.start[flow], this.start[flow] + n);
    return n === ASIDE ? this.aside.get(flow) : undefined;
  }

  /** Every flow's id as a list indexed by flow number (a hole for a flow without one), as the ids were kept before: for tests and exports. */
  toArray(): string[] {
    const ids: string[] = [];
    for (let f = 0; f < this.count; f++) {
      const id = this.at(f);
      if (id !== undefined) ids[f] = id;
    }
    return ids;
  }

  private setAside(flow: number, id: string): void {
    this.aside.set(flow, id);
    this.length[flow] = ASIDE;
  }
}
