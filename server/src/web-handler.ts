import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import proxyAddr from '@fastify/proxy-addr';
import type { AppConfig } from './config';
import { STRICT_TRANSPORT_SECURITY, requestProtocol, trustFunction } from './lib/proxy-trust';
import { CLIENT_ADDRESS_HEADER } from './plugins/client-address';

type KitHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

const handlerPath = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

// adapter-node reads the protocol from this header; the server factory sets it (socket, or a
// trusted proxy's X-Forwarded-Proto), overwriting anything a client sent, so form-action CSRF
// checks see the real origin.
const PROTOCOL_HEADER = 'x-lagesbild-protocol';

/** Where the page server reaches the API in this process: a loopback address it listens on. */
function apiUrl({ host, port }: AppConfig): string {
  const address = ['localhost', '0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${address}:${port}`;
}

/** Loads the built SvelteKit app (adapter-node), or undefined when `pnpm build` has not run. */
export async function loadWebHandler(config: AppConfig): Promise<KitHandler | undefined> {
  if (!existsSync(handlerPath)) return undefined;
  // adapter-node and $env/dynamic/private copy the environment when the handler is imported,
  // so everything hooks.server.ts reads must be set here, before the import.
  if (config.origin) process.env.ORIGIN = config.origin;
  else process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  process.env.ADDRESS_HEADER = CLIENT_ADDRESS_HEADER;
  process.env.LAGESBILD_API_URL = apiUrl(config);
  process.env.LAGESBILD_INTERNAL_TOKEN = config.internalToken;
  process.env.BODY_SIZE_LIMIT ??= String(1024 * 1024);
  const module = (await import(handlerPath)) as { handler: KitHandler };
  return module.handler;
}

/**
 * One port for everything: /api/* goes to Fastify, every other path to SvelteKit. Fastify
 * never touches page requests, so SvelteKit form actions receive their bodies untouched.
 */
export function serverFactoryWith(kit: KitHandler | undefined, config: AppConfig) {
  const trust = trustFunction(config.trustProxy);
  return (fastifyHandler: RequestListener) =>
    createServer((req, res) => {
      const path = req.url ?? '/';
      if (!kit || path === '/api' || path.startsWith('/api/') || path.startsWith('/api?')) {
        fastifyHandler(req, res);
        return;
      }
      const protocol = requestProtocol(req, trust);
      req.headers[PROTOCOL_HEADER] = protocol;
      // Set before SvelteKit answers, so they reach static assets too (sirv never runs our hooks).
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (protocol === 'https') res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
      // The client as the API would see it (same TRUST_PROXY rule), overwriting whatever the
      // client sent: the page server forwards it on its own API calls (hooks.server.ts).
      req.headers[CLIENT_ADDRESS_HEADER] = proxyAddr(req, trust);
      kit(req, res, () => {
        res.statusCode = 404;
        res.end('Not found');
      });
    });
}
