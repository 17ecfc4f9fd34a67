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
    [{ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32) }, /ORIGIN is required when NODE_ENV=production/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY=true would let any client choose its own address; give the number of proxies/],
    [{ TRUST_PROXY: '10.0.0.300' }, /TRUST_PROXY must be a hop count or IP addresses\/CIDR ranges/],
    [{ TRUST_PROXY: '10.0.0.0/40' }, /TRUST_PROXY must be a hop count/],
    [{ TRUST_PROXY: '99' }, /at most 20 hops/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.2, 10.1.0.0/16,loopback', ['10.0.0.2', '10.1.0.0/16', 'loopback']],
  ])('reads TRUST_PROXY=%s in Fastify trustProxy form', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('starts in production with SESSION_SECRET and ORIGIN', () => {
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32), ORIGIN: 'https://lagesbild.kommun.se' });
    expect(config.origin).toBe('https://lagesbild.kommun.se');
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
