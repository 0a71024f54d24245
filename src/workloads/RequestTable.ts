// RequestTable: the requests a population kept (rows of requests.csv) as columns of numbers, with ids made when read.
import { grown } from "../core/grown.js";
import { NameColumn } from "./NameColumn.js";
import type { RequestRecord } from "./WorkloadResults.js";

/** The timing columns of a {@link RequestTable}, in requests.csv's order. */
export const REQUEST_TIMES = ["startS", "queueS", "networkS", "serviceS", "ttftS", "tpotS", "totalS"] as const;
/** One of {@link REQUEST_TIMES}. */
export type RequestTime = (typeof REQUEST_TIMES)[number];

/**
 * The requests served for one workload, one row each in the order they were added, as
 * columns: population, kind and target as indexes of their names ({@link NameColumn}), the
 * times in Float64Arrays, and the id as the two numbers it is made of (`makeId(task, call)`,
 * made into text only when read). A million requests are ~80 MB of columns, where records
 * held ~270 bytes each on the heap (eleven fields, seven of them boxed doubles, and an id
 * string) for the whole run and every garbage collection to walk.
 */
export class RequestTable {
  /** Rows. */
  length = 0;
  readonly population = new NameColumn();
  readonly kind = new NameColumn();
  readonly target = new NameColumn();
  startS = new Float64Array(0);
  queueS = new Float64Array(0);
  networkS = new Float64Array(0);
  serviceS = new Float64Array(0);
  /** Inference only: time to first token and per output token after it (NaN otherwise). */
  ttftS = new Float64Array(0);
  tpotS = new Float64Array(0);
  totalS = new Float64Array(0);
  /** The two numbers of each row's id (`makeId(task[i], call[i])`). */
  private task = new Float64Array(0);
  private call = new Int32Array(0);
  private capacity = 0;

  /** `makeId(task, call)`: the id of a request from the numbers {@link add} was given. */
  constructor(private readonly makeId: (task: number, call: number) => string) {}

  /** A table of `records` in their order (their ids kept as given). */
  static of(records: readonly RequestRecord[]): RequestTable {
    const t = new RequestTable((i) => records[i].id);
    records.forEach((r, i) => t.add(r, i, 0));
    return t;
  }

  /** Add a row: `r`'s names and times, and the numbers its id is made of (its `id` is not read). */
  add(r: Omit<RequestRecord, "id">, task: number, call: number): void {
    const i = this.length++;
    if (i === this.capacity) this.grow(Math.max(1024, 2 * this.capacity));
    this.population.set(i, r.population);
    this.kind.set(i, r.kind);
    this.target.set(i, r.target);
    this.task[i] = task;
    this.call[i] = call;
    this.startS[i] = r.startS;
    this.queueS[i] = r.queueS;
    this.networkS[i] = r.networkS;
    this.serviceS[i] = r.serviceS;
    this.ttftS[i] = r.ttftS;
    this.tpotS[i] = r.tpotS;
    this.totalS[i] = r.totalS;
  }

  /** Id of row `i`. */
  idOf(i: number): string {
    return this.makeId(this.task[i], this.call[i]);
  }

  /** Row `i` as a record. */
  record(i: number): RequestRecord {
    return {
      population: this.population.nameOf(i),
      kind: this.kind.nameOf(i),
      id: this.idOf(i),
      target: this.target.nameOf(i),
      startS: this.startS[i],
      queueS: this.queueS[i],
      networkS: this.networkS[i],
      serviceS: this.serviceS[i],
      ttftS: this.ttftS[i],
      tpotS: this.tpotS[i],
      totalS: this.totalS[i],
    };
  }

  /** Every row as a record, in order (for tests and small tables). */
  records(): RequestRecord[] {
    return Array.from({ length: this.length }, (_, i) => this.record(i));
  }

  private grow(n: number): void {
    this.population.grow(n);
    this.kind.grow(n);
    this.target.grow(n);
    this.task = grown(this.task, n);
    this.call = grown(this.call, n);
    this.startS = grown(this.startS, n);
    this.queueS = grown(this.queueS, n);
    this.networkS = grown(this.networkS, n);
    this.serviceS = grown(this.serviceS, n);
    this.ttftS = grown(this.ttftS, n);
    this.tpotS = grown(this.tpotS, n);
    this.totalS = grown(this.totalS, n);
    this.capacity = n;
  }
}
