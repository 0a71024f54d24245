// studyLines: the lines of a study chart — one per combination of the other variables' values, the metric's mean at each value of the charted variable.
import type { StudyLine } from "./findCrossovers.js";
import type { StudyPointData, StudyReportData } from "./StudyReportData.js";

/** A chart's lines: one per combination of the other variables' values (in point order, with those values), its mean and 95 % interval at each of `variable`'s values. */
export function studyLines(points: readonly StudyPointData[], variables: StudyReportData["variables"], variable: string, metric: string): StudyLine[] {
  const xs = variables.find((v) => v.name === variable)!.values;
  const v = variables.find((x) => x.name === variable)!;
  const others = variables.filter((o) => o.name !== variable && !v.tied.includes(o.name)).map((o) => o.name);
  const lines = new Map<string, StudyLine>();
  for (const p of points) {
    const label = others.length === 0 ? metric : others.map((o) => `${o}=${p.values[o]}`).join(", ");
    let line = lines.get(label);
    if (!line) lines.set(label, (line = { label, means: xs.map(() => NaN), values: others.map((o) => p.values[o]), low: xs.map(() => NaN), high: xs.map(() => NaN) }));
    const x = xs.indexOf(p.values[variable]);
    line.means[x] = p.stats[metric].mean;
    line.low![x] = p.stats[metric].low;
    line.high![x] = p.stats[metric].high;
  }
  return [...lines.values()];
}
