/**
 * The one error type armtrace raises on purpose. Each carries a stable code; adapters map codes to HTTP
 * statuses and CLI exit codes through the tables below, so domain code never knows about either.
 */
export const errorCodes = {
  INVALID_INPUT: { http: 400, exit: 2 },
  UNREADABLE_FILE: { http: 400, exit: 3 },
  UNSUPPORTED_FORMAT: { http: 415, exit: 3 },
  PAYLOAD_TOO_LARGE: { http: 413, exit: 3 },
  NOT_FOUND: { http: 404, exit: 4 },
  SOURCE_NOT_FOUND: { http: 404, exit: 4 },
  EVENT_NOT_FOUND: { http: 404, exit: 4 },
  CONFLICT: { http: 409, exit: 5 },
  VERSION_CONFLICT: { http: 409, exit: 5 },
  UNAUTHORIZED: { http: 401, exit: 6 },
  FORBIDDEN: { http: 403, exit: 6 },
  MIGRATION_MISMATCH: { http: 500, exit: 7 },
  DEPENDENCY_MISSING: { http: 501, exit: 8 },
  INTERNAL: { http: 500, exit: 1 },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class ArmtraceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ArmtraceError";
  }
}

/** True when `error` is an ArmtraceError (optionally with the given code). */
export function isArmtraceError(error: unknown, code?: ErrorCode): error is ArmtraceError {
  return error instanceof ArmtraceError && (code === undefined || error.code === code);
}

/** The CLI exit status for any thrown value. */
export function exitCodeFor(error: unknown): number {
  return isArmtraceError(error) ? errorCodes[error.code].exit : 1;
}

/** The HTTP status for any thrown value; unknown errors are 500. */
export function httpStatusFor(error: unknown): number {
  return isArmtraceError(error) ? errorCodes[error.code].http : 500;
}
