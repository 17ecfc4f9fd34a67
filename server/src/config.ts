import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { passwordProblem } from './lib/password';
import { checkTrustedAddresses, type TrustProxy } from './lib/proxy-trust';

/** Validated configuration; built once at start-up from the environment. */
export interface AppConfig {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  /** Set → PostgreSQL through @fastify/postgres; unset → embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL connections per instance (DATABASE_POOL_SIZE, default 10). More is not faster:
   * on a small machine extra backends only compete for the same cores.
   */
  databasePoolSize: number;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  sessionSecret: string;
  admin: { email: string; password: string } | undefined;
  /** Seed the demo collaboration when the embedded database is empty. */
  demoData: boolean;
  logLevel: string;
  /**
   * Behind a reverse proxy: how many hops, or which addresses, may set X-Forwarded-* (the
   * client address keys the rate limits; the protocol decides Secure cookies and HSTS).
   */
  trustProxy: TrustProxy;
  /** Public base URL; required in production, where it is the only origin CSRF accepts. */
  origin: string | undefined;
  /** Survey submissions one client may send per minute (kiosk tablets included). */
  submissionRateLimit: number;
  /** Largest file one import takes (IMPORT_MAX_MB, default 200); larger uploads get 413. */
  importMaxBytes: number;
  /**
   * Proves that an API call comes from this product's own page server, which then forwards
   * the browser's address. Random per process; `pnpm dev` shares one between its two processes
   * through LAGESBILD_INTERNAL_TOKEN.
   */
  internalToken: string;
  /** MapLibre style for the base map (https URL or a same-origin path); unset → a blank map that needs no network. */
  mapStyleUrl: string | undefined;
  /**
   * The OpenStreetMap extract the app serves as its own base map (MAP_PMTILES, relative to the data
   * directory). Checked when the app starts: a missing or unreadable file leaves the maps on their
   * fallback instead of stopping the process.
   */
  mapPmtiles: string | undefined;
  /**
   * SMTP_URL + MAIL_FROM: invitations, reset links and the daily digest go out by e-mail
   * (features/mail). Unset → no mail; the links are shown to the admin instead.
   */
  mail: { smtpUrl: string; from: string } | undefined;
}

export class ConfigError extends Error {}

const DEV_SECRET = 'development-only-secret-do-not-use-in-production';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`PORT must be a whole number between 1 and 65535, got "${raw}"`);
  const port = Number(raw);
  if (port < 1 || port > 65535) throw new ConfigError(`PORT must be between 1 and 65535, got ${port}`);
  return port;
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://, got ${url.protocol}//`);
  }
  if (!url.hostname && !url.searchParams.get('host')) throw new ConfigError('DATABASE_URL names no host');
  if (url.pathname.length <= 1) throw new ConfigError('DATABASE_URL names no database (…/database at the end)');
  return raw;
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const TRUST_PROXY_HELP =
  'give the number of proxies in front of the app (TRUST_PROXY=1) or their addresses (TRUST_PROXY=10.0.0.2,10.1.0.0/16)';

/** TRUST_PROXY in Fastify's forms: a hop count or a comma-separated list of addresses/CIDRs. */
function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim().toLowerCase() ?? '';
  if (['', '0', 'false', 'no', 'off'].includes(value)) return false;
  // "true" trusts every hop, so the leftmost X-Forwarded-For (written by the client) would
  // become the client key: refused rather than guessed, since only the operator knows the hops.
  if (['true', 'yes', 'on'].includes(value)) {
    throw new ConfigError(`TRUST_PROXY=${raw?.trim()} would let any client choose its own address; ${TRUST_PROXY_HELP}`);
  }
  if (/^\d+$/.test(value)) {
    if (Number(value) > 20) throw new ConfigError(`TRUST_PROXY must be at most 20 hops, got ${value}`);
    return Number(value);
  }
  const addresses = value.split(',').map((a) => a.trim());
  try {
    checkTrustedAddresses(addresses);
  } catch {
    throw new ConfigError(`TRUST_PROXY must be a hop count or IP addresses/CIDR ranges, got "${raw?.trim()}"; ${TRUST_PROXY_HELP}`);
  }
  return addresses;
}

function parseMail(env: NodeJS.ProcessEnv): AppConfig['mail'] {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  const from = env.MAIL_FROM?.trim() || undefined;
  if (!smtpUrl && !from) return undefined;
  if (!smtpUrl || !from) throw new ConfigError('SMTP_URL and MAIL_FROM must be set together');
  let protocol = '';
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    // reported below, without the URL: it may carry the mail server's password
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:password@mail.kommun.se:587 or smtps://…:465');
  }
  // "Lägesbild <noreply@kommun.se>" or a bare address.
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) {
    throw new ConfigError(`MAIL_FROM must be an e-mail address such as "Lägesbild <noreply@kommun.se>", got "${from}"`);
  }
  return { smtpUrl, from };
}

/** Reads and validates the environment; throws ConfigError with one line that says what to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const secret = env.SESSION_SECRET;
  if (nodeEnv === 'production' && !secret) throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production');
  if (secret !== undefined && secret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters');

  const adminEmail = env.ADMIN_EMAIL?.trim();
  const adminPassword = env.ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(adminEmail)) throw new ConfigError('ADMIN_EMAIL is not an e-mail address');
  const adminProblem = adminEmail && adminPassword ? passwordProblem(adminPassword, adminEmail) : undefined;
  if (adminProblem) throw new ConfigError(`ADMIN_PASSWORD is refused: ${adminProblem}`);

  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const origin = env.ORIGIN?.trim() || undefined;
  if (nodeEnv === 'production' && !origin) {
    throw new ConfigError('ORIGIN is required when NODE_ENV=production (the public URL, such as https://lagesbild.kommun.se)');
  }
  if (origin) {
    try {
      new URL(origin);
    } catch {
      throw new ConfigError(`ORIGIN must be a URL such as https://lagesbild.example.se, got "${origin}"`);
    }
  }

  const rateRaw = env.SUBMISSION_RATE_LIMIT?.trim() || '30';
  if (!/^\d+$/.test(rateRaw) || Number(rateRaw) < 1) {
    throw new ConfigError(`SUBMISSION_RATE_LIMIT must be a whole number of submissions per minute, got "${rateRaw}"`);
  }

  const mapStyleUrl = env.MAP_STYLE_URL?.trim() || undefined;
  if (mapStyleUrl && !mapStyleUrl.startsWith('/')) {
    let protocol = '';
    try {
      protocol = new URL(mapStyleUrl).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new ConfigError(`MAP_STYLE_URL must be an http(s) URL or a path starting with /, got "${mapStyleUrl}"`);
    }
  }

  const importRaw = env.IMPORT_MAX_MB?.trim() || '200';
  if (!/^\d+$/.test(importRaw) || Number(importRaw) < 1 || Number(importRaw) > 10_000) {
    throw new ConfigError(`IMPORT_MAX_MB must be a whole number of megabytes between 1 and 10000, got "${importRaw}"`);
  }

  const poolRaw = env.DATABASE_POOL_SIZE?.trim() || '10';
  if (!/^\d+$/.test(poolRaw) || Number(poolRaw) < 1 || Number(poolRaw) > 200) {
    throw new ConfigError(`DATABASE_POOL_SIZE must be a whole number of connections between 1 and 200, got "${poolRaw}"`);
  }

  const dataDir = env.DATA_DIR?.trim() || './data';
  const mapPmtiles = env.MAP_PMTILES?.trim() || undefined;
  return {
    env: nodeEnv,
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || 'localhost',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    databasePoolSize: Number(poolRaw),
    dataDir: dataDir.startsWith('memory://') ? dataDir : resolve(dataDir),
    sessionSecret: secret ?? DEV_SECRET,
    admin: adminEmail && adminPassword ? { email: adminEmail.toLowerCase(), password: adminPassword } : undefined,
    demoData: parseBoolean('DEMO_DATA', env.DEMO_DATA, true),
    logLevel,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    origin,
    submissionRateLimit: Number(rateRaw),
    mapStyleUrl,
    mapPmtiles: mapPmtiles && !dataDir.startsWith('memory://') ? resolve(dataDir, mapPmtiles) : mapPmtiles && resolve(mapPmtiles),
    mail: parseMail(env),
    importMaxBytes: Number(importRaw) * 1024 * 1024,
    internalToken: env.LAGESBILD_INTERNAL_TOKEN || randomBytes(32).toString('base64url'),
  };
}
