// escapeHtml: text (ids, node and workload names from user files) made safe inside HTML elements and attributes.

/** `text` with `&`, `<`, `>`, `"` and `'` replaced by their entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
