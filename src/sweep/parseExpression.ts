// parseExpression: a recursive-descent parser for the small expression language of studies (`where`, `${…}`).

import type { SweepValue } from "./Study.js";

/**
 * Reports a problem in an expression and never returns. `column` counts from 1 within
 * the expression text; `hint` (e.g. ` (did you mean "nic"?)`) goes after the column.
 */
export type ExpressionFail = (message: string, column: number, hint?: string) => never;

/** A binary operator of the language. */
export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

/** A parsed expression; every node remembers the column of its first character or operator. */
export type Expr =
  | { kind: "literal"; value: SweepValue; column: number }
  | { kind: "variable"; name: string; column: number }
  | { kind: "unary"; op: "!" | "-"; operand: Expr; column: number }
  | { kind: "binary"; op: BinaryOperator; left: Expr; right: Expr; column: number }
  | { kind: "conditional"; test: Expr; then: Expr; otherwise: Expr; column: number };

interface Token {
  type: "number" | "string" | "name" | "op" | "end";
  text: string;
  value?: SweepValue;
  column: number;
}

// Longest first, so "<=" is not read as "<" then "=".
const OPERATORS = ["===", "!==", "<=", ">=", "==", "!=", "&&", "||", "(", ")", "!", "-", "+", "*", "/", "%", "<", ">", "?", ":", "="];
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(text: string, fail: ExpressionFail): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const column = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    const num = NUMBER.exec(rest);
    if (num) {
      const after = NAME.exec(rest.slice(num[0].length));
      if (after) {
        const word = num[0] + after[0];
        fail(`${word} is not a number`, column, ` — quote text, e.g. '${word}'`);
      }
      const value = Number(num[0]);
      if (!Number.isFinite(value)) fail(`${num[0]} is too large a number`, column);
      tokens.push({ type: "number", text: num[0], value, column });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ type: "name", text: name[0], column });
      i += name[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = "";
      let j = i + 1;
      while (j < text.length && text[j] !== c) {
        // A backslash keeps the next character as it is (\' \" \\).
        if (text[j] === "\\" && j + 1 < text.length) j++;
        value += text[j];
        j++;
      }
      if (j >= text.length) fail(`the text starting with ${c} is not closed`, column);
      tokens.push({ type: "string", text: text.slice(i, j + 1), value, column });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op === undefined) fail(`unexpected character "${c}"`, column);
    if (op === "=") fail(`"=" is not an operator`, column, ` — use == to compare`);
    if (op === "===" || op === "!==") fail(`"${op}" is not an operator`, column, ` — use ${op.slice(0, 2)}`);
    tokens.push({ type: "op", text: op, column });
    i += op.length;
  }
  tokens.push({ type: "end", text: "", column: text.length + 1 });
  return tokens;
}

const LEVELS: BinaryOperator[][] = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];

/**
 * Parse an expression: literals (numbers such as 2, 0.5, 1e9; 'single' or "double"
 * quoted text; true, false), variable names, parentheses, and by increasing precedence
 * `?:` (right-associative), `||`, `&&`, `== !=`, `< <= > >=`, `+ -`, `* / %`, unary
 * `! -`. Binary operators are left-associative. Problems go to `fail` with their column.
 */
export function parseExpression(text: string, fail: ExpressionFail): Expr {
  const tokens = tokenize(text, fail);
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const isOp = (t: Token, ...ops: string[]): boolean => t.type === "op" && ops.includes(t.text);
  const shown = (t: Token): string => (t.type === "end" ? "the end" : `"${t.text}"`);

  const conditional = (): Expr => {
    const test = binary(0);
    const q = peek();
    if (!isOp(q, "?")) return test;
    pos++;
    const then = conditional();
    const colon = peek();
    if (!isOp(colon, ":")) fail(`expected ":" of the "?" at column ${q.column}, found ${shown(colon)}`, colon.column);
    pos++;
    const otherwise = conditional();
    return { kind: "conditional", test, then, otherwise, column: q.column };
  };

  const binary = (level: number): Expr => {
    if (level === LEVELS.length) return unary();
    let left = binary(level + 1);
    for (let t = peek(); isOp(t, ...LEVELS[level]); t = peek()) {
      pos++;
      const right = binary(level + 1);
      left = { kind: "binary", op: t.text as BinaryOperator, left, right, column: t.column };
    }
    return left;
  };

  const unary = (): Expr => {
    const t = peek();
    if (isOp(t, "!", "-")) {
      pos++;
      return { kind: "unary", op: t.text as "!" | "-", operand: unary(), column: t.column };
    }
    return primary();
  };

  const primary = (): Expr => {
    const t = peek();
    pos++;
    if (t.type === "number" || t.type === "string") return { kind: "literal", value: t.value!, column: t.column };
    if (t.type === "name") {
      if (t.text === "true" || t.text === "false") return { kind: "literal", value: t.text === "true", column: t.column };
      return { kind: "variable", name: t.text, column: t.column };
    }
    if (isOp(t, "(")) {
      const inner = conditional();
      const close = peek();
      if (!isOp(close, ")")) fail(`expected ")" to close the "(" at column ${t.column}, found ${shown(close)}`, close.column);
      pos++;
      return inner;
    }
    if (tokens.length === 1) return fail("the expression is empty", 1);
    return fail(`expected a value, found ${shown(t)}`, t.column);
  };

  const expr = conditional();
  const last = peek();
  if (last.type !== "end") fail(`unexpected ${shown(last)} after a complete expression`, last.column);
  return expr;
}

/** Every variable an expression names, with the column of its first use, in order of appearance. */
export function expressionVariables(expr: Expr): { name: string; column: number }[] {
  const out: { name: string; column: number }[] = [];
  const walk = (e: Expr): void => {
    if (e.kind === "variable") {
      if (!out.some((v) => v.name === e.name)) out.push({ name: e.name, column: e.column });
    } else if (e.kind === "unary") walk(e.operand);
    else if (e.kind === "binary") {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === "conditional") {
      walk(e.test);
      walk(e.then);
      walk(e.otherwise);
    }
  };
  walk(expr);
  return out;
}
