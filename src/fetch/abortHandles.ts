// Cheap abort plumbing for the request path. AbortSignal is an EventTarget: a new AbortController, an
// addEventListener and its removeEventListener cost ~15-20 µs per request together, about a tenth of
// crier's own work in a build where every source answers 304. Requests subscribe here instead: one real
// listener per caller signal, whatever the number of requests and queue waits it covers.

type Subscribers = Set<() => void>;

const subscribersBySignal = new WeakMap<AbortSignal, Subscribers>();

const noop = (): void => {};

/**
 * Calls `callback` once when `signal` aborts (at once if it already has). Returns the unsubscribe; call
 * it when the work the signal guards is done.
 */
export function whenAborted(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (!signal) return noop;
  if (signal.aborted) {
    callback();
    return noop;
  }
  let subscribers = subscribersBySignal.get(signal);
  if (!subscribers) {
    const set: Subscribers = new Set();
    subscribers = set;
    subscribersBySignal.set(signal, set);
    signal.addEventListener(
      "abort",
      () => {
        const pending = [...set];
        set.clear();
        for (const subscriber of pending) subscriber();
      },
      { once: true },
    );
  }
  const subscribed = subscribers;
  subscribed.add(callback);
  return () => {
    subscribed.delete(callback);
  };
}

/**
 * The abort handle of one request attempt, in the EventEmitter shape undici accepts as a request's
 * `signal` (`aborted`, `reason`, `on`/`once`/`removeListener` of "abort"). undici destroys the response
 * body with the reason when it fires, until the body is closed.
 */
export class AttemptAbort {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] = [];

  on(_event: "abort", listener: () => void): this {
    if (!this.aborted) this.listeners.push(listener);
    return this;
  }

  /** Listeners run at most once anyway: abort() fires once. */
  once(event: "abort", listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(_event: "abort", listener: () => void): this {
    const index = this.listeners.indexOf(listener);
    if (index >= 0) this.listeners.splice(index, 1);
    return this;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
