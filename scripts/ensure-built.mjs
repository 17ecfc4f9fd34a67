// `pnpm start` runs this first: build the web app when it has never been built or when its
// sources (web/ or shared/) changed since the last build, so a fresh clone needs no extra step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const handler = join(root, 'web/build/handler.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestMtime(join(root, 'web/src')), newestMtime(join(root, 'shared/src')), newestMtime(join(root, 'web/static')));
if (!existsSync(handler) || statSync(handler).mtimeMs < sources) {
  console.log('Building the web app (first start or changed sources)…');
  execSync('pnpm --filter @lagesbild/web build', { cwd: root, stdio: 'inherit' });
}
