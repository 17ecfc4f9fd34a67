import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { must } from '@lagesbild/shared';

/** What `server/src/db/schema.ts` says of one column, as Kysely reads it. */
export interface DeclaredColumn {
  /** `null` is among the values a select returns; undefined where the select type is `unknown` (no claim). */
  nullable: boolean | undefined;
  /** An insert may leave the column out (Generated, or an insert type that allows undefined or never). */
  omittable: boolean;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const schemaDir = join(root, 'server/src/db');
const probePath = join(schemaDir, 'schema-drift-probe.ts');

// Kysely's own SelectType and Insertable decide, so ColumnType and Generated need no parsing here.
const probe = `
import type { Insertable, SelectType } from 'kysely';
import type { Database } from './schema';
type RequiredKeys<R> = { [K in keyof R]-?: {} extends Pick<R, K> ? never : K }[keyof R];
export type Probe = {
  [T in keyof Database]: {
    [C in keyof Database[T] & string]: \`\${unknown extends SelectType<Database[T][C]> ? 'unknown' : null extends SelectType<Database[T][C]> ? 'nullable' : 'non-null'} \${C extends RequiredKeys<Insertable<Database[T]>> ? 'required' : 'omittable'}\`;
  };
};
`;

/** Every table and column of the `Database` interface, read with the TypeScript compiler. */
export function declaredSchema(): Map<string, Map<string, DeclaredColumn>> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (path) => path === probePath || fileExists(path);
  host.readFile = (path) => (path === probePath ? probe : readFile(path));
  host.getSourceFile = (path, language, ...rest) =>
    path === probePath ? ts.createSourceFile(path, probe, language, true) : getSourceFile(path, language, ...rest);
  const program = ts.createProgram({ rootNames: [probePath], options: config.options, host });
  const errors = ts.getPreEmitDiagnostics(program, program.getSourceFile(probePath));
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, { ...host, getNewLine: () => '\n', getCanonicalFileName: (f) => f }));

  const checker = program.getTypeChecker();
  const source = must(program.getSourceFile(probePath), 'the probe source');
  const alias = must(
    source.statements.filter(ts.isTypeAliasDeclaration).find((s) => s.name.text === 'Probe'),
    'the Probe type',
  );
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const table of checker.getTypeAtLocation(alias.name).getProperties()) {
    const columns = new Map<string, DeclaredColumn>();
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      const described = checker.getTypeOfSymbol(column);
      if (!described.isStringLiteral())
        throw new Error(`${table.name}.${column.name}: ${checker.typeToString(described)} is not one description`);
      const [nullability, insert] = described.value.split(' ');
      columns.set(column.name, {
        nullable: nullability === 'unknown' ? undefined : nullability === 'nullable',
        omittable: insert === 'omittable',
      });
    }
    tables.set(table.name, columns);
  }
  return tables;
}
