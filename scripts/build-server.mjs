// `pnpm build` (and `pnpm start`, through ensure-built.mjs, when sources changed): compiles the
// server to plain JavaScript in server/dist/, so production runs on Node alone, without tsx.
// Two entries: the server and the hot-spot worker thread it starts beside itself. The server's
// npm dependencies stay imports (resolved from server/node_modules at run time); the workspace
// packages, whose exports are TypeScript sources, and their own dependencies are bundled in.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverDist = join(root, 'server/dist');
/** The inputs of the build: a change in any of them makes ensure-built.mjs build again. */
export const serverSources = ['server/src', 'shared/src', 'migrations', 'server/package.json', 'scripts/build-server.mjs'].map((p) =>
  join(root, p),
);

export async function buildServer() {
  const { dependencies } = JSON.parse(readFileSync(join(root, 'server/package.json'), 'utf8'));
  const external = Object.entries(dependencies)
    .filter(([, version]) => !String(version).startsWith('workspace:'))
    .map(([name]) => name);
  rmSync(serverDist, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', 'hotspot-worker': 'server/src/features/hotspots/hotspot-worker.ts' },
    outdir: serverDist,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    external,
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
