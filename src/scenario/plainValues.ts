// plainValues: the shape tests the fast readers of scenario documents (fastTransfers, fastTopology) make before they read an entry themselves.

/** Whether `v` is a plain mapping as YAML and JSON parsers make them (not an array, null, or an object of another class). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Whether `v` is a non-empty string, as the schema's ids are. */
export function isId(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

/** Whether `o` has only own keys from `keys`. */
export function onlyKeys(o: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const k in o) if (!keys.has(k) || !Object.hasOwn(o, k)) return false;
  return true;
}
