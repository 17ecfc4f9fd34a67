import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { afterStart } from './start-up';
import { loadWebHandler, serverFactoryWith } from './web-handler';

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

async function start(config: AppConfig): Promise<FastifyInstance> {
  const kit = await loadWebHandler(config);
  const app = await buildApp({ config, fastify: { serverFactory: serverFactoryWith(kit, config) } });
  if (!kit) app.log.warn('the web app is not built (run `pnpm build`); serving the API only');
  try {
    await afterStart(app);
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}

// A .env file beside package.json, if there is one; the real environment wins over it.
if (existsSync('.env')) process.loadEnvFile('.env');
const config = readConfig();
let app: FastifyInstance;
try {
  app = await start(config);
} catch (error) {
  // One line that says what is wrong (database unreachable, port taken…), not a stack trace.
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: finishing requests in flight');
  const forced = setTimeout(() => {
    app.log.error('shutdown took over 15 s; exiting');
    process.exit(1);
  }, 15_000);
  forced.unref();
  try {
    await app.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
