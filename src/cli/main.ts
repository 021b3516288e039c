#!/usr/bin/env node
import { sendConsoleToStderr } from "./consoleToStderr.js";
import { runCli } from "./run.js";

sendConsoleToStderr();

// Human output quotes fetched text (titles, summaries, warnings): a feed must not be able to drive the
// operator's terminal with escape sequences (ESC, or the 8-bit CSI U+009B). Tabs and newlines stay.
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text.replace(TERMINAL_CONTROLS, "")),
});
process.exitCode = code;
// The command is done. Whatever still holds the event loop (a build that `watch` gave up on, stuck in a
// read that cannot be aborted) must not keep the process, and its service, alive. Unreferenced: a
// process with nothing left exits at once, as before.
setTimeout(() => process.exit(code), 2000).unref();
