// escapeControlCharacters: make text safe to print on a terminal (ids and paths from a scenario may hold ESC, BEL, …).

/**
 * C0 controls except tab and newline, DEL, C1 controls (0x9b is a CSI on some terminals),
 * line and paragraph separators, and the bidirectional-text overrides that can make a
 * line read differently from what it holds.
 */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every terminal control character written as an escape a person can read:
 * "\x1b[31m" becomes the nine characters `\x1b[31m`, BEL becomes `\x07`, U+202E becomes
 * `\u202e`. Tabs and newlines stay. Everything the CLI prints goes through this (see
 * cli.ts); only the progress line, which shows numbers, draws with raw controls.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
