// Tests of escapeControlCharacters: terminal controls become readable escapes; ordinary text, tabs and newlines stay.
import { describe, expect, it } from "vitest";
import { escapeControlCharacters } from "../../src/cli/escapeControlCharacters.js";

describe("escapeControlCharacters", () => {
  it("writes ESC, BEL, CR, DEL, C1 controls and bidirectional overrides as escapes", () => {
    expect(escapeControlCharacters("a\x1b[31mred\x07")).toBe("a\\x1b[31mred\\x07");
    expect(escapeControlCharacters("\r\x00\x7f\x9b2J")).toBe("\\x0d\\x00\\x7f\\x9b2J");
    expect(escapeControlCharacters("abc\u202Efed")).toBe("abc\\u202efed");
  });

  it("keeps printable text, non-ASCII letters, tabs and newlines as they are", () => {
    const text = "flows: 1/1 finished — 1 GB → s->b\tZürich 東京\n";
    expect(escapeControlCharacters(text)).toBe(text);
  });
});
