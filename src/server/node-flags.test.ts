import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags';

test('npm start runs the server with the production flags', () => {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const run = /exec node (.*) dist\/server\/main\.js/.exec(scripts['start'] ?? '')?.[1]?.split(' ') ?? [];
  expect(run).toEqual([...SERVER_NODE_FLAGS]);
});
