// checkIndexable: up to 2²⁶ resources or concurrent flows pass; more is refused as the user's InputError, one sentence.
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/InputError.js";
import { MAX_INDEXED, checkIndexable } from "../../../src/net/incremental/checkIndexable.js";

describe("checkIndexable", () => {
  it("passes 2²⁶ and refuses more with one sentence naming the count, what it counts and the limit", () => {
    expect(MAX_INDEXED).toBe(67_108_864);
    expect(() => checkIndexable(2 ** 26, "flows sharing the network at once")).not.toThrow();
    expect(() => checkIndexable(2 ** 26 + 1, "channels and capacities to share")).toThrow(InputError);
    expect(() => checkIndexable(70_000_000, "channels and capacities to share")).toThrow(
      "too large to simulate — 70,000,000 channels and capacities to share, more than the 67,108,864 the sharing solver indexes (docs/scenarios.md, Limits)",
    );
  });
});
