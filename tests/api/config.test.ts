import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';
import { runToExit } from '../support/server-process';

describe('configuration', () => {
  it('has working defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, databasePoolSize: 10, demoData: true, env: 'development' });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 1 and 65535/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /must start with postgres/],
    [{ DATABASE_URL: 'postgres://localhost' }, /names no database/],
    [{ NODE_ENV: 'production' }, /SESSION_SECRET is required/],
    [{ SESSION_SECRET: 'short' }, /at least 32 characters/],
    [{ ADMIN_EMAIL: 'a@b.se' }, /must be set together/],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'whatever long' }, /not an e-mail address/],
    [{ DEMO_DATA: 'perhaps' }, /DEMO_DATA must be true or false/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be a whole number of connections between 1 and 200/],
    [{ DATABASE_POOL_SIZE: 'many' }, /DATABASE_POOL_SIZE must be a whole number/],
    [{ ADMIN_EMAIL: 'a@b.se', ADMIN_PASSWORD: 'password1' }, /ADMIN_PASSWORD is refused: .*most common/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('stops the process with one clear line and exit code 1', async () => {
    const { code, output } = await runToExit({ PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('Configuration error: PORT must be a whole number between 1 and 65535, got "eighty"');
  });

  it('stops with one line when the database cannot be reached', async () => {
    const { code, output } = await runToExit({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nothing' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^Start-up failed: .*ECONNREFUSED/);
  });
});
