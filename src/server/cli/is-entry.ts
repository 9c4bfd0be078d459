/** Is the module at `moduleUrl` the script node was started with? */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Node resolves symlinks in `import.meta.url` but not in `process.argv[1]`: a server started
 * through a symlinked release folder (`/srv/app/current/dist/server/main.js`) must still start,
 * so both sides are compared as real paths.
 */
export function isEntry(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (argv1 === undefined) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(argv1);
  } catch {
    return false;
  }
}
