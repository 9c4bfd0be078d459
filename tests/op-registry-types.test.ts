// The op registry is checked by the compiler (docs/protocol.md "Adding an op type"): each case
// type-checks the whole client program through the project's own tsconfig.json, with the
// registry file changed in memory as someone adding an op might leave it, and expects tsc to
// name the place that was forgotten.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const registryPath = path.join(root, 'src/protocol/op-registry.ts');

const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
if (!config) throw new Error('tsconfig.json could not be read');
const parsedConfig = config;

/** The files tsc reports errors in (relative to the repo), with the registry's text changed by `edit`. */
function errorsWith(edit: (registry: string) => string): Map<string, string[]> {
  const host = ts.createCompilerHost(parsedConfig.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (path.resolve(fileName) !== registryPath) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    const edited = edit(ts.sys.readFile(registryPath) ?? '');
    return ts.createSourceFile(fileName, edited, languageVersion);
  };
  const program = ts.createProgram({ rootNames: parsedConfig.fileNames, options: parsedConfig.options, host });
  const errors = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? path.relative(root, d.file.fileName) : '(program)';
    errors.set(file, [...(errors.get(file) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return errors;
}

/** Adds an entry to the registry object, before its closing `} as const satisfies`. */
const addEntry = (entry: string) => (registry: string) => {
  const end = registry.indexOf('} as const satisfies Record<string, OpDefinition>;');
  if (end < 0) throw new Error('the registry object was not found: the test must follow the file');
  return `${registry.slice(0, end)}  ${entry}\n${registry.slice(end)}`;
};

describe('the op registry is checked by the compiler', () => {
  test('the registry as it is compiles', () => {
    expect([...errorsWith((text) => text).keys()]).toEqual([]);
  }, 120_000);

  test('an op type without its case in the family reducer, and without its texts, fails to compile', () => {
    const errors = errorsWith(
      addEntry(
        "'beneficiary.merge': { family: 'beneficiary', version: 1, roles: ['supervisor'], payload: setStatusPayloadSchema },",
      ),
    );
    // The family's domain reducer does not take it (FamilyOpsAccepted) …
    expect(errors.get('src/protocol/op-registry.ts')?.join('\n')).toMatch(/not assignable to type 'never'/u);
    // … nor does the device's apply (storage/local-ops.ts) …
    expect(errors.get('src/storage/local-ops.ts')?.join('\n')).toMatch(/beneficiary\.merge/u);
    // … and the catalogue lacks its label (the English one has the Vietnamese one's shape).
    expect(errors.get('src/ui/messages.vi.ts')?.join('\n')).toMatch(/beneficiary\.merge/u);
  }, 120_000);

  test('an op type without roles (or without a version) fails to compile', () => {
    const errors = errorsWith(
      addEntry("'beneficiary.merge': { family: 'beneficiary', version: 1, payload: setStatusPayloadSchema },"),
    );
    expect(errors.get('src/protocol/op-registry.ts')?.join('\n')).toMatch(/roles/u);
    const noVersion = errorsWith(
      addEntry(
        "'payment.refund': { family: 'payment-line', roles: ['supervisor'], payload: paymentVoidPayloadSchema },",
      ),
    );
    expect(noVersion.get('src/protocol/op-registry.ts')?.join('\n')).toMatch(/version/u);
  }, 120_000);
});
