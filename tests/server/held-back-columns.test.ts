// The held-back writes of a PostgreSQL commit group (src/server/services/group-flush.ts) list
// their columns in records tsc checks against the schema: a column added to a table must be a
// compile error until those writes set it, never a column silently left as it was.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schemaPath = path.join(root, 'src/server/db/schema.ts');

const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'src/server/tsconfig.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
if (!config) throw new Error('src/server/tsconfig.json could not be read');
const parsedConfig = config;

/** The files tsc reports errors in (relative to the repo), with the schema's text changed by `edit`. */
function errorsWith(edit: (schema: string) => string): Map<string, string[]> {
  const host = ts.createCompilerHost(parsedConfig.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (path.resolve(fileName) !== schemaPath) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    return ts.createSourceFile(fileName, edit(ts.sys.readFile(schemaPath) ?? ''), languageVersion);
  };
  // group-flush.ts and what it imports (op-log.ts among them), not the whole server: faster.
  const rootNames = [path.join(root, 'src/server/services/group-flush.ts')];
  const program = ts.createProgram({ rootNames, options: parsedConfig.options, host });
  const errors = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? path.relative(root, d.file.fileName) : '(program)';
    errors.set(file, [...(errors.get(file) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return errors;
}

/** Adds a column to the table type `name` in schema.ts. */
const addColumn = (name: string, column: string) => (schema: string) => {
  const start = schema.indexOf(`export type ${name} = {`);
  if (start < 0) throw new Error(`${name} was not found: the test must follow schema.ts`);
  const open = schema.indexOf('{', start) + 1;
  return `${schema.slice(0, open)}\n  ${column}: string;${schema.slice(open)}`;
};

describe('the held-back writes name every column', () => {
  test('the files as they are compile', () => {
    expect([...errorsWith((schema) => schema).keys()]).toEqual([]);
  }, 120_000);

  test('a column added to entities or ops is a compile error where the held-back rows are written', () => {
    const errors = errorsWith((schema) =>
      addColumn('OpsTable', 'added_op_column')(addColumn('EntitiesTable', 'added_entity_column')(schema)),
    );
    expect(errors.get('src/server/services/group-flush.ts')?.join('\n')).toMatch(/added_entity_column/u);
    // The op log's list is op-log.ts's, which group-flush.ts writes from.
    expect(errors.get('src/server/services/op-log.ts')?.join('\n')).toMatch(/added_op_column/u);
  }, 120_000);
});
