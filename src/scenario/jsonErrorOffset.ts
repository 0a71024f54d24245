// jsonErrorOffset: finds where a JSON text first goes wrong (Node 20's JSON.parse often does not say).

/**
 * The offset of the first syntax error in `text` and what was expected there, or null if
 * the text is valid JSON. Iterative (no recursion), so deep nesting cannot overflow.
 */
export function jsonErrorOffset(text: string): { offset: number; reason: string } | null {
  let i = 0;
  const stack: Array<"{" | "["> = [];
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (reason: string) => ({ offset: i, reason: i >= text.length ? `unexpected end of input (${reason})` : `${reason}, found ${JSON.stringify(text[i])}` });
  const value = (): string | null => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") return null; // handled by the caller
    if (c === '"') return string();
    for (const lit of ["true", "false", "null"]) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return "";
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      i += m[0].length;
      return "";
    }
    return "expected a value";
  };
  const string = (): string => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return "";
      }
      if (c === "\\") i += 2;
      else if (c < " ") return "a control character inside a string";
      else i++;
    }
    return "an unterminated string";
  };
  // Each loop turn reads one value (opening containers push onto the stack).
  for (;;) {
    ws();
    if (text[i] === "{" || text[i] === "[") {
      const open = text[i] as "{" | "[";
      i++;
      ws();
      if (text[i] === (open === "{" ? "}" : "]")) {
        i++;
      } else {
        stack.push(open);
        if (open === "{") {
          if (text[i] !== '"') return fail('expected a key in double quotes or "}"');
          const e = string();
          if (e) return fail(e);
          ws();
          if (text[i] !== ":") return fail('expected ":" after a key');
          i++;
        }
        continue;
      }
    } else {
      const e = value();
      if (e) return fail(e);
    }
    // After a value: close containers or move to the next element.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i < text.length ? fail("unexpected text after the end of the document") : null;
      }
      const close = top === "{" ? "}" : "]";
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ",") return fail(`expected "," or "${close}"`);
      i++;
      if (top === "{") {
        ws();
        if (text[i] !== '"') return fail("expected a key in double quotes");
        const e = string();
        if (e) return fail(e);
        ws();
        if (text[i] !== ":") return fail('expected ":" after a key');
        i++;
      }
      break;
    }
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let j = text.indexOf("\n"); j !== -1 && j < offset; j = text.indexOf("\n", j + 1)) {
    line++;
    start = j + 1;
  }
  return { line, column: offset - start + 1 };
}
