/**
 * The one application error. `code` is the rule that refused (shown to API clients), `status` the HTTP status.
 * The message says what the caller of the API can do next.
 */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`, 404);
