import type { ErrorBody, ImportProgress, ImportResult } from '@lagesbild/shared';

/**
 * Sends a file straight to POST /api/imports with XMLHttpRequest, for the two honest halves of
 * a progress bar: the upload (the server reads and checks rows as the bytes arrive, so this is
 * also the reading), then the rows being written, streamed back as NDJSON lines.
 */
export type UploadEvent =
  { phase: 'upload'; sent: number; total: number } | ({ phase: 'writing' | 'assigning' | 'reading' } & Omit<ImportProgress, 'phase'>);

export type UploadOutcome = { ok: true; result: ImportResult } | { ok: false; status: number; error: ErrorBody };

export function uploadImport(query: string, file: File, onEvent: (event: UploadEvent) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/imports?${query}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/x-ndjson, application/json');
    let seen = 0;
    let outcome: UploadOutcome | undefined;
    const readLines = () => {
      if (!(xhr.getResponseHeader('content-type') ?? '').includes('ndjson')) return;
      const text = xhr.responseText;
      let end = text.indexOf('\n', seen);
      while (end !== -1) {
        const line = text.slice(seen, end).trim();
        seen = end + 1;
        end = text.indexOf('\n', seen);
        if (!line) continue;
        const message = JSON.parse(line) as
          | ({ type: 'progress' } & ImportProgress)
          | { type: 'result'; result: ImportResult }
          | { type: 'error'; status: number; body: ErrorBody };
        if (message.type === 'progress') onEvent({ ...message, phase: message.phase });
        else if (message.type === 'result') outcome = { ok: true, result: message.result };
        else outcome = { ok: false, status: message.status, error: message.body };
      }
    };
    xhr.upload.onprogress = (e) => onEvent({ phase: 'upload', sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onprogress = readLines;
    xhr.onload = () => {
      readLines();
      if (outcome) return resolve(outcome);
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 200 && body) return resolve({ ok: true, result: body as ImportResult });
      resolve({
        ok: false,
        status: xhr.status,
        error: (body as ErrorBody | undefined) ?? { error: `HTTP_${xhr.status}`, message: xhr.statusText || 'The import failed.' },
      });
    };
    xhr.onerror = () =>
      resolve({
        ok: false,
        status: 0,
        error: { error: 'NETWORK', message: 'The connection broke off before the answer came: see the list of imports for what happened.' },
      });
    xhr.send(file);
  });
}
