#!/usr/bin/env node
// chokepoint command-line entry point.
import { cli } from "./cli.js";
import { escapeControlCharacters } from "./escapeControlCharacters.js";

cli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A run stopped by SIGINT or SIGTERM cleaned up, and now ends by that signal, so a calling shell or script sees it (and stops a loop on Ctrl-C).
    const signal = code === 130 ? "SIGINT" : code === 143 ? "SIGTERM" : undefined;
    if (signal !== undefined) process.kill(process.pid, signal);
  },
  (err: unknown) => {
    process.stderr.write(`chokepoint: internal error: ${escapeControlCharacters(String(err))}\n`);
    process.exitCode = 1;
  },
);
