import { AppError } from '../shared/errors.js';

/** The REST API as the command line uses it: JSON in and out, errors as one AppError line. */
export interface ApiClient {
  /** Where the requests go and as whom, for error messages. */
  readonly target: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  /** Sends a raw body (e.g. a CSV file as a stream) with its content type. */
  send<T>(method: 'POST' | 'PUT', path: string, body: ReadableStream | string, contentType: string): Promise<T>;
}

interface ErrorBody {
  error?: string | { code?: string; message?: string };
  message?: string;
  fields?: Array<{ field: string; problem: string }>;
  details?: { fields?: Array<{ field: string; problem: string }> };
}

/** The API's error envelope as an AppError: the server's message, the code and the fields it names. */
async function failure(res: Response, target: string): Promise<AppError> {
  const text = await res.text();
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    /* not JSON: a proxy's page, say */
  }
  const nested = typeof body.error === 'object' ? body.error : undefined;
  const code = nested?.code ?? (typeof body.error === 'string' ? body.error : `http_${res.status}`);
  const message = nested?.message ?? body.message ?? `HTTP ${res.status} ${res.statusText}`.trim();
  const fields = body.fields ?? body.details?.fields ?? (nested as ErrorBody | undefined)?.details?.fields;
  if (res.status === 401)
    return new AppError(code, `${target} did not accept the token (unknown, revoked, or its user disabled); nothing was done`, 401);
  if (res.status === 404 && code === 'not_found' && message === 'no such route')
    return new AppError(code, `${target} has no such route (an older kinline?): upgrade the server`, 404);
  return new AppError(code, message, res.status, fields ? { fields } : undefined);
}

/** `tokenSource` says where the token came from, so a refusal says what to fix. */
export function createApiClient(baseUrl: string, token: string, tokenSource: string): ApiClient {
  const target = `kinline at ${baseUrl} (token from ${tokenSource})`;
  const request = async <T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) },
        body,
        ...(body && typeof body !== 'string' ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (e) {
      const cause = ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
      throw new AppError('server_unreachable', `cannot reach kinline at ${baseUrl} (${cause}): is the server running?`, 503);
    }
    if (!res.ok) throw await failure(res, target);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  };
  const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));
  return {
    target,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, json(body ?? {}), 'application/json'),
    patch: (path, body) => request('PATCH', path, json(body), 'application/json'),
    send: (method, path, body, contentType) => request(method, path, body as BodyInit, contentType),
  };
}
