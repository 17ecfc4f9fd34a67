import { questionTypes, type SurveyDetail, type SurveyQuestion } from '@lagesbild/shared';
import { fail } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';
import { defaultsFor, questionFromForm, slugOf } from './question-form';

export const load: PageServerLoad = async ({ fetch, params, parent }) => {
  const { user } = await parent();
  const survey = await orNotFound(() => api<SurveyDetail>(fetch, `/api/surveys/${encodeURIComponent(params.id)}`));
  return { survey, canEdit: user.role !== 'official' };
};

type Fetch = typeof fetch;

/**
 * Every edit is "take the questions as they are, change one thing, save them all": the API
 * checks the whole questionnaire and refuses a stale version (409), so two coordinators
 * editing at once cannot overwrite each other unnoticed.
 */
async function change(
  fetch: Fetch,
  id: string,
  form: FormData,
  edit: (questions: SurveyQuestion[]) => SurveyQuestion[] | string,
  index: number | 'new',
) {
  const version = Number(form.get('version'));
  const survey = await api<SurveyDetail>(fetch, `/api/surveys/${encodeURIComponent(id)}`);
  const edited = edit(structuredClone(survey.current.questions));
  if (typeof edited === 'string') return fail(400, { index, message: edited, details: [] });
  const result = await attempt(
    () =>
      api<SurveyDetail>(fetch, `/api/surveys/${encodeURIComponent(id)}/questions`, { method: 'PUT', body: { version, questions: edited } }),
    { index },
  );
  if (!result.ok) return result.failure;
  return { saved: index, version: result.value.current.version };
}

function indexOf(form: FormData): number {
  return Number(form.get('index'));
}

export const actions: Actions = {
  rename: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const result = await attempt(
      () =>
        api<SurveyDetail>(fetch, `/api/surveys/${encodeURIComponent(params.id)}`, {
          method: 'PATCH',
          body: { name: text(form, 'name') },
        }),
      { index: 'name' as const },
    );
    return result.ok ? { renamed: true } : result.failure;
  },

  save: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const index = indexOf(form);
    return change(
      fetch,
      params.id,
      form,
      (questions) => {
        if (!questions[index]) return 'The question is gone; reload the page.';
        questions[index] = questionFromForm(form);
        return questions;
      },
      index,
    );
  },

  add: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const type = raw(form, 'type');
    if (!(questionTypes as readonly string[]).includes(type))
      return fail(400, { index: 'new' as const, message: 'Choose a type.', details: [] });
    const sv = text(form, 'label_sv');
    const en = text(form, 'label_en');
    return change(
      fetch,
      params.id,
      form,
      (questions) => {
        // A readable id from the Swedish text, made unique; the coordinator may change it later.
        const base = text(form, 'id') || slugOf(sv, 30).replace(/^[^a-z]+/, '') || 'q';
        let id = base;
        for (let n = 2; questions.some((q) => q.id === id); n++) id = `${base}_${n}`;
        questions.push({
          id,
          type: type as SurveyQuestion['type'],
          required: false,
          label: { sv, ...(en ? { en } : {}) },
          ...defaultsFor(type as SurveyQuestion['type']),
        });
        return questions;
      },
      'new',
    );
  },

  move: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const index = indexOf(form);
    const to = index + (form.get('direction') === 'up' ? -1 : 1);
    return change(
      fetch,
      params.id,
      form,
      (questions) => {
        const moving = questions[index];
        const other = questions[to];
        if (!moving || !other) return 'The question cannot move further.';
        [questions[index], questions[to]] = [other, moving];
        return questions;
      },
      index,
    );
  },

  remove: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const index = indexOf(form);
    return change(fetch, params.id, form, (questions) => questions.filter((_, i) => i !== index), index);
  },

  publish: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const result = await attempt(
      () =>
        api<SurveyDetail>(fetch, `/api/surveys/${encodeURIComponent(params.id)}/publish`, {
          method: 'POST',
          body: { version: Number(form.get('version')) },
        }),
      { index: 'publish' as const },
    );
    return result.ok ? { published: result.value.current.version } : result.failure;
  },

  discard: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const result = await attempt(
      () =>
        api<SurveyDetail>(fetch, `/api/surveys/${encodeURIComponent(params.id)}/discard-draft`, {
          method: 'POST',
          body: { version: Number(form.get('version')) },
        }),
      { index: 'publish' as const },
    );
    return result.ok ? { discarded: true } : result.failure;
  },
};
