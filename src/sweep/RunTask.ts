// RunTask: what the main thread sends a sweep worker for one run, and what comes back.

/** One run of a study: a point's scenario document, the repetition's seed and where to write. */
export interface RunTask {
  runId: string;
  /** The study file (named in messages; relative paths in the document resolve against it). */
  file: string;
  /** The point's scenario document, after substitution, without its sweep block. */
  document: Record<string, unknown>;
  seed: number;
  outDir: string;
  version: string;
}

/** The outcome of one run: a failure is data, never fatal to the study. */
export type RunTaskResult = { runId: string; status: "ok" } | { runId: string; status: "failed"; message: string };
