import type { NamedPlace, PlaceList } from '@lagesbild/shared';
import { fail } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { user } = await parent();
  return { list: await api<PlaceList>(fetch, '/api/places'), canEdit: user.role !== 'official' };
};

/** "57,1856" and "57.1856" alike (Swedish keyboards write a decimal comma). */
function coordinate(form: FormData, name: string): number | undefined {
  const value = text(form, name).replace(',', '.');
  if (value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function placeOf(form: FormData) {
  return { name: text(form, 'name'), lat: coordinate(form, 'lat'), lon: coordinate(form, 'lon') };
}

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const place = placeOf(await request.formData());
    const target = 'new';
    if (place.lat === undefined || place.lon === undefined) {
      return fail(400, { target, message: 'lat/lon', details: [{ path: 'body.lat', message: 'missing' }], values: place });
    }
    const result = await attempt(() => api<NamedPlace>(fetch, '/api/places', { method: 'POST', body: place }), { target, values: place });
    return result.ok ? { created: result.value.name } : result.failure;
  },
  update: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = raw(form, 'id');
    const place = placeOf(form);
    if (place.lat === undefined || place.lon === undefined) {
      return fail(400, { target: id, message: 'lat/lon', details: [{ path: 'body.lat', message: 'missing' }], values: place });
    }
    const result = await attempt(() => api<NamedPlace>(fetch, `/api/places/${encodeURIComponent(id)}`, { method: 'PATCH', body: place }), {
      target: id,
      values: place,
    });
    return result.ok ? { updated: id } : result.failure;
  },
  remove: async ({ request, fetch }) => {
    const id = raw(await request.formData(), 'id');
    const result = await attempt(() => api(fetch, `/api/places/${encodeURIComponent(id)}`, { method: 'DELETE', body: {} }), { target: id });
    return result.ok ? { removed: id } : result.failure;
  },
};
