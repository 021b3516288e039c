#!/usr/bin/env node
import { runCli } from "./run.js";

// stdout carries crier's own output only (--json, --help, --version). A library's console.log — parse-srcset
// logs invalid srcset descriptors, for one — goes to stderr with the other diagnostics.
console.log = console.error;
console.info = console.error;
console.debug = console.error;

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
