// placeholderHint: the sentence that replaces a key's parse error when the key holds a study's `${…}` in a plain scenario file.
import { InputError } from "../core/InputError.js";
import { formatPath } from "./describeIssue.js";

/** A string value of a document holding `${`, and where: "topology.leafSpine.hostBandwidth". */
interface Placeholder {
  keyPath: string;
  value: string;
}

/** Every string value of `data` that holds `${`, in document order (keys are never substituted, so only values). */
function placeholders(data: unknown, path: PropertyKey[] = [], found: Placeholder[] = []): Placeholder[] {
  if (typeof data === "string") {
    if (data.includes("${")) found.push({ keyPath: formatPath(path), value: data });
  } else if (Array.isArray(data)) {
    data.forEach((v, i) => placeholders(v, [...path, i], found));
  } else if (data !== null && typeof data === "object") {
    for (const [k, v] of Object.entries(data)) placeholders(v, [...path, k], found);
  }
  return found;
}

/**
 * When `err`, the error of reading the plain scenario `file` (no sweep block) whose document
 * is `data`, is a key's parse error (`<file>: <key path>: …`) and that key — or a value
 * under it — holds a `${…}`, an InputError saying that `${…}` is substituted only in a
 * study, naming the file and the key; else undefined (the error stands as it is).
 */
export function placeholderHint(err: unknown, data: Record<string, unknown>, file: string): InputError | undefined {
  if (!(err instanceof InputError) || !err.message.startsWith(`${file}: `)) return undefined;
  // The key the error names: "topology.leafSpine.hostBandwidth" of "<file>: topology.leafSpine.hostBandwidth: …".
  const key = /^([^\s:]+):/.exec(err.message.slice(file.length + 2))?.[1];
  if (key === undefined) return undefined;
  for (const p of placeholders(data)) {
    if (!(p.keyPath === key || p.keyPath.startsWith(`${key}.`) || p.keyPath.startsWith(`${key}[`))) continue;
    const name = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(p.value)?.[1];
    return new InputError(
      `${file}: ${p.keyPath} is ${JSON.stringify(p.value)}, but \${…} is substituted only in a study (a file with a sweep: block, run by "chokepoint sweep")` +
        ` and this file has none — write the value itself${name ? `, or declare ${name} under sweep.vars` : ""}`,
    );
  }
  return undefined;
}
