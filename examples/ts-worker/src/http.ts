// JSON responses and the error type the routes throw.

export interface ErrorBody {
  message: string;
  /** The SQLSTATE, for database errors. */
  code?: string;
  /** The request field that is invalid, for validation errors. */
  field?: string;
}

/** An error that becomes `{"error": {...}}` with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Omit<ErrorBody, 'message'> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
  get body(): ErrorBody {
    return { message: this.message, ...this.details };
  }
}

export const json = (data: unknown, status = 200, headers: HeadersInit = {}): Response => Response.json(data, { status, headers });

export const errorResponse = (e: HttpError, headers: HeadersInit = {}): Response => json({ error: e.body }, e.status, headers);

export const noContent = (): Response => new Response(null, { status: 204 });
