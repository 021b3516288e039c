// Entry of a parser thread: runs feed jobs one at a time for parsePool.ts.

import { parentPort } from "node:worker_threads";
import { type FeedJob, runFeedJob } from "./feedJob.js";

const port = parentPort;
if (!port) throw new Error("parseThread.js runs as a worker thread of crier's parser pool");

port.on("message", async ({ id, job }: { id: number; job: FeedJob }) => {
  try {
    port.postMessage({ id, result: await runFeedJob(job) });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
    port.postMessage({ id, error: { name, message } });
  }
});
