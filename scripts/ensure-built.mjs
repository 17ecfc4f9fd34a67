// `pnpm start` runs this first: build the web app and compile the server when either has never
// been built or its sources changed since the last build, so a fresh clone needs no extra step.
// `--server` checks the server only (the API tests run the compiled server, not the web app).
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverDist, serverSources } from './build-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestMtime(path) {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** Whether `output` is missing or older than the newest of `sources`. */
function stale(output, sources) {
  return !existsSync(output) || statSync(output).mtimeMs < Math.max(...sources.map(newestMtime));
}

const webSources = ['web/src', 'shared/src', 'web/static'].map((p) => join(root, p));
if (!process.argv.includes('--server') && stale(join(root, 'web/build/handler.js'), webSources)) {
  console.log('Building the web app (first start or changed sources)…');
  execSync('pnpm --filter @lagesbild/web build', { cwd: root, stdio: 'inherit' });
}
if (stale(join(serverDist, 'main.js'), serverSources)) {
  console.log('Compiling the server (first start or changed sources)…');
  await buildServer();
}
