// checkReportText: a report CSV that is empty or ends mid-line is refused with one sentence naming the file and line.
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/InputError.js";
import { checkReportText } from "../../../src/report/html/checkReportText.js";

const refusal = (text: string) => {
  try {
    checkReportText("d/flows.csv", text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return "";
};

describe("checkReportText", () => {
  it("accepts a header alone and a header with rows, each line ended by a newline", () => {
    expect(refusal("id,src\n")).toBe("");
    expect(refusal("id,src\nf0,a\nf1,b\n")).toBe("");
  });

  it("refuses an empty file and one whose last line has no newline, naming that line", () => {
    expect(refusal("")).toBe("d/flows.csv is empty — a report has at least a header line; rerun the scenario to write it again");
    expect(refusal("id,src\nf0,a\nf1")).toBe("d/flows.csv:3: the file ends mid-line (cut short or edited) — rerun the scenario to write it again");
    expect(refusal("id,sr")).toBe("d/flows.csv:1: the file ends mid-line (cut short or edited) — rerun the scenario to write it again");
  });
});
