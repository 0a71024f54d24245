// compareFinishTimes: how far two runs' finish times (and completion times) are apart, flow by flow.

/** Agreement between a tested run and a reference run. */
export interface FinishTimeComparison {
  /** Flows compared (present in both runs). */
  flows: number;
  /** Ids present in only one of the runs. */
  missing: string[];
  /** max |t − ref| / |ref| over finish times. */
  maxRelativeError: number;
  /** Mean of the same. */
  meanRelativeError: number;
  /** max |t − ref| over finish times, seconds. */
  maxAbsoluteErrorS: number;
  /** max |fct − fct_ref| / fct_ref, where fct = finish − start (stricter: the start is not shared). */
  maxFctRelativeError: number;
  /** The flow with the largest finish-time relative error. */
  worstId: string;
}

/**
 * Compare `finishS` against `referenceS` (both by flow id); `startS` gives the flows'
 * start times for completion-time errors.
 */
export function compareFinishTimes(
  finishS: Map<string, number>,
  referenceS: Map<string, number>,
  startS: Map<string, number>,
): FinishTimeComparison {
  const missing: string[] = [];
  let flows = 0;
  let maxRel = 0;
  let sumRel = 0;
  let maxAbs = 0;
  let maxFct = 0;
  let worstId = "";
  for (const [id, ref] of referenceS) {
    const t = finishS.get(id);
    if (t === undefined) {
      missing.push(id);
      continue;
    }
    flows++;
    const abs = Math.abs(t - ref);
    const rel = abs === 0 ? 0 : abs / Math.abs(ref);
    if (!(rel <= maxRel)) {
      maxRel = rel;
      worstId = id;
    }
    sumRel += rel;
    if (!(abs <= maxAbs)) maxAbs = abs;
    const fctRef = ref - (startS.get(id) ?? 0);
    const fctRel = abs === 0 ? 0 : abs / Math.abs(fctRef);
    if (!(fctRel <= maxFct)) maxFct = fctRel;
  }
  for (const id of finishS.keys()) if (!referenceS.has(id)) missing.push(id);
  return {
    flows,
    missing,
    maxRelativeError: maxRel,
    meanRelativeError: flows > 0 ? sumRel / flows : 0,
    maxAbsoluteErrorS: maxAbs,
    maxFctRelativeError: maxFct,
    worstId,
  };
}
