import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import rule from './feature-repository-import.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RULE = 'owners/feature-repository-import';

// The rule alone, as eslint.config.js configures it, on code that is never written to disk.
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parser: ts.parser },
    plugins: { owners: { rules: { 'feature-repository-import': rule } } },
    rules: { [RULE]: ['error', { allow: ['audit/audit-repository'] }] },
  },
});

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('feature-repository-import', () => {
  it('refuses dialogues importing the walks repository, and says whose service to call', async () => {
    expect(
      await refusals('server/src/features/dialogues/dialogue-service.ts', "import { insertPoints } from '../walks/walk-repository.js';"),
    ).toEqual([
      `${RULE}: '../walks/walk-repository.js' is a repository, private to the walks feature: call that feature's service instead (or add the query there).`,
    ]);
  });

  it('refuses every way in: without extension, type-only, re-exports, dynamic imports, from a nested folder', async () => {
    const code = [
      "import * as walks from '../walks/walk-repository';",
      "import type { StopRow } from '../walks/walk-repository';",
      "export { pointsOf } from '../points/point-repository';",
      "export * from '../points/point-figures-repository';",
      "export const later = () => import('../areas/area-repository');",
    ].join('\n');
    expect(await refusals('server/src/features/dialogues/dialogue-service.ts', code)).toHaveLength(5);
    expect(
      await refusals('server/src/features/demo/generator/areas.ts', "import { listAreas } from '../../areas/area-repository';"),
    ).toHaveLength(1);
  });

  it("lets a feature import its own repository, other features' services, and the shared audit log", async () => {
    const code = [
      "import * as dialogues from './dialogue-repository.js';",
      "import * as pointStore from '../points/point-service';",
      "import { recordAudit } from '../audit/audit-repository';",
      "import type { Database } from '../../db/schema';",
      'export { dialogues, pointStore, recordAudit };',
      'export type { Database };',
    ].join('\n');
    expect(await refusals('server/src/features/dialogues/dialogue-service.ts', code)).toEqual([]);
    expect(await refusals('server/src/features/demo/generator/areas.ts', "import { seedDemo } from '../seed-demo-repository';")).toEqual(
      [],
    );
  });

  it('leaves code outside the features alone (tests and scripts may read any table)', async () => {
    expect(await refusals('tests/api/walks.test.ts', "import * as walks from '../../server/src/features/walks/walk-repository';")).toEqual(
      [],
    );
  });

  it('is switched on for every feature file by eslint.config.js', async () => {
    const project = new ESLint({ cwd: root });
    const config = (await project.calculateConfigForFile('server/src/features/dialogues/dialogue-service.ts')) as {
      rules: Record<string, unknown>;
    };
    expect(config.rules[RULE]).toEqual([2, { allow: ['audit/audit-repository'] }]);
  });
});
