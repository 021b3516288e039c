import v8 from "node:v8";

// V8's optimizing compiler (TurboFan) pays for itself on long runs only. A build where every source answers
// 304 is short: on the 1000-source bench it took 0.99 s wall / 1.39 s CPU with TurboFan and 0.87 s /
// 1.13 s without, while a cold build ran 3x slower without it. So `crier build` starts with TurboFan off
// and turns it on at the first sign of real work: a source that changed, or outputs to render. V8 reads the
// flag at each tiering decision, so switching it at run time takes effect (test/worker/optimizingCompiler).

let deferred = false;

/** `crier build`: start without TurboFan, unless node was started with a setting of its own. */
export function deferOptimizingCompiler(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((arg) => /^--(no-)?(turbofan|opt)$/.test(arg))) return;
  v8.setFlagsFromString("--no-turbofan");
  deferred = true;
}

/** The build has real work ahead (documents to parse, outputs to render): let V8 optimize again. */
export function needOptimizingCompiler(): void {
  if (!deferred) return;
  deferred = false;
  v8.setFlagsFromString("--turbofan");
}

/** Whether TurboFan is still held back (tests). */
export function optimizingCompilerDeferred(): boolean {
  return deferred;
}
