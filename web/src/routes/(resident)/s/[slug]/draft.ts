import type { SubmitResponseBody, SubmittedPin } from '@lagesbild/shared';

/** A pin as the editor holds it; becomes a SubmittedPin when sent. */
export interface DraftPin {
  lat?: number;
  lon?: number;
  placeId?: string;
  placeDescription?: string;
  category: string;
  times: string[];
  comment: string;
}

export interface Draft {
  answers: Record<string, unknown>;
  pins: DraftPin[];
}

const draftKey = (slug: string) => `lagesbild-draft-${slug}`;

/** Progress survives a reload, a language switch or a flat battery; it stays on this phone only. */
export function loadDraft(slug: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(draftKey(slug));
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(slug: string, draft: Draft): void {
  try {
    localStorage.setItem(draftKey(slug), JSON.stringify(draft));
  } catch {
    // Private browsing or a full disk: the survey still works, it just is not kept.
  }
}

export function clearDraft(slug: string): void {
  localStorage.removeItem(draftKey(slug));
}

export function toSubmittedPin(pin: DraftPin): SubmittedPin {
  const where =
    pin.lat !== undefined && pin.lon !== undefined
      ? { lat: pin.lat, lon: pin.lon }
      : pin.placeId
        ? { placeId: pin.placeId }
        : { placeDescription: pin.placeDescription?.trim() ?? '' };
  return {
    ...where,
    category: pin.category as SubmittedPin['category'],
    times: pin.times as SubmittedPin['times'],
    ...(pin.comment.trim() ? { comment: pin.comment.trim() } : {}),
  };
}

/** Drops empty answers so that optional questions left blank are simply not sent. */
export function cleanAnswers(answers: Record<string, unknown>, shown: (id: string) => boolean): SubmitResponseBody['answers'] {
  return Object.fromEntries(
    Object.entries(answers).filter(([id, value]) => {
      if (!shown(id)) return false;
      if (value === undefined || value === null || value === '') return false;
      if (Array.isArray(value)) return value.length > 0;
      if (typeof value === 'object') return Object.keys(value).length > 0;
      return true;
    }),
  ) as SubmitResponseBody['answers'];
}
