/** Settings of one server instance; main.ts builds them from the environment, tests by hand. */
import type { BlobPolicy } from './services/blobs';
import type { ThrottlePolicy } from './services/login-throttle';
import type { HashOptions } from './services/passwords';

export type ServerConfig = {
  /** Built PWA to serve; null serves the API only. */
  staticDir: string | null;
  hashOptions: HashOptions;
  tokenTtlMs: number;
  /** Sign-in throttling (services/login-throttle.ts). */
  throttle: ThrottlePolicy;
  /** Behind a reverse proxy: the client's address is the first of `X-Forwarded-For`. */
  trustProxy: boolean;
  /** Quota and lifetime of blobs no op names (services/blobs.ts). */
  blobs: BlobPolicy;
  /** `DEMO_PASSWORD`: never accepted as a password a user sets (the default demo one neither). */
  demoPassword?: string | undefined;
};
