import {
  coordinateSystems,
  importAreaKinds,
  importDelimiters,
  importEncodings,
  importFormats,
  importSources,
  mappingFields,
  type ImportList,
  type ImportPreview,
  type ImportResult,
  type ImportTemplate,
  type ImportTemplateList,
} from '@lagesbild/shared';
import { error, fail } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { ApiError, api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

/**
 * Imports: upload, preview with the column mapping, run, and the list of past imports. With
 * JavaScript the file itself goes straight to POST /api/imports (progress, any size up to the
 * limit); these actions serve the preview, templates, undo, and imports of small files without it.
 */
export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Only coordinators and admins import data.');
  const [list, templates] = await Promise.all([
    api<ImportList>(fetch, '/api/imports?limit=50'),
    api<ImportTemplateList>(fetch, '/api/imports/templates'),
  ]);
  return {
    imports: list.imports,
    templates: templates.templates,
    maxMb: Number(env.IMPORT_MAX_MB || 200),
    isPolice: user.agency.kind === 'police',
  };
};

const ENUMS: Record<string, readonly string[]> = {
  format: [...importFormats, 'auto'],
  source: importSources,
  encoding: importEncodings,
  delimiter: importDelimiters,
  crs: coordinateSystems,
  kind: importAreaKinds,
};
const TEXT = ['sourceName', 'templateId', 'nameField', ...mappingFields] as const;

/** The form's choices as the API's query: known fields only, empty ones left out. */
function choices(form: FormData): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(ENUMS)) {
    const value = raw(form, name);
    if (allowed.includes(value)) query[name] = value;
  }
  for (const name of TEXT) {
    const value = text(form, name);
    if (value) query[name] = value.slice(0, 200);
  }
  if (form.get('strict') === 'on') query.strict = 'true';
  return query;
}

/** Sends a file to an upload route of the API (raw body, like the browser does). */
async function sendFile<T>(fetch: typeof globalThis.fetch, path: string, file: File): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: await file.arrayBuffer(),
  });
  const body = (await response.json()) as T & { error?: string; message?: string; details?: { path: string; message: string }[] };
  if (!response.ok)
    throw new ApiError(response.status, {
      error: body.error ?? 'HTTP',
      message: body.message ?? response.statusText,
      ...(body.details ? { details: body.details } : {}),
    });
  return body;
}

function fileOf(form: FormData): File | undefined {
  const file = form.get('file');
  return file instanceof File && file.size > 0 ? file : undefined;
}

export const actions: Actions = {
  preview: async ({ request, fetch }) => {
    const form = await request.formData();
    const query = choices(form);
    const file = fileOf(form);
    if (!file) return fail(400, { message: 'Choose a file.', details: [], values: query });
    const params = new URLSearchParams(query);
    params.delete('strict');
    if (query.format === 'auto') params.delete('format');
    const result = await attempt(() => sendFile<ImportPreview>(fetch, `/api/imports/preview?${params}`, file), { values: query });
    if (!result.ok) return result.failure;
    return { preview: result.value, values: query, fileName: file.name };
  },

  saveTemplate: async ({ request, fetch }) => {
    const form = await request.formData();
    const query = choices(form);
    const name = query.sourceName;
    const format = query.format && query.format !== 'auto' ? query.format : raw(form, 'previewFormat');
    if (!name)
      return fail(400, {
        message: 'Give the sender a name: the template is saved under it.',
        details: [{ path: 'body.name', message: 'required' }],
        values: query,
      });
    if (!importFormats.includes(format as never)) return fail(400, { message: 'Preview the file first.', details: [], values: query });
    const options: Record<string, string> = {};
    for (const key of ['encoding', 'delimiter', 'crs', 'kind', 'nameField', ...mappingFields] as const) {
      const value = query[key];
      if (value) options[key] = value;
    }
    const body = { name, format, ...(query.source ? { source: query.source } : {}), options };
    const result = await attempt(() => api<ImportTemplate>(fetch, '/api/imports/templates', { method: 'POST', body }), { values: query });
    if (!result.ok) return result.failure;
    return { template: result.value, values: { ...query, templateId: result.value.id } };
  },

  run: async ({ request, fetch }) => {
    const form = await request.formData();
    const query = choices(form);
    const file = fileOf(form);
    if (!file) return fail(400, { message: 'Choose the file again.', details: [], values: query });
    const format = query.format && query.format !== 'auto' ? query.format : raw(form, 'previewFormat');
    if (!importFormats.includes(format as never)) return fail(400, { message: 'Preview the file first.', details: [], values: query });
    const params = new URLSearchParams({ ...query, format, fileName: file.name.slice(0, 255) });
    const result = await attempt(() => sendFile<ImportResult>(fetch, `/api/imports?${params}`, file), { values: query });
    if (!result.ok) return result.failure;
    return { result: result.value, values: query };
  },

  undo: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = raw(form, 'id');
    const result = await attempt(() =>
      api<ImportResult>(fetch, `/api/imports/${encodeURIComponent(id)}/undo`, { method: 'POST', body: {} }),
    );
    if (!result.ok) return result.failure;
    return { undone: result.value.id };
  },
};
