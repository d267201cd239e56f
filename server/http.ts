/** Error answers: every refusal is an `apiErrorSchema` body with the status its code implies. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiErrorCode } from '@/utils/sync/wire';

export const STATUS_OF: Record<ApiErrorCode, ContentfulStatusCode> = {
  unauthorized: 401,
  disabled: 403,
  forbidden: 403,
  notFound: 404,
  invalid: 422,
  tooLarge: 413,
  rateLimited: 429,
  inviteUsed: 410,
  internal: 500,
};

/** Thrown by handlers and middleware; the app's error handler turns it into an answer. */
export class HttpFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorBody(code: ApiErrorCode, message: string): ApiError {
  return { error: { code, message: message.slice(0, 1000) } };
}

export function errorResponse(code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(code, message)), {
    status: STATUS_OF[code],
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
