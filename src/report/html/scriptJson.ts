// scriptJson: JSON to embed in a <script type="application/json"> element, which no value can close early.

/**
 * `JSON.stringify(value)` with every `<` written `\u003c` (so neither `</script>` nor
 * `<!--` in an id can end the element) and U+2028/U+2029 escaped; JSON.parse reads it back
 * unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
