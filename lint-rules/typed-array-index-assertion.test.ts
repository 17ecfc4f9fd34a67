import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { afterAll, expect, it } from 'vitest';
import rule from './typed-array-index-assertion.js';

const dir = mkdtempSync(join(tmpdir(), 'lagesbild-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each line that ends in `// refused` must be reported, and no other.
const code = `
export function sums(xs: Float64Array, hist: Uint32Array, like: ArrayLike<number>, either: Float64Array | Int32Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]! + like[i]! + either[i]!;
  hist[0]!++;
  return s;
}
export function others(list: number[], names: ArrayLike<string>, m: Map<string, number>, xs: Float64Array, o: { a?: number }): number {
  const a = list[0]!; // refused
  const b = names[0]!.length; // refused
  const c = m.get('a')!; // refused
  const d = xs.at(0)!; // refused
  return a + b + c + d + o.a!; // refused
}
`;

it('allows `!` on typed-array elements only', async () => {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noUncheckedIndexedAccess: true, lib: ['ES2023'], types: [] } }),
  );
  writeFileSync(join(dir, 'hot.ts'), code);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parser: ts.parser, parserOptions: { projectService: true, tsconfigRootDir: dir } },
      plugins: { local: { rules: { 'typed-array-index-assertion': rule } } },
      rules: { 'local/typed-array-index-assertion': 'error' },
    },
  });
  const [result] = await eslint.lintFiles(['hot.ts']);
  const refused = code.split('\n').flatMap((line, i) => (line.endsWith('// refused') ? [i + 1] : []));
  expect(result?.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(refused.map((line) => `${line} local/typed-array-index-assertion`));
});
