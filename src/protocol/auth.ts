/** Auth messages (docs/protocol.md "Auth"). */
import { z } from 'zod';
import { roles } from '../domain/vocabulary';
import { communeCodeSchema, nfcString, protocolField } from './common';

export const loginRequestSchema = z.object({
  protocol: protocolField,
  username: nfcString.pipe(z.string().min(1).max(100)),
  password: z.string().min(1).max(200),
  device: z.object({
    /** UUID chosen by the device once. */
    id: z.string().min(8).max(100),
    /** Human name of the device, shown to supervisors. */
    name: nfcString.pipe(z.string().min(1).max(100)),
  }),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  /** Commune codes the user is scoped to. */
  communes: z.array(communeCodeSchema),
  /**
   * Present (true) when an admin created or reset the user: the token may only set a new password
   * (`POST /api/auth/password`) until it is changed.
   */
  mustChangePassword: z.literal(true).optional(),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  protocol: protocolField,
  token: z.string(),
  /** ISO 8601 instant. */
  expiresAt: z.string(),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ protocol: protocolField, user: userSchema });
