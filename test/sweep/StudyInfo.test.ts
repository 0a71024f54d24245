// Tests of StudyInfo: the runs a study directory stands for, and refusing a study.json chokepoint did not write.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { readStudyInfo, selectedRunIds, type StudyInfo } from "../../src/sweep/StudyInfo.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-studyinfo-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const info: StudyInfo = { study: "sha256:00", points: 11, repeat: 2, filter: null, shard: { index: 0, count: 3 } };

describe("selectedRunIds", () => {
  it("lists every run, padded as expandStudy pads them, when no filter was given", () => {
    const ids = selectedRunIds(info);
    expect(ids).toHaveLength(22);
    expect(ids.slice(0, 3)).toEqual(["p00-r0", "p00-r1", "p01-r0"]);
    expect(ids.at(-1)).toBe("p10-r1");
  });

  it("takes the filter's selection as recorded", () => {
    expect(selectedRunIds({ ...info, filter: "repetition == 1", selected: ["p00-r1", "p05-r1"] })).toEqual(["p00-r1", "p05-r1"]);
  });
});

describe("readStudyInfo", () => {
  it("reads what runStudy writes, and nothing when there is no study.json", () => {
    writeFileSync(join(tmp, "study.json"), JSON.stringify(info));
    expect(readStudyInfo(tmp)).toEqual(info);
    expect(readStudyInfo(join(tmp, "elsewhere"))).toBeUndefined();
  });

  it("refuses a study.json of another shape, naming it", () => {
    const dir = mkdtempSync(join(tmp, "bad-"));
    writeFileSync(join(dir, "study.json"), JSON.stringify({ ...info, points: "11" }));
    expect(() => readStudyInfo(dir)).toThrow(new InputError(`${join(dir, "study.json")}: is not a study.json written by chokepoint sweep`));
    writeFileSync(join(dir, "study.json"), "{");
    expect(() => readStudyInfo(dir)).toThrow(InputError);
  });
});
