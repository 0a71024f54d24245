// ecmpHash: the per-flow ECMP choice every router of chokepoint makes — one salt per flow, one pick per node — so structural routes choose exactly as shortest-path routing does.

/** A 32-bit integer mixer (the murmur3 finaliser), returning an unsigned value. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The salt of flow `flowKey`'s choices under run seed `seed`. */
export function ecmpSalt(seed: number, flowKey: number): number {
  return mix32(seed ^ mix32(flowKey + 0x9e3779b9));
}

/** Which of `count` equal-cost next hops a flow with salt `salt` takes at node `node` (0 … count − 1). */
export function ecmpPick(salt: number, node: number, count: number): number {
  return count === 1 ? 0 : mix32(salt ^ mix32(node)) % count;
}
