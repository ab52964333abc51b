/** One problem with a request body, in the shape of contract §5's 400 answer. */
export interface InputIssue {
  path: string;
  message: string;
}

// Next bundles route handlers apart from server/, so the route's copy of this class is not the one the
// live services throw: `instanceof` fails across the two. A registered symbol is the same in both.
const BRAND = Symbol.for("signal-desk.invalid-input");

/**
 * Input that passed the schema but breaks a rule only the server can check (a price that rounds to 0.00,
 * a time in the future). The route answers it as a 400 with these issues; nothing has been written.
 */
export class InvalidInputError extends Error {
  readonly [BRAND] = true;

  constructor(
    message: string,
    readonly issues: InputIssue[],
  ) {
    super(message);
    this.name = "InvalidInputError";
  }
}

/** True for an InvalidInputError from either copy of this module (see BRAND). */
export function isInvalidInputError(error: unknown): error is InvalidInputError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}
