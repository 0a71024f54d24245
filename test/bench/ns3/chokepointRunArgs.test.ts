// Tests of chokepointRunArgs: the arguments of one `chokepoint run`, with the seed only when given.
import { describe, expect, it } from "vitest";
import { chokepointRunArgs } from "../../../bench/ns3/chokepointRunArgs.js";

describe("chokepointRunArgs", () => {
  it("runs the scenario into the directory quietly, adding --seed only when a seed is given (0 included)", () => {
    const cli = ["--import", "tsx", "src/cli/main.ts"];
    expect(chokepointRunArgs(cli, "c.yaml", "out")).toEqual(["--import", "tsx", "src/cli/main.ts", "run", "c.yaml", "--out", "out", "--quiet"]);
    expect(chokepointRunArgs(["main.js"], "c.yaml", "o", 0)).toEqual(["main.js", "run", "c.yaml", "--out", "o", "--quiet", "--seed", "0"]);
    expect(chokepointRunArgs(["main.js"], "c.yaml", "o", 6)).toEqual(["main.js", "run", "c.yaml", "--out", "o", "--quiet", "--seed", "6"]);
  });
});
