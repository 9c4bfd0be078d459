/** The admins' users routes and the first sign-in's password change (docs/protocol.md "Users"). */
import { z } from 'zod';
import { roles } from '../domain/vocabulary';
import { deviceStatuses } from './devices';
import { communeCodeSchema, idSchema, nfcString, protocolField } from './common';

/** What an admin chose a user's scope to be; the server keeps its expansion as the user's communes. */
export const userScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('communes'), codes: z.array(communeCodeSchema).max(500) }),
  z.object({ kind: z.literal('former-district'), code: z.string().regex(/^\d{3}$/u) }),
  z.object({ kind: z.literal('province'), code: z.string().regex(/^\d{2}$/u) }),
]);
export type UserScope = z.infer<typeof userScopeSchema>;

/** Usernames: lower-case letters, digits, dot, dash and underscore (stored NFC, lower-cased). */
export const usernameSchema = nfcString.pipe(
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,50}$/u),
);
export const displayNameSchema = nfcString.pipe(z.string().trim().min(1).max(100));

/** Rules of a password a user sets (checked again by the server: not the username, not the demo's). */
export const PASSWORD_MIN_LENGTH = 10;
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(200);

export const userDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(deviceStatuses),
  /** ISO instants, or null. */
  lastSeenAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
});
export type UserDevice = z.infer<typeof userDeviceSchema>;

export const userSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  scope: userScopeSchema,
  communes: z.array(communeCodeSchema),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** Sign-ins still valid (tokens neither ended nor expired). */
  activeSessions: z.number().int().nonnegative(),
  devices: z.array(userDeviceSchema),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** A commune the server knows, with the units above it, for choosing a scope. */
export const scopeUnitSchema = z.object({
  code: communeCodeSchema,
  name: z.string(),
  formerDistrictCode: z.string(),
  formerDistrict: z.string(),
  provinceCode: z.string(),
});
export type ScopeUnit = z.infer<typeof scopeUnitSchema>;

export const usersResponseSchema = z.object({
  protocol: protocolField,
  users: z.array(userSummarySchema),
  communes: z.array(scopeUnitSchema),
});
export type UsersResponse = z.infer<typeof usersResponseSchema>;

export const userResponseSchema = z.object({
  protocol: protocolField,
  user: userSummarySchema,
  /** Only when the server made one (create, reset): shown once, never stored in clear. */
  temporaryPassword: z.string().optional(),
});
export type UserResponse = z.infer<typeof userResponseSchema>;

export const createUserRequestSchema = z.object({
  protocol: protocolField,
  username: usernameSchema,
  displayName: displayNameSchema,
  role: z.enum(roles),
  scope: userScopeSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.object({
  protocol: protocolField,
  displayName: displayNameSchema.optional(),
  role: z.enum(roles).optional(),
  scope: userScopeSchema.optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userIdSchema = idSchema;

export const changePasswordRequestSchema = z.object({
  protocol: protocolField,
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
