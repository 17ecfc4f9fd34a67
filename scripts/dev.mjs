// `pnpm dev`: the API in a watched process on API_PORT (3001) and the SvelteKit dev server on
// PORT (3000), which forwards /api to it. Both reload on change; Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const apiPort = process.env.API_PORT ?? '3001';
// Browsers talk to the dev server, so that is the origin the API's CSRF check must accept.
const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? '3000'}`;
// Lets the API believe the client address the dev server forwards on its own calls.
const internalToken = randomBytes(32).toString('base64url');
const children = [
  spawn('pnpm', ['exec', 'tsx', 'watch', '--clear-screen=false', 'server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, HOST: '127.0.0.1', ORIGIN: origin, LAGESBILD_INTERNAL_TOKEN: internalToken },
  }),
  spawn('pnpm', ['--filter', '@lagesbild/web', 'dev'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      API_PORT: apiPort,
      LAGESBILD_API_URL: `http://127.0.0.1:${apiPort}`,
      LAGESBILD_INTERNAL_TOKEN: internalToken,
    },
  }),
];
function stop() {
  for (const child of children) child.kill('SIGTERM');
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children)
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
