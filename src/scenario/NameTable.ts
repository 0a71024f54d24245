// NameTable: distinct names met as byte ranges (CSV cells), numbered in order of first appearance, with one string made per distinct name.
import { grown } from "../core/grown.js";

/**
 * Numbers the distinct byte strings it is given, 0, 1, 2… in order of first appearance,
 * and makes one JavaScript string per distinct name. A transfer list of a million rows names
 * the same thousand nodes millions of times; looking the bytes up here (FNV-1a hash, open
 * addressing) costs no string per cell.
 */
export class NameTable {
  /** The names, by number. */
  readonly names: string[] = [];
  private pool = new Uint8Array(1 << 12);
  private used = 0;
  /** Per name: where its bytes are in `pool`, how many, and its hash. */
  private offset = new Int32Array(64);
  private length = new Int32Array(64);
  private hash = new Int32Array(64);
  /** Open-addressing table of name numbers (−1 empty); its size is a power of two, at most half full. */
  private slots = new Int32Array(128).fill(-1);

  /** Number of distinct names. */
  get size(): number {
    return this.names.length;
  }

  /** The number of the name held in `bytes[start, end)`, adding it if it is new. */
  intern(bytes: Buffer, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
    const mask = this.slots.length - 1;
    const n = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s];
      if (k < 0) return this.add(bytes, start, end, h, s);
      if (this.hash[k] === h && this.length[k] === n && this.same(k, bytes, start)) return k;
    }
  }

  private same(k: number, bytes: Buffer, start: number): boolean {
    const o = this.offset[k];
    const n = this.length[k];
    for (let i = 0; i < n; i++) if (this.pool[o + i] !== bytes[start + i]) return false;
    return true;
  }

  private add(bytes: Buffer, start: number, end: number, h: number, slot: number): number {
    const k = this.names.length;
    const n = end - start;
    if (k === this.offset.length) {
      this.offset = grown(this.offset, 2 * k);
      this.length = grown(this.length, 2 * k);
      this.hash = grown(this.hash, 2 * k);
    }
    if (this.used + n > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.used + n, 2 * this.pool.length));
      pool.set(this.pool.subarray(0, this.used));
      this.pool = pool;
    }
    for (let i = 0; i < n; i++) this.pool[this.used + i] = bytes[start + i];
    this.offset[k] = this.used;
    this.length[k] = n;
    this.hash[k] = h;
    this.used += n;
    this.names.push(bytes.toString("utf8", start, end));
    this.slots[slot] = k;
    if (2 * this.names.length > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.names.length; k++) {
      let s = this.hash[k] & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = k;
    }
    this.slots = slots;
  }
}
