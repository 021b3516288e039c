import { BodyTooLargeError, UnsupportedContentEncodingError } from "./readCappedBody.js";
import { FetchError } from "./types.js";

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/**
 * Maps whatever a request attempt threw to a FetchError. Which signal fired decides first: the caller's
 * (aborted, or timeout when its reason is a TimeoutError such as AbortSignal.timeout) or the attempt's own
 * deadline (timeout); only then the error itself.
 */
export function classifyError(
  error: unknown,
  url: string,
  callerSignal?: AbortSignal,
  attemptDeadline?: AbortSignal,
): FetchError {
  if (error instanceof FetchError) return error;
  if (callerSignal?.aborted) {
    const reason = callerSignal.reason as { name?: string; message?: string } | undefined;
    if (reason?.name === "TimeoutError") {
      return new FetchError("timeout", `deadline reached: ${reason.message ?? "timed out"}`, url);
    }
    return new FetchError("aborted", `aborted: ${describe(reason) || "by the caller"}`, url);
  }
  if (attemptDeadline?.aborted) {
    return new FetchError("timeout", describe(attemptDeadline.reason) || "request took too long", url);
  }
  if (error instanceof BodyTooLargeError) return new FetchError("too-large", error.message, url);
  if (error instanceof UnsupportedContentEncodingError)
    return new FetchError("http", error.message, url, 200);
  const code = (error as { code?: string } | null)?.code;
  if (code && TIMEOUT_CODES.has(code)) return new FetchError("timeout", describe(error), url);
  return new FetchError("network", describe(error) || "network error", url);
}

/** Worth another attempt: network trouble, timeouts and 5xx — never after the caller gave up. */
export function isRetryable(error: FetchError, callerSignal?: AbortSignal): boolean {
  if (callerSignal?.aborted) return false;
  if (error.kind === "network" || error.kind === "timeout") return true;
  return error.kind === "http" && error.status !== undefined && error.status >= 500;
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    const code = (value as { code?: string }).code;
    const cause = value.cause instanceof Error ? `: ${value.cause.message}` : "";
    return `${code ? `${code} ` : ""}${value.message}${cause}`.trim();
  }
  return value === undefined ? "" : String(value);
}
