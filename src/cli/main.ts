#!/usr/bin/env node
// chokepoint command-line entry point.
import { cli } from "./cli.js";
import { commandSettled } from "./commandSettled.js";
import { escapeControlCharacters } from "./escapeControlCharacters.js";

cli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A run stopped by SIGINT or SIGTERM cleaned up, and now ends by that signal, so a calling shell or script sees it (and stops a loop on Ctrl-C).
    const signal = code === 130 ? "SIGINT" : code === 143 ? "SIGTERM" : undefined;
    if (signal !== undefined) process.kill(process.pid, signal);
    // A command with nothing left to finish ends here, before another event-loop turn runs what V8 has queued (see commandSettled); writes still queued on its streams (asynchronous pipes on some systems) wait for the loop.
    else if (commandSettled()) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`chokepoint: internal error: ${escapeControlCharacters(String(err))}\n`);
    process.exitCode = 1;
  },
);
