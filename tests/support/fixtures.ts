import type { FastifyInstance } from 'fastify';
import { must, type AgencyKind, type Role } from '@lagesbild/shared';
import { hashPassword } from '../../server/src/lib/password';

/** testConfig's listen origin (localhost:3000): the one the CSRF check accepts without ORIGIN. */
export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct horse battery staple';

export interface TestCollaboration {
  id: string;
  slug: string;
  agencies: Record<'municipality' | 'police', string>;
}

let passwordHash: Promise<string> | undefined;

export async function createCollaboration(app: FastifyInstance, slug: string): Promise<TestCollaboration> {
  const collaboration = await app.db
    .insertInto('collaboration')
    .values({ slug, name: `Samverkan ${slug}`, police_district: `Lokalpolisområde ${slug}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const agencies = await app.db
    .insertInto('agency')
    .values([
      { collaboration_id: collaboration.id, kind: 'municipality', name: `${slug} kommun` },
      { collaboration_id: collaboration.id, kind: 'police', name: `Polisen ${slug}` },
    ])
    .returning(['id', 'kind'])
    .execute();
  const agencyId = (kind: AgencyKind) =>
    must(
      agencies.find((a) => a.kind === kind),
      `the ${kind} agency`,
    ).id;
  return { id: collaboration.id, slug, agencies: { municipality: agencyId('municipality'), police: agencyId('police') } };
}

export async function createUser(
  app: FastifyInstance,
  collaboration: TestCollaboration,
  options: { email: string; role: Role; agency?: 'municipality' | 'police'; status?: 'active' | 'disabled' | 'invited' },
): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  const row = await app.db
    .insertInto('app_user')
    .values({
      collaboration_id: collaboration.id,
      agency_id: collaboration.agencies[options.agency ?? 'municipality'],
      email: options.email,
      display_name: options.email.split('@')[0] ?? options.email,
      role: options.role,
      status: options.status ?? 'active',
      password_hash: options.status === 'invited' ? null : await passwordHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Logs in through the API and returns the Cookie header value to send with later requests. */
export async function loginAs(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: ORIGIN }, payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lb_session');
  if (!cookie) throw new Error('no session cookie');
  return `lb_session=${cookie.value}`;
}

/** A square boundary around Värnamo, so the demo survey's named places fall inside it. */
export async function createVarnamoBoundary(app: FastifyInstance, collaboration: TestCollaboration): Promise<string> {
  const ring = [
    [13.9, 57.1],
    [14.2, 57.1],
    [14.2, 57.3],
    [13.9, 57.3],
    [13.9, 57.1],
  ];
  const row = await app.db
    .insertInto('area')
    .values({
      collaboration_id: collaboration.id,
      name: 'Värnamo kommun',
      kind: 'boundary',
      geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
      bbox: [13.9, 57.1, 14.2, 57.3],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
