// The API's single error shape, turned into a typed exception.
// {"error":{"code":"…","message":"<Vietnamese>","messageEn":"<English>","field":"…"|null}}

/** Codes the client itself produces when the server's answer cannot be used. */
export const CLIENT_ERROR_CODES = ['network', 'bad_response'] as const;

/** One fault of a validation error (error.details[]). */
export interface FieldIssue {
  field: string;
  message: string;
  messageEn: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Vietnamese message from the server; '' when the server sent none. */
  readonly messageVi: string;
  /** English message from the server; '' when the server sent none. */
  readonly messageEn: string;
  /** The request field the error is about, when the server names one. */
  readonly field: string | null;
  /** Every fault when the server lists them (400 validation_failed); [] otherwise. */
  readonly details: FieldIssue[];
  /** The whole error object the server sent (e.g. `candidates` of ambiguous_org_unit). */
  readonly raw: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    messageVi = '',
    messageEn = '',
    field: string | null = null,
    details: FieldIssue[] = [],
    raw: Record<string, unknown> = {},
  ) {
    super(messageEn || messageVi || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
    this.field = field;
    this.details = details;
    this.raw = raw;
  }
}

/** The error code implied by an HTTP status when the body does not say. */
export function codeForStatus(status: number): string {
  switch (status) {
    case 0:
      return 'network';
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'too_many_attempts';
    case 503:
      return 'not_ready';
    default:
      return status >= 500 ? 'internal' : 'bad_response';
  }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * Builds the ApiError for a failed response from its status and raw body text.
 * Never throws: a body that is not the documented shape (a proxy's HTML page, an empty body)
 * yields an error whose code follows the status and whose messages are empty, so the UI
 * falls back to its own translation of the code.
 */
export function parseApiError(status: number, bodyText: string): ApiError {
  let body: unknown = null;
  try {
    body = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    body = null;
  }
  const err =
    body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : null;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const code = str(e.code) || codeForStatus(status);
    const field = typeof e.field === 'string' && e.field ? e.field : null;
    const details: FieldIssue[] = Array.isArray(e.details)
      ? e.details
          .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
          .map((d) => ({ field: str(d.field), message: str(d.message), messageEn: str(d.messageEn) }))
      : [];
    return new ApiError(status, code, str(e.message), str(e.messageEn), field, details, e);
  }
  return new ApiError(status, codeForStatus(status));
}

/**
 * The text to show for an error in the given language: the server's own message when it sent
 * one, else `fallback(code)` (the UI's translation of the error code).
 */
export function errorText(err: unknown, lang: 'vi' | 'en', fallback: (code: string) => string): string {
  if (err instanceof ApiError) {
    const own = lang === 'en' ? err.messageEn || err.messageVi : err.messageVi || err.messageEn;
    return own || fallback(err.code);
  }
  return fallback('unexpected');
}
