import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { precompress } from './src/server/cli/precompress.ts';

const hasPg = Boolean(process.env['TEST_DATABASE_URL']);

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'Chi trả TGXH',
        short_name: 'Chi trả TGXH',
        description:
          'Chi trả trợ giúp xã hội tại xã: danh sách đối tượng, đăng ký hình thức nhận, kiểm tra CCCD và chi trả tại nhà, dùng được khi không có mạng.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0f5132',
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: process.env['VITE_ENABLE_PWA'] === 'true' },
    }),
    // .br and .gz beside each text file, served by the server (src/server/http/static.ts).
    precompress(),
  ],
  build: { outDir: 'dist/client', sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  test: {
    projects: [
      {
        test: { name: 'domain', environment: 'node', include: ['src/{lib,domain,protocol}/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'jsdom',
          setupFiles: ['fake-indexeddb/auto'],
          include: ['src/{storage,sync,features,ui,app}/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts', 'tests/server/**/*.test.ts'],
          exclude: ['**/*.pg.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          include: [
            'tests/integration/**/*.test.ts',
            'tests/lint-boundaries.test.ts',
            'tests/op-registry-types.test.ts',
          ],
        },
      },
      ...(hasPg
        ? [
            {
              test: {
                name: 'server-pg',
                environment: 'node' as const,
                include: ['src/server/**/*.pg.test.ts', 'tests/server/**/*.pg.test.ts'],
                fileParallelism: false,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A loaded 2-core machine can take seconds to commit or render: wait, never sleep.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
