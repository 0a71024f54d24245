// toEvents: the scenario file's `events` list into EventSpecs, checking each names exactly one kind of event.
import { InputError } from "../core/InputError.js";
import type { EventSpec } from "./EventSpec.js";
import { EVENT_KINDS } from "./eventsSchema.js";
import type { ScenarioFile } from "./scenarioSchema.js";

type FileEvent = ScenarioFile["events"][number];

/**
 * Convert the file's events (already in engine units) into {@link EventSpec}s, in file
 * order. Throws an InputError naming `events[i]…` when an event gives no kind or two, a
 * `until` on anything but a surge, a surge without `until` or with `until` ≤ `at`, or a
 * capacity change that is neither `{ from, to, bandwidth }` nor `{ node, capacity }`.
 */
export function toEvents(events: readonly FileEvent[], file: string): EventSpec[] {
  return events.map((e, i) => {
    const fail = (key: string, message: string): never => {
      throw new InputError(`${file}: events[${i}]${key ? `.${key}` : ""}: ${message}`);
    };
    const kinds = EVENT_KINDS.filter((k) => e[k] !== undefined);
    if (kinds.length !== 1) {
      fail("", `${kinds.length === 0 ? "no kind of event" : `two kinds of event (${kinds.join(", ")})`} — give exactly one of ${EVENT_KINDS.join(", ")}`);
    }
    const atS = e.at;
    if (e.until !== undefined && !e.surge) fail("until", `until applies only to a surge, not to ${kinds[0]}`);
    if (e.linkDown) return { kind: "linkDown", atS, from: e.linkDown.from, to: e.linkDown.to };
    if (e.linkUp) return { kind: "linkUp", atS, from: e.linkUp.from, to: e.linkUp.to };
    if (e.nodeDown !== undefined) return { kind: "nodeDown", atS, node: e.nodeDown };
    if (e.nodeUp !== undefined) return { kind: "nodeUp", atS, node: e.nodeUp };
    if (e.latency) return { kind: "latency", atS, from: e.latency.from, to: e.latency.to, latencyS: e.latency.latency };
    if (e.capacity) {
      const c = e.capacity;
      const asLink = c.from !== undefined && c.to !== undefined && c.bandwidth !== undefined && c.node === undefined && c.capacity === undefined;
      const asNode = c.node !== undefined && c.capacity !== undefined && c.from === undefined && c.to === undefined && c.bandwidth === undefined;
      if (asLink) return { kind: "linkCapacity", atS, from: c.from!, to: c.to!, capacityBps: c.bandwidth! };
      if (asNode) return { kind: "nodeCapacity", atS, node: c.node!, capacityBps: c.capacity! };
      return fail("capacity", "give { from, to, bandwidth } for a link or { node, capacity } for a node, not a mix");
    }
    const s = e.surge!;
    if (e.until === undefined) return fail("", "a surge needs until, when it ends");
    if (!(e.until > atS)) fail("until", `until (${e.until} s) must be after at (${atS} s)`);
    return { kind: "surge", atS, untilS: e.until, workload: s.workload, factor: s.factor };
  });
}
