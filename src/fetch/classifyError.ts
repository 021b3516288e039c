import {
  BodyTooLargeError,
  ContentDecodingError,
  UnsupportedContentEncodingError,
} from "./readCappedBody.js";
import { FetchError, type FetchErrorKind } from "./types.js";

const TIMEOUT_MESSAGES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: "timed out connecting",
  UND_ERR_HEADERS_TIMEOUT: "timed out waiting for the response headers",
  UND_ERR_BODY_TIMEOUT: "timed out: the body stalled",
};

/** FetchError with the URL in its message, since callers often print only the message. */
export function failure(
  kind: FetchErrorKind,
  detail: string,
  url: string,
  status?: number,
  retryAfter?: Date,
): FetchError {
  return new FetchError(kind, `${detail} (${url})`, url, status, retryAfter);
}

/**
 * Maps whatever a request attempt threw to a FetchError. Which signal fired decides first: the caller's
 * (aborted, or timeout when its reason is a TimeoutError such as AbortSignal.timeout) or the attempt's own
 * deadline (timeout); only then the error itself.
 */
export function classifyError(
  error: unknown,
  url: string,
  callerSignal?: AbortSignal,
  attemptDeadline?: { readonly aborted: boolean; readonly reason: unknown },
): FetchError {
  if (error instanceof FetchError) return error;
  if (callerSignal?.aborted) {
    const reason = callerSignal.reason as { name?: string; message?: string } | undefined;
    if (reason?.name === "TimeoutError") {
      return failure("timeout", `deadline reached: ${reason.message ?? "timed out"}`, url);
    }
    return failure("aborted", `aborted: ${describe(reason) || "by the caller"}`, url);
  }
  if (attemptDeadline?.aborted) {
    return failure(
      "timeout",
      `timed out: ${describe(attemptDeadline.reason) || "request took too long"}`,
      url,
    );
  }
  if (error instanceof BodyTooLargeError) return failure("too-large", error.message, url);
  if (error instanceof UnsupportedContentEncodingError || error instanceof ContentDecodingError) {
    return failure("undecodable", error.message, url, 200);
  }
  const code = (error as { code?: string } | null)?.code;
  if (code === "UND_ERR_CLOSED" || code === "UND_ERR_DESTROYED") {
    return failure("aborted", "aborted: the fetcher was closed", url);
  }
  if (code === "UND_ERR_INVALID_ARG") {
    // The same request would be refused again, and each refusal may hold one of the origin's connection
    // slots until the Agent closes: retrying it could stall the build.
    return failure("invalid-request", `request refused before sending: ${describe(error)}`, url);
  }
  const timeout = code ? TIMEOUT_MESSAGES[code] : undefined;
  if (timeout) return failure("timeout", timeout, url);
  return failure("network", `network error: ${describe(error) || "unknown"}`, url);
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
