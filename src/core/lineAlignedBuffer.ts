// lineAlignedBuffer: a zeroed ArrayBuffer that starts on a 64-byte cache line, for typed-array records that must not straddle lines.

/** The part of the WebAssembly API used here (this project's TypeScript libraries declare only its types). */
declare const WebAssembly: { Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer } };

/** Bytes in a WebAssembly memory page. */
const PAGE_BYTES = 65536;

/** Whether this process could not reserve a WebAssembly memory (an address-space limit): then never tried again. */
let wasmRefused = false;

/**
 * A zeroed ArrayBuffer of at least `byteLength` bytes whose first byte sits on a cache line
 * (a 64-byte boundary; in fact a page), so that records of 16, 32 or 64 bytes laid out from
 * its start never straddle two lines. A plain `new ArrayBuffer` is placed by the C allocator,
 * 16-byte aligned at best: a 32-byte record then sits across two lines for every other
 * record, and a walk that reads two of its fields may read two lines.
 *
 * The buffer is a WebAssembly memory's (page-aligned by the engine). Its byte length is
 * rounded up to whole 64 KB pages: give typed-array views an explicit length. It is never
 * grown (growing would detach it): a larger one replaces it.
 *
 * V8 reserves about 10 GB of address space for each WebAssembly memory (its guard regions), so
 * a process under an address-space limit (`ulimit -v` of a few GB, as batch schedulers set)
 * cannot have one. Then, and from then on in the process, the buffer is a plain ArrayBuffer of
 * `byteLength` bytes (at least 1): the same records and answers, only not aligned.
 */
export function lineAlignedBuffer(byteLength: number): ArrayBuffer {
  if (!wasmRefused) {
    try {
      const pages = Math.max(1, Math.ceil(byteLength / PAGE_BYTES));
      return new WebAssembly.Memory({ initial: pages }).buffer;
    } catch {
      wasmRefused = true;
    }
  }
  return new ArrayBuffer(Math.max(1, byteLength));
}
