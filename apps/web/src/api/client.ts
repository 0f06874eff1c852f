/**
 * The one HTTP entry point of the web app. Every request goes through `api`, which turns the
 * API's `{error: {code, message, details}}` bodies into a typed `ApiError`.
 */

/** A failed API call: HTTP status plus the API's error code, message and optional details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** Validation issues some routes (publish, validate) return beside the error. */
  readonly issues: ApiIssue[];

  constructor(status: number, code: string, message: string, details?: unknown, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.issues = issues;
  }
}

/** A node- or edge-located problem, as returned by publish/validate. */
export interface ApiIssue {
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
}

/** True when `error` is an ApiError with the given HTTP status. */
export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api${path}`, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const init: RequestInit = { method, headers: { accept: 'application/json' }, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', 'The server cannot be reached. Check your connection.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) throw toApiError(response, body);
  return body as T;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const envelope = (body ?? {}) as {
    error?: { code?: string; message?: string; details?: unknown };
    issues?: ApiIssue[];
  };
  const error = envelope.error;
  const issues = Array.isArray(envelope.issues) ? envelope.issues : [];
  if (error && typeof error === 'object') {
    return new ApiError(
      response.status,
      error.code ?? 'error',
      error.message ?? response.statusText,
      error.details,
      issues,
    );
  }
  const fallback = response.status === 404 ? 'not_found' : 'http_error';
  return new ApiError(
    response.status,
    fallback,
    `${response.status} ${response.statusText}`.trim(),
    body,
    issues,
  );
}

/** Typed JSON calls under `/api`. */
export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** A paged list as every list route answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
