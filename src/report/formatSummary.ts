// formatSummary: a short human-readable summary of a run for stdout.
import type { RunSummary } from "./summarizeRun.js";

/**
 * A few lines for people: flows finished, makespan, throughput, FCT and slowdown
 * percentiles, and the top `top` bottlenecks with their share of bottleneck
 * flow-seconds and their tier. Numbers are rounded for reading; the CSVs keep full precision.
 */
export function formatSummary(summary: RunSummary, top = 5): string {
  const s = summary;
  const lines = [
    `flows: ${s.finished}/${s.flows} finished, ${bytes(s.bytes)} delivered`,
    `makespan: ${seconds(s.makespanS)}, throughput: ${num(s.throughputGbps)} Gb/s`,
    `FCT p50/p95/p99: ${seconds(s.fctP50S)} / ${seconds(s.fctP95S)} / ${seconds(s.fctP99S)}`,
    `slowdown p50/p95/p99: ${num(s.slowdownP50)} / ${num(s.slowdownP95)} / ${num(s.slowdownP99)}`,
  ];
  if (s.bottlenecks.length === 0) lines.push("bottlenecks: none");
  else {
    lines.push("top bottlenecks (share of bottleneck flow-seconds):");
    s.bottlenecks.slice(0, top).forEach((b, i) => {
      lines.push(`  ${i + 1}. ${b.name} [${b.tier}] ${(b.share * 100).toFixed(1)}%`);
    });
  }
  return lines.join("\n");
}

function num(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : "-";
}

function seconds(s: number): string {
  if (!Number.isFinite(s)) return "-";
  if (s === 0) return "0 s";
  if (s < 1e-3) return `${num(s * 1e6)} µs`;
  if (s < 1) return `${num(s * 1e3)} ms`;
  return `${num(s)} s`;
}

function bytes(b: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (b >= 1000 && i < units.length - 1) {
    b /= 1000;
    i++;
  }
  return `${num(b)} ${units[i]}`;
}
