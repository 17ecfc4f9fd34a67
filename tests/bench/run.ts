// `pnpm bench [name…]`: runs every tests/bench/*.bench.ts (or the named ones) one after another,
// each in its own process so one benchmark's heap and JIT state cannot colour the next. Each
// prints its figures as ratios against the baseline it measures in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (benches.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n### ${bench}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${bench}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
