// Worker entry while the server runs as TypeScript (pnpm dev, the tests; the compiled server
// starts server/dist/hotspot-worker.js instead). A worker thread starts without the
// parent's loader hooks (and on Node 20 `execArgv: ['--import', 'tsx']` does not apply them to
// the worker's own entry), so register tsx here and then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./hotspot-worker.ts');
