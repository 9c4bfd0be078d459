// ESLint flat config: type-checked rules plus the layer boundaries of docs/style.md §2.3.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const folders = ['lib', 'domain', 'protocol', 'storage', 'sync', 'features', 'ui', 'app', 'server'];

/** Each feature folder is its own island (§2.3 "another feature's files"): read, not listed, so new ones count. */
const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** Why each row of docs/style.md §2.3 holds: every message says it. */
const why = {
  lib: 'lib is the base every other layer, client and server, builds on: it may use zod only',
  domain:
    'domain holds pure business rules that client and server both run: no UI, storage or server code, no DOM or Node globals',
  protocol: 'protocol is the wire contract that client and server both compile: it may use lib, domain and zod only',
  storage:
    'storage is the Dexie layer under sync and the screens: it knows nothing of React, sync, screens or the server',
  sync: 'sync runs outside React, under the screens, and reaches the server only over HTTP (protocol)',
  features:
    'a feature is one screen area: it may use the layers below and ui, never another feature (move shared code down into ui, storage or domain) nor server code (the server is reached over HTTP)',
  ui: 'ui is shared presentation: storage and sync reach it through services (app/create-services.ts), so it may use their types only, and never features, app or the server',
  app: 'app wires the client together; the server is a separate Node program, reached over HTTP',
  server:
    'the server is a Node program: it shares lib, domain and protocol with the client, never client code or browser packages',
};
const msg = (row, what) => `src/${row} must not import ${what}: ${why[row]} (docs/style.md §2.3).`;

/** Import patterns that reach a src folder, from any depth. */
const folderPatterns = (names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`, `@/${n}/**`]);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A package pattern ('react', 'react-dom/*', 'node:*') as a RegExp source over an import path. */
const packageRegex = (p) =>
  p.endsWith('/*') || p.endsWith(':*') ? `^${escape(p.slice(0, -1))}` : `^${escape(p)}(\\/|$)`;
/** A regex literal for an esquery attribute selector. */
const selectorRegex = (sources) => `/${sources.map((r) => `(?:${r})`).join('|')}/`;

/**
 * `no-restricted-imports` does not see `import('…')`: the same bans as `no-restricted-syntax`
 * selectors over ImportExpression (the lazy screens in app/app.tsx are the legal use).
 */
function dynamicImportBans(row, { folderSources = [], packages = [] }) {
  const sources = [...folderSources, ...packages.map(packageRegex)];
  if (!sources.length) return [];
  return [
    {
      selector: `ImportExpression[source.value=${selectorRegex(sources)}]`,
      message: `src/${row} must not import() that module: ${why[row]} (docs/style.md §2.3).`,
    },
  ];
}
/** The src folders in `names`, reached from any depth: `../server`, `../../server/x`. */
const folderSources = (names) => (names.length ? [`(^|\\/)(${names.join('|')})(\\/|$)`] : []);

/**
 * lib, domain and protocol: ES builtins only. Every browser, worker and Node global is switched off
 * (`languageOptions.globals`), and, because typescript-eslint turns `no-undef` off for TypeScript
 * (and the tsconfig's DOM lib declares `window` anyway), also banned by `no-restricted-globals`.
 * That includes timers, `crypto` and `performance`: pure code gets time and IDs as parameters
 * (`Clock`, `IdGenerator`, §2.6). lib alone may touch `crypto`: lib/ids.ts `randomIds` is the one
 * real IdGenerator, as lib/clock.ts `systemClock` is the one reader of `Date.now()`.
 */
const hostGlobals = [
  ...new Set(
    ['browser', 'worker', 'serviceworker', 'sharedWorker', 'node', 'nodeBuiltin', 'commonjs']
      .flatMap((env) => Object.keys(globals[env]))
      .filter((name) => !(name in globals.builtin)),
  ),
  // An ES builtin, but the way round the list above (globalThis.window).
  'globalThis',
].sort();
function pureGlobals(row, allowed = []) {
  const banned = hostGlobals.filter((name) => !allowed.includes(name));
  return {
    languageOptions: { globals: Object.fromEntries(banned.map((name) => [name, 'off'])) },
    rules: {
      'no-restricted-globals': [
        'error',
        ...banned.map((name) => ({
          name,
          message: `src/${row} must not use the host global ${name}: lib, domain and protocol run unchanged in the browser and in Node, so host APIs (DOM, Node, timers, the clock) come in as parameters (docs/style.md §2.3, §2.6).`,
        })),
      ],
    },
  };
}
/** Domain and protocol do not read the clock or chance: `Clock` and `IdGenerator` are passed in (§2.6). */
const clockBans = [
  ["CallExpression[callee.object.name='Date'][callee.property.name='now']", 'Date.now()'],
  ["NewExpression[callee.name='Date'][arguments.length=0]", 'new Date()'],
  ["CallExpression[callee.name='Date']", 'Date()'],
  ["CallExpression[callee.object.name='Math'][callee.property.name='random']", 'Math.random()'],
].map(([selector, what]) => ({
  selector,
  message: `${what} reads the clock or chance: domain rules take a Clock or IdGenerator from lib as a parameter (docs/style.md §2.6).`,
}));

/**
 * One row of the table: files in `src/<row>` (or `files`) may not import the `folders` (type imports
 * of `typeFolders` are allowed), the `packages`, nor a package the `packagesExcept` regex does not
 * name; `import()` gets the same bans, and `syntax`/`extra` add row-specific rules.
 */
function boundary(
  row,
  {
    files = [`src/${row}/**/*.{ts,tsx}`],
    folders: banned = [],
    typeFolders = [],
    packages = [],
    onlyPackages,
    moreImportPatterns = [],
    moreDynamic = [],
    syntax = [],
    extra = {},
  },
) {
  const patterns = [
    ...(banned.length ? [{ group: folderPatterns(banned), message: msg(row, banned.join(', ')) }] : []),
    ...(typeFolders.length
      ? [
          {
            group: folderPatterns(typeFolders),
            allowTypeImports: true,
            message: msg(row, `${typeFolders.join(', ')} (except \`import type\`)`),
          },
        ]
      : []),
    ...(packages.length ? [{ group: packages, message: msg(row, packages.join(', ')) }] : []),
    ...(onlyPackages
      ? [
          {
            // Any bare specifier (node:* included) other than the allowed packages.
            regex: `^(?![.]|(${onlyPackages.map(escape).join('|')})(/|$))`,
            message: msg(row, `packages other than ${onlyPackages.join(', ')}`),
          },
        ]
      : []),
    ...moreImportPatterns,
  ];
  return {
    files,
    ...(extra.languageOptions ? { languageOptions: extra.languageOptions } : {}),
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': [
        'error',
        ...(onlyPackages
          ? [
              // Pure code loads nothing lazily: any import() would hide a dependency from the rule above.
              { selector: 'ImportExpression', message: msg(row, 'anything with import()') },
            ]
          : dynamicImportBans(row, { folderSources: folderSources([...banned, ...typeFolders]), packages })),
        ...moreDynamic,
        ...syntax,
      ],
      ...extra.rules,
    },
  };
}

const others = (...allowed) => folders.filter((f) => !allowed.includes(f));

/**
 * Files of feature `name` may not import another feature: `../roster/use-roster` or, from deeper,
 * `…/features/roster/…`. One override per feature, carrying the features row as well (a later
 * `no-restricted-imports` setting replaces an earlier one, it does not add to it).
 */
function featureBoundary(name, row) {
  const rest = features.filter((f) => f !== name);
  if (!rest.length) return boundary('features', { ...row, files: [`src/features/${name}/**/*.{ts,tsx}`] });
  const message = `src/features/${name} must not import another feature (${rest.join(', ')}): ${why.features} (docs/style.md §2.3).`;
  return boundary('features', {
    ...row,
    files: [`src/features/${name}/**/*.{ts,tsx}`],
    moreImportPatterns: [
      { group: rest.flatMap((f) => [`../${f}`, `../${f}/**`, `**/features/${f}`, `**/features/${f}/**`]), message },
    ],
    moreDynamic: [
      {
        selector: `ImportExpression[source.value=${selectorRegex([`^\\.\\.\\/(${rest.join('|')})(\\/|$)`, `(^|\\/)features\\/(${rest.join('|')})(\\/|$)`])}]`,
        message,
      },
    ],
  });
}

/**
 * The server's own files may be called like client folders (src/server/app.ts), so its ban is
 * written per depth: only a path that climbs out of src/server reaches a client folder.
 */
function serverBoundary(banned, packages) {
  return [1, 2, 3, 4].map((depth) => {
    const up = '../'.repeat(depth);
    return boundary('server', {
      files: [`src/server/${'*/'.repeat(depth - 1)}*.ts`],
      packages,
      moreImportPatterns: [
        { group: banned.flatMap((n) => [`${up}${n}`, `${up}${n}/**`]), message: msg('server', banned.join(', ')) },
      ],
      moreDynamic: [
        {
          selector: `ImportExpression[source.value=${selectorRegex([`^(\\.\\.\\/){${depth}}(${banned.join('|')})(\\/|$)`])}]`,
          message: `src/server must not import() client code: ${why.server} (docs/style.md §2.3).`,
        },
      ],
    });
  });
}
/** React and the browser-only packages: only features, ui and app render. */
const reactPackages = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-router',
  'react-router/*',
  'dexie-react-hooks',
  'react-hook-form',
  '@hookform/*',
  '@tanstack/*',
  'html5-qrcode',
  'workbox-window',
];
const uiPackages = [...reactPackages, 'dexie'];
const serverPackages = ['hono', 'hono/*', '@hono/*', 'kysely', 'better-sqlite3', 'pg', '@node-rs/*', 'node:*'];
/** Test tooling, which the *.test.ts files next to pure code use. */
const testPackages = ['vitest', 'fast-check'];
/** The features row; featureBoundary adds "no other feature" to it once per feature folder. */
const featuresRow = { folders: ['server', 'app'], packages: serverPackages };

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'data', 'public', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.ts', '.eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.tsx', 'src/features/**/*.ts', 'src/ui/**/*.ts', 'src/app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // One override per row of docs/style.md §2.3 (features: one per feature folder).
  boundary('lib', {
    folders: others('lib'),
    onlyPackages: ['zod', ...testPackages],
    extra: pureGlobals('lib', ['crypto']),
  }),
  boundary('domain', {
    folders: others('lib', 'domain'),
    onlyPackages: ['zod', ...testPackages],
    syntax: clockBans,
    extra: pureGlobals('domain'),
  }),
  boundary('protocol', {
    folders: others('lib', 'domain', 'protocol'),
    onlyPackages: ['zod', ...testPackages],
    syntax: clockBans,
    extra: pureGlobals('protocol'),
  }),
  boundary('storage', {
    folders: ['sync', 'features', 'ui', 'app', 'server'],
    packages: [...reactPackages, ...serverPackages],
  }),
  boundary('sync', { folders: ['features', 'ui', 'app', 'server'], packages: [...reactPackages, ...serverPackages] }),
  boundary('features', featuresRow),
  ...features.map((name) => featureBoundary(name, featuresRow)),
  // ui may use react, dexie-react-hooks (live queries over the injected db) and html5-qrcode
  // (ui/use-qr-scanner.ts, shared by the scanning screens and only reached from lazy chunks).
  boundary('ui', {
    folders: ['server', 'features', 'app'],
    typeFolders: ['storage', 'sync'],
    packages: serverPackages,
  }),
  boundary('app', { folders: ['server'], packages: serverPackages }),
  ...serverBoundary(['storage', 'sync', 'features', 'ui', 'app'], uiPackages),
  {
    // Tests of pure code run in Node (vitest's domain project) and may use its globals
    // (structuredClone, performance); the import bans above still hold for them.
    files: ['src/{lib,domain,protocol}/**/*.test.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/server/**/*.ts', 'tests/**/*.{ts,js}', '.ci/**/*.js', '*.config.{js,ts}'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
