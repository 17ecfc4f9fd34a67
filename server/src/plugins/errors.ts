import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from '@lagesbild/shared';

/** An error a handler or service throws on purpose; it becomes `{ error, message }` with its status. */
export class HttpError extends Error {
  readonly details: { path: string; message: string }[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    options: { details?: { path: string; message: string }[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.details = options.details;
    this.headers = options.headers;
  }
}

// Fastify's own client errors, renamed to stable codes outside clients can rely on.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function validationDetails(error: FastifyError): { path: string; message: string }[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const extra =
      typeof params.additionalProperty === 'string'
        ? `/${params.additionalProperty}`
        : typeof params.missingProperty === 'string'
          ? `/${params.missingProperty}`
          : '';
    const path = `${context}${v.instancePath}${extra}`.replace(/\//g, '.');
    const message = typeof params.additionalProperty === 'string' ? 'is not an allowed property' : (v.message ?? 'is invalid');
    return { path, message };
  });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      const body: ErrorBody = { error: error.code, message: error.message };
      if (error.details) body.details = error.details;
      if (error.headers) reply.headers(error.headers);
      return reply.status(error.statusCode).send(body);
    }
    if ((error as FastifyError).validation) {
      const details = validationDetails(error as FastifyError);
      const first = details[0];
      return reply.status(400).send({
        error: 'VALIDATION_FAILED',
        message: first ? `${first.path} ${first.message}` : 'the request is invalid',
        details,
      } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = (error.code && FASTIFY_CODES[error.code]) ?? (error instanceof SyntaxError ? 'INVALID_JSON' : 'BAD_REQUEST');
      return reply.status(status).send({ error: code, message: error.message } satisfies ErrorBody);
    }
    // Log the error itself but never the request body: it may hold personal data.
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send({ error: 'INTERNAL', message: 'Something went wrong on our side; nothing was changed.' } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
