import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AuditEvent {
  collaborationId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Identifiers and counts only: never free text or personal data. */
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      collaboration_id: event.collaborationId,
      actor_user_id: event.actorUserId,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, collaborationId: string, limit: number, before?: string) {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('app_user as u', 'u.id', 'l.actor_user_id')
    .select([sql<string>`l.id::text`.as('id'), 'l.created_at', 'u.email as actor', 'l.action', 'l.target_type', 'l.target_id', 'l.details'])
    .where('l.collaboration_id', '=', collaborationId)
    .orderBy('l.id', 'desc')
    .limit(limit);
  if (before) query = query.where('l.id', '<', sql<string>`${before}::bigint`);
  return query.execute();
}
