// `pnpm cli import|undo|list …`: imports files into a collaboration straight against the database
// (DATABASE_URL, or the embedded one under DATA_DIR), through the same service as the API.
// `pnpm cli` alone prints the usage. See server/src/features/imports/import-cli.ts.
import { ConfigError, loadConfig } from '../server/src/config';
import { openStandaloneDatabase } from '../server/src/db/standalone';
import { runCli, UsageError } from '../server/src/features/imports/import-cli';

// A .env file beside package.json, if there is one; the real environment wins over it.
if ((await import('node:fs')).existsSync('.env')) process.loadEnvFile('.env');

try {
  const code = await runCli(process.argv.slice(2), openStandaloneDatabase, loadConfig(), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(line.startsWith('\r') || line === '\n' ? line : `${line}\n`),
    tty: process.stderr.isTTY === true,
  });
  process.exit(code);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error).message);
  process.exit(1);
}
