import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './errors';

interface Problem {
  path: string;
  message: string;
}

// A lone high surrogate (not followed by a low one) or a lone low one (not after a high one).
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_PROBLEMS = 20;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'must not contain an unpaired surrogate (not valid Unicode text)';
  return undefined;
}

/**
 * Every string in `value` (and every property name) that the database cannot store: PostgreSQL
 * text refuses NUL, and JSON columns refuse both NUL and unpaired surrogates. Iterative, in
 * document order; the JSON parser has already bounded the depth.
 */
function unstorableText(value: unknown, root: string): Problem[] {
  const problems: Problem[] = [];
  const stack: [unknown, string][] = [[value, root]];
  for (let next = stack.pop(); next && problems.length < MAX_PROBLEMS; next = stack.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      const message = problemOf(item);
      if (message) problems.push({ path, message });
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], `${path}.${i}`]);
    } else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) {
      for (const [key, child] of Object.entries(item as Record<string, unknown>).reverse()) {
        const keyProblem = problemOf(key);
        // The name itself cannot be quoted in the path: it is the unprintable part.
        if (keyProblem) problems.push({ path, message: `has a property name that ${keyProblem}` });
        else stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return problems;
}

/**
 * One rule for all text input, before any route's schema or handler sees it: a NUL or an
 * unpaired surrogate anywhere in the JSON body, the query or the path parameters is 400
 * VALIDATION_FAILED naming the field, the shape schema validation answers with. Without it such
 * strings reached PostgreSQL and came back as 500s.
 */
export const textInputPlugin = fp(
  async (app) => {
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const problems = [
        ...unstorableText(request.params, 'params'),
        ...unstorableText(request.query, 'query'),
        ...(request.routeOptions.config.rawBody ? [] : unstorableText(request.body, 'body')),
      ];
      const first = problems[0];
      if (first) throw new HttpError(400, 'VALIDATION_FAILED', `${first.path} ${first.message}`, { details: problems });
    });
  },
  { name: 'text-input' },
);
