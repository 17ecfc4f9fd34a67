import type { FastifyRequest } from 'fastify';
import { stdSerializers, type LoggerOptions } from 'pino';
import type { AppConfig } from '../config';

/**
 * What the log may hold: no personal data. Requests are logged by method and URL only (not the
 * client's address or port, which identify a person); cookies and credentials are redacted and
 * bodies are never logged; a database error loses its `detail` and `where`, which quote the
 * offending values (an e-mail address in a unique violation, for one).
 */
export function loggerOptions(config: AppConfig): LoggerOptions {
  return {
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, url: request.url }),
      err: (error: Error) => {
        const {
          detail: _detail,
          where: _where,
          ...rest
        } = stdSerializers.err(error) as ReturnType<typeof stdSerializers.err> & {
          detail?: unknown;
          where?: unknown;
        };
        return rest;
      },
    },
  };
}
