#!/usr/bin/env node
import { sendConsoleToStderr } from "./consoleToStderr.js";
import { runCli } from "./run.js";

sendConsoleToStderr();

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
// The command is done. Whatever still holds the event loop (a build that `watch` gave up on, stuck in a
// read that cannot be aborted) must not keep the process, and its service, alive. Unreferenced: a
// process with nothing left exits at once, as before.
setTimeout(() => process.exit(code), 2000).unref();
