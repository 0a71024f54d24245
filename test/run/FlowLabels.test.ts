// FlowLabels: ids kept as bytes come back as set, by flow number, across growth, with holes and characters beyond Latin-1.
import { describe, expect, it } from "vitest";
import { FlowLabels } from "../../src/run/FlowLabels.js";

describe("FlowLabels", () => {
  it("gives back every id set, by flow number, across growth of the buffer and the offsets", () => {
    const labels = new FlowLabels();
    const ids = Array.from({ length: 5000 }, (_, f) => `bots.${f >> 1}-${f & 1 ? "out" : "req"}`);
    ids.forEach((id, f) => labels.set(f, id));
    expect(ids.every((id, f) => labels.at(f) === id)).toBe(true);
    expect(labels.toArray()).toEqual(ids);
  });

  it("keeps Latin-1, other characters, empty ids and flows without an id apart", () => {
    const labels = new FlowLabels();
    labels.set(0, "café,\"x\"");
    labels.set(2, "λ-flow→1");
    labels.set(3, "");
    labels.set(5, "last");
    expect([0, 1, 2, 3, 4, 5, 6, -1].map((f) => labels.at(f))).toEqual(["café,\"x\"", undefined, "λ-flow→1", "", undefined, "last", undefined, undefined]);
    const list = labels.toArray();
    expect(list.length).toBe(6);
    expect(1 in list).toBe(false);
    expect(list[2]).toBe("λ-flow→1");
  });

  it("a flow given a new id reads the new one", () => {
    const labels = new FlowLabels();
    labels.set(0, "λ");
    labels.set(0, "plain");
    labels.set(1, "a");
    labels.set(1, "ω");
    expect([labels.at(0), labels.at(1)]).toEqual(["plain", "ω"]);
  });
});
