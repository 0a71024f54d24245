// TaskTable: the agent tasks a population kept (rows of tasks.csv) as columns of numbers, with ids made when read.
import { grown } from "../core/grown.js";
import { NameColumn } from "./NameColumn.js";
import type { TaskRecord } from "./WorkloadResults.js";

/**
 * The tasks of one population, one row each in the order they were added, as columns:
 * population and kind as indexes of their names ({@link NameColumn}), the request count in an
 * Int32Array, the times in Float64Arrays, and the id as the task number it is made of
 * (`makeId(task)`, made into text only when read): 28 bytes a task where a record held ~140
 * bytes of heap (three boxed doubles and an id string) for the whole run.
 */
export class TaskTable {
  /** Rows. */
  length = 0;
  readonly population = new NameColumn();
  readonly kind = new NameColumn();
  /** Requests each task made. */
  requests = new Int32Array(0);
  startS = new Float64Array(0);
  /** From issue until the last response reached the agent, seconds. */
  totalS = new Float64Array(0);
  private task = new Float64Array(0);
  private capacity = 0;

  /** `makeId(task)`: the id of a task from the number {@link add} was given. */
  constructor(private readonly makeId: (task: number) => string) {}

  /** A table of `records` in their order (their ids kept as given). */
  static of(records: readonly TaskRecord[]): TaskTable {
    const t = new TaskTable((i) => records[i].id);
    records.forEach((r, i) => t.add(r, i));
    return t;
  }

  /** Add a row: `r`'s names, request count and times, and the number its id is made of (its `id` is not read). */
  add(r: Omit<TaskRecord, "id">, task: number): void {
    const i = this.length++;
    if (i === this.capacity) this.grow(Math.max(1024, 2 * this.capacity));
    this.population.set(i, r.population);
    this.kind.set(i, r.kind);
    this.task[i] = task;
    this.requests[i] = r.requests;
    this.startS[i] = r.startS;
    this.totalS[i] = r.totalS;
  }

  /** Id of row `i`. */
  idOf(i: number): string {
    return this.makeId(this.task[i]);
  }

  /** Row `i` as a record. */
  record(i: number): TaskRecord {
    return { population: this.population.nameOf(i), kind: this.kind.nameOf(i), id: this.idOf(i), requests: this.requests[i], startS: this.startS[i], totalS: this.totalS[i] };
  }

  /** Every row as a record, in order (for tests and small tables). */
  records(): TaskRecord[] {
    return Array.from({ length: this.length }, (_, i) => this.record(i));
  }

  private grow(n: number): void {
    this.population.grow(n);
    this.kind.grow(n);
    this.task = grown(this.task, n);
    this.requests = grown(this.requests, n);
    this.startS = grown(this.startS, n);
    this.totalS = grown(this.totalS, n);
    this.capacity = n;
  }
}
