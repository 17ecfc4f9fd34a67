import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from './config';

type KitHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const handlerPath = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

// adapter-node reads the protocol from this header; main.ts sets it from the socket itself,
// overwriting anything a client sent, so form-action CSRF checks see the real origin.
const PROTOCOL_HEADER = 'x-lagesbild-protocol';

/** Loads the built SvelteKit app (adapter-node), or undefined when `pnpm build` has not run. */
export async function loadWebHandler(config: AppConfig): Promise<KitHandler | undefined> {
  if (!existsSync(handlerPath)) return undefined;
  // adapter-node reads its settings from the environment when the handler is imported.
  if (config.origin) process.env.ORIGIN = config.origin;
  else process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  process.env.BODY_SIZE_LIMIT ??= String(1024 * 1024);
  const module = (await import(handlerPath)) as { handler: KitHandler };
  return module.handler;
}

/**
 * One port for everything: /api/* goes to Fastify, every other path to SvelteKit. Fastify
 * never touches page requests, so SvelteKit form actions receive their bodies untouched.
 */
export function serverFactoryWith(kit: KitHandler | undefined) {
  return (fastifyHandler: RequestListener) =>
    createServer((req, res) => {
      const path = req.url ?? '/';
      if (!kit || path === '/api' || path.startsWith('/api/') || path.startsWith('/api?')) {
        fastifyHandler(req, res);
        return;
      }
      req.headers[PROTOCOL_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
      kit(req, res, () => {
        res.statusCode = 404;
        res.end('Not found');
      });
    });
}
