import { constants } from "node:os";

// SIGTERM/SIGINT caught from the moment a command starts (this module loads nothing else, so the CLI
// installs it before loading the config and the worker). Without a handler, Node's default action ends
// the process at once: a build would die silently and leave crier.lock behind, and a `crier watch` stopped
// right after its start would exit 143 instead of 0.

export type ShutdownSignal = "SIGTERM" | "SIGINT";

export interface SignalCatcher {
  /** The first SIGTERM/SIGINT received so far, else null. */
  readonly received: ShutdownSignal | null;
  /** Aborted at the first signal; its reason is an Error "aborted by SIGTERM" (or SIGINT). */
  readonly signal: AbortSignal;
  /** Stops catching: later signals go to other handlers, or get Node's default action again. */
  release(): void;
}

export interface CatchOptions {
  onFirst?: (signal: ShutdownSignal) => void;
  /** A second signal (or later): the caller's way out at once. */
  onRepeat?: (signal: ShutdownSignal) => void;
}

export function catchShutdownSignals(options: CatchOptions = {}): SignalCatcher {
  const controller = new AbortController();
  let received: ShutdownSignal | null = null;
  const onSignal = (signal: ShutdownSignal) => {
    if (received !== null) {
      options.onRepeat?.(signal);
      return;
    }
    received = signal;
    options.onFirst?.(signal);
    controller.abort(new Error(`aborted by ${signal}`));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return {
    get received() {
      return received;
    },
    signal: controller.signal,
    release() {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
    },
  };
}

/** The status a shell gives a process ended by `signal` (128 + its number): SIGINT 130, SIGTERM 143. */
export function signalExitCode(signal: ShutdownSignal): number {
  return 128 + constants.signals[signal];
}
