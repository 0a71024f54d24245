#!/usr/bin/env node
// chokepoint command-line entry point.
console.log("chokepoint");
