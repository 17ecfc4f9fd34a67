// A server for the submission benchmark, in its own process so the load generator does not
// share its CPU: `app` is the real product on DATABASE_URL, `bare` a Fastify route that
// answers 201 without touching a database (the baseline). Prints "PORT <n>" when listening.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';

const mode = process.argv[2];
if (mode === 'bare') {
  const bare = Fastify({ logger: false });
  bare.post('/api/public/campaigns/:slug/responses', async (_request, reply) => reply.status(201).send({ id: randomUUID() }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  console.log(`PORT ${(bare.server.address() as { port: number }).port}`);
} else {
  // The rate limit is raised through configuration (SUBMISSION_RATE_LIMIT), as in production.
  const app = await buildApp({ config: loadConfig({ ...process.env, LOG_LEVEL: 'warn' }) });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`PORT ${(app.server.address() as { port: number }).port}`);
}
