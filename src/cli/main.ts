#!/usr/bin/env node
// chokepoint command-line entry point.
import { cli } from "./cli.js";
import { escapeControlCharacters } from "./escapeControlCharacters.js";

cli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`chokepoint: internal error: ${escapeControlCharacters(String(err))}\n`);
    process.exitCode = 1;
  },
);
