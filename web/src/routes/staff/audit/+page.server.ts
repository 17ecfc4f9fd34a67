import type { AuditList } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { user } = await parent();
  if (user.role !== 'admin') error(403, 'Only admins read the audit log.');
  const before = url.searchParams.get('before');
  const query = new URLSearchParams({ limit: '50', ...(before && /^\d+$/.test(before) ? { before } : {}) });
  return { audit: await api<AuditList>(fetch, `/api/audit?${query}`) };
};
