/** One error vocabulary: every failure the API reports is one of these codes. */
export const PROBLEM_TYPES = {
  validation_failed: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  request_timeout: { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  uri_too_long: { status: 414, title: 'URI too long' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  unprocessable: { status: 422, title: 'Unprocessable content' },
  rate_limited: { status: 429, title: 'Too many requests' },
  header_fields_too_large: { status: 431, title: 'Request header fields too large' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemCode = keyof typeof PROBLEM_TYPES;

export interface FieldError {
  /** Where the problem is: `query.year`, `body.rows.3.tonnes`, `params.mineral`. */
  field: string;
  message: string;
}

export function problemTypeUri(code: ProblemCode): string {
  return `/problems/${code.replaceAll('_', '-')}`;
}

/** An RFC 9457 problem body in our vocabulary: what the HTTP error handler sends and what an MCP tool refuses with. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  errors?: FieldError[];
}

export function problemBody(code: ProblemCode, detail: string, instance: string, errors?: FieldError[]): ProblemBody {
  const { status, title } = PROBLEM_TYPES[code];
  const body: ProblemBody = { type: problemTypeUri(code), title, status, detail, instance, code };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.status = PROBLEM_TYPES[code].status;
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super('not_found', detail);
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors: FieldError[] = []) {
    super('validation_failed', detail, errors);
  }
}
