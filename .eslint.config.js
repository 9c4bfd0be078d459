// ESLint flat config: type-checked rules plus the layer boundaries of STYLE.md §2.3.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const folders = ['lib', 'domain', 'protocol', 'storage', 'sync', 'features', 'ui', 'app', 'server'];

/** Import patterns that reach a src folder, from any depth. */
const folderPatterns = (names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`, `@/${n}/**`]);

/** One boundary: files in `from` may not import the listed folders or packages. */
function boundary(from, { folders: banned = [], packages = [] }) {
  return {
    files: [`src/${from}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(banned.length
              ? [
                  {
                    group: folderPatterns(banned),
                    message: `src/${from} must not import ${banned.join(', ')} (STYLE.md §2.3).`,
                  },
                ]
              : []),
            ...(packages.length
              ? [{ group: packages, message: `src/${from} must not import ${packages.join(', ')} (STYLE.md §2.3).` }]
              : []),
          ],
        },
      ],
    },
  };
}

const others = (...allowed) => folders.filter((f) => !allowed.includes(f));

/**
 * The server's own files may be called like client folders (src/server/app.ts), so its ban is
 * written per depth: only a path that climbs out of src/server reaches a client folder.
 */
function serverBoundary(banned, packages) {
  return [1, 2, 3, 4].map((depth) => {
    const up = '../'.repeat(depth);
    return {
      files: [`src/server/${'*/'.repeat(depth - 1)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: banned.flatMap((n) => [`${up}${n}`, `${up}${n}/**`]),
                message: `src/server must not import ${banned.join(', ')} (STYLE.md §2.3).`,
              },
              { group: packages, message: `src/server must not import ${packages.join(', ')} (STYLE.md §2.3).` },
            ],
          },
        ],
      },
    };
  });
}
const uiPackages = ['react', 'react-dom', 'react-dom/*', 'react-router', 'dexie', 'dexie-react-hooks', 'html5-qrcode'];
const serverPackages = ['hono', 'hono/*', '@hono/*', 'kysely', 'better-sqlite3', 'pg', '@node-rs/*', 'node:*'];

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
  boundary('lib', { folders: others('lib'), packages: [...uiPackages, ...serverPackages] }),
  boundary('domain', { folders: others('lib', 'domain'), packages: [...uiPackages, ...serverPackages] }),
  boundary('protocol', { folders: others('lib', 'domain', 'protocol'), packages: [...uiPackages, ...serverPackages] }),
  boundary('storage', { folders: ['sync', 'features', 'ui', 'app', 'server'], packages: serverPackages }),
  boundary('sync', { folders: ['features', 'ui', 'app', 'server'], packages: serverPackages }),
  boundary('features', { folders: ['server', 'app'], packages: serverPackages }),
  boundary('ui', { folders: ['server', 'features', 'app'], packages: serverPackages }),
  boundary('app', { folders: ['server'], packages: serverPackages }),
  ...serverBoundary(['storage', 'sync', 'features', 'ui', 'app'], uiPackages),
  {
    files: ['src/server/**/*.ts', 'tests/**/*.{ts,js}', '.ci/**/*.js', '*.config.{js,ts}'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
