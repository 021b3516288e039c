import { whenAborted } from "./abortHandles.js";

/** A counting semaphore whose waiters leave the queue when their signal aborts. */
export class Semaphore {
  private active = 0;
  private readonly waiters: { grant: () => void; reject: (reason: unknown) => void }[] = [];

  constructor(private readonly limit: number) {}

  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }

  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          unsubscribe();
          resolve(this.releaser());
        },
        reject,
      };
      this.waiters.push(waiter);
      const unsubscribe = whenAborted(signal, () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next) next.grant();
      else this.active--;
    };
  }
}

/** One semaphore per key (host), dropped again when idle so the map does not grow with every host seen. */
export class KeyedSemaphore {
  private readonly byKey = new Map<string, Semaphore>();

  constructor(private readonly limit: number) {}

  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    let semaphore = this.byKey.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.limit);
      this.byKey.set(key, semaphore);
    }
    const owner = semaphore;
    try {
      const release = await owner.acquire(signal);
      return () => {
        release();
        if (owner.idle && this.byKey.get(key) === owner) this.byKey.delete(key);
      };
    } catch (error) {
      if (owner.idle && this.byKey.get(key) === owner) this.byKey.delete(key);
      throw error;
    }
  }
}
