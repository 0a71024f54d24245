// stringHash32: a stable 32-bit hash of a string (FNV-1a), for keys that must not depend on run order.

/**
 * FNV-1a over the string's UTF-16 code units, as an unsigned 32-bit integer. Stable across
 * runs, machines and Node versions.
 */
export function stringHash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
