import type { DispatchLogger } from '../api/dispatch';

/**
 * What core and the bridge log when something fails that no typed refusal covers: dispatch's "unexpected failure"
 * (the caller got `internal`), a schema that threw, a bridge request that crashed, an error the screen itself reported.
 * A test that sees one of these has found a bug even if the screen looked fine.
 */
export const UNEXPECTED_FAILURE = /unexpected failure|input validation threw|request failed|renderer problem \(/;

export interface FailureLog {
  /** Hand this to the core or the bridge; it records every error and still prints it. */
  readonly logger: DispatchLogger;
  /** Every error message logged so far. */
  readonly all: readonly string[];
  /** Declares one kind of unexpected failure this test provokes on purpose. */
  allow(pattern: RegExp): void;
  /** Unexpected failures nobody declared. */
  unexpected(): string[];
}

export function createFailureLog(print: (message: string, error: unknown) => void = () => undefined): FailureLog {
  const all: string[] = [];
  const allowed: RegExp[] = [];
  return {
    logger: {
      error(message, error) {
        all.push(`${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        print(message, error);
      },
    },
    all,
    allow: (pattern) => void allowed.push(pattern),
    unexpected: () =>
      all.filter((line) => UNEXPECTED_FAILURE.test(line) && !allowed.some((pattern) => pattern.test(line))),
  };
}
