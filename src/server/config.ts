/** Settings of one server instance; main.ts builds them from the environment, tests by hand. */
import type { HashOptions } from './services/passwords';

export type ServerConfig = {
  /** Built PWA to serve; null serves the API only. */
  staticDir: string | null;
  hashOptions: HashOptions;
  tokenTtlMs: number;
  failureWindowMs: number;
  maxLoginFailures: number;
};
