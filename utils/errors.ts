import * as z from 'zod/mini';

/**
 * Errors that cross a boundary (messages, storage, imports) carry a code the UI
 * translates, and for validation failures the fields and reasons.
 */
export const errorCodeSchema = z.enum([
  'invalidMessage', // the envelope or payload has the wrong shape
  'unknownMessage', // no such message type
  'forbidden', // the sender may not send this message
  'notFound',
  'tooLong',
  'empty',
  'invalidHandle',
  'alreadyLinked',
  'codeTaken', // a template's short code is another template's
  'lastIdentity', // the customer's only identity cannot be unlinked
  'storage', // the database refused or is corrupt
  'unavailable', // the background could not be reached
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorPayloadSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  issues: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
export type ErrorPayload = z.infer<typeof errorPayloadSchema>;

export class KotaeError extends Error {
  override name = 'KotaeError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorPayload['issues'],
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }

  static fromPayload(payload: ErrorPayload): KotaeError {
    return new KotaeError(payload.code, payload.message, payload.issues);
  }

  /** A validation failure, keeping each field's reason. Known reasons become their own codes. */
  static fromZod(error: z.core.$ZodError, what: string): KotaeError {
    const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const reasons = new Set(error.issues.map((issue) => issue.message));
    const code: ErrorCode = reasons.has('tooLong') || error.issues.some((i) => i.code === 'too_big')
      ? 'tooLong'
      : reasons.has('empty')
        ? 'empty'
        : 'invalidMessage';
    const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    return new KotaeError(code, `${what}: ${summary}`, issues);
  }
}
