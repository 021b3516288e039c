#!/usr/bin/env node
import { sendConsoleToStderr } from "./consoleToStderr.js";
import { runCli } from "./run.js";

sendConsoleToStderr();

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
