import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/**
 * How deeply a JSON value may nest. Every body and import item the API reads is far shallower
 * (a MultiPolygon in a FeatureCollection is 9 levels), while thousands of levels make any
 * recursive walk over the value (JSON.stringify, structuredClone, flattening) overflow the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests deeper than `max`, read without parsing it (brackets in strings do not count). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > max) return true;
    } else if (c === ']' || c === '}') depth--;
  }
  return false;
}

export function tooDeepMessage(what: string): string {
  return `${what} nests more than ${MAX_JSON_DEPTH} levels deep.`;
}

/**
 * Fastify's own JSON parser (with its prototype-poisoning checks), preceded by the depth check,
 * so a deeply nested body is refused before anything parses or walks it.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new HttpError(400, 'JSON_TOO_DEEP', tooDeepMessage('The JSON body')), undefined);
      return;
    }
    // The default parser answers through `done`; its type also allows a promise-returning parser.
    void parse(request, body, done);
  });
}
