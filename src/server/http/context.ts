/** Hono environment shared by the app, middleware and routes. */
import type { Session } from '../services/auth';

export type AppEnv = {
  Variables: {
    requestId: string;
    /** Set by the bearer middleware on authenticated routes. */
    session: Session;
  };
};
