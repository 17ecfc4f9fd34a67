import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  FST_ERR_BAD_URL: 'BAD_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
};

function validationDetails(error: FastifyError): { path: string; message: string }[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).map((v) => {
    const params = v.params;
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

/** The methods a path is looked up with to answer 405 (HEAD is there wherever GET is). */
const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Any error of a request, ours or Fastify's, as an ErrorBody with its status. */
function sendError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: error.code, message: error.message };
    if (error.details) body.details = error.details;
    if (error.headers) reply.headers(error.headers);
    return reply.status(error.statusCode).send(body);
  }
  if (error.validation) {
    const details = validationDetails(error);
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
}

/**
 * Errors Fastify answers before routing (a path segment over maxParamLength: 414, a malformed
 * URL: 400), in our format rather than Fastify's. Passed as the `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendError(error, request, reply);
}

/** A request line: a method, a space and the start of its target. */
const REQUEST_LINE_START = /^[A-Z]+ \S/;

function connectionErrorAnswer(error: Error & { code?: string; rawPacket?: Buffer }): [number, ErrorBody] {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, { error: 'REQUEST_TIMEOUT', message: 'the request took too long to arrive' }];
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    // Node counts the request line with the headers: when the request line alone is over the
    // limit, the URL is what is too long. (Seen only when the packet starts with it; else 431.)
    const packet = error.rawPacket?.toString('latin1') ?? '';
    const lineEnd = packet.indexOf('\r\n');
    const line = lineEnd < 0 ? packet : packet.slice(0, lineEnd);
    if (REQUEST_LINE_START.test(line) && line.length > maxHeaderSize) {
      return [414, { error: 'URI_TOO_LONG', message: 'the URL is longer than the server reads' }];
    }
    return [431, { error: 'HEADERS_TOO_LARGE', message: 'the request headers are larger than the server reads' }];
  }
  return [400, { error: 'BAD_REQUEST', message: 'the request is not valid HTTP' }];
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers or URL over
 * maxHeaderSize, malformed HTTP, a timeout), answered in our error format rather than Fastify's.
 * Passed as the `clientErrorHandler` option; the socket is closed after the answer, as Node does.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] = connectionErrorAnswer(error);
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(sendError);

  app.setNotFoundHandler((request, reply) => {
    const [path = request.url] = request.url.split('?');
    // A path that exists with other methods is 405 with the methods it has (RFC 9110 §15.5.6), not 404.
    const allowed = ROUTE_METHODS.filter((method) => app.findRoute({ method, url: path }));
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .status(405)
        .header('allow', allowed.join(', '))
        .send({
          error: 'METHOD_NOT_ALLOWED',
          message: `${request.method} is not allowed on ${path}; it takes ${allowed.join(', ')}`,
        } satisfies ErrorBody);
    }
    return reply.status(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${path}` } satisfies ErrorBody);
  });
}
