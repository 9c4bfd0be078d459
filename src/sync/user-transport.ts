/** The admins' users calls and a user's own password change (docs/protocol.md "Users", "Auth"). */
import { z } from 'zod';
import { userSchema, type User } from '../protocol/auth';
import { PROTOCOL_VERSION } from '../protocol/common';
import {
  userResponseSchema,
  usersResponseSchema,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserResponse,
  type UsersResponse,
} from '../protocol/users';
import type { HttpClient } from './http-client';

export type UserStep = 'disable' | 'enable' | 'reset-password';

export type UserTransport = {
  /** Every user with their scope, sign-ins and devices, and the communes a scope is chosen from. */
  listUsers(token: string): Promise<UsersResponse>;
  /** Creates a user; the answer carries the temporary password, shown once. */
  createUser(token: string, input: Omit<CreateUserRequest, 'protocol'>): Promise<UserResponse>;
  updateUser(token: string, userId: string, patch: Omit<UpdateUserRequest, 'protocol'>): Promise<UserResponse>;
  /** Disable (ends the user's tokens), enable, or reset the password (a new temporary one). */
  userStep(token: string, userId: string, step: UserStep): Promise<UserResponse>;
  /** The signed-in user sets their own password; answers the user as the server now sees them. */
  changePassword(token: string, input: { currentPassword: string; newPassword: string }): Promise<User>;
};

const passwordResponseSchema = z.object({ user: userSchema });

export function userMethods(http: HttpClient): UserTransport {
  const path = (userId: string, rest = '') => `/api/users/${encodeURIComponent(userId)}${rest}`;
  return {
    listUsers: (token) => http.call('/api/users', usersResponseSchema, { method: 'GET', token }),
    createUser: (token, input) =>
      http.call('/api/users', userResponseSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION, ...input },
      }),
    updateUser: (token, userId, patch) =>
      http.call(path(userId), userResponseSchema, {
        method: 'PUT',
        token,
        body: { protocol: PROTOCOL_VERSION, ...patch },
      }),
    userStep: (token, userId, step) =>
      http.call(path(userId, `/${step}`), userResponseSchema, {
        method: 'POST',
        token,
        body: { protocol: PROTOCOL_VERSION },
      }),
    changePassword: async (token, input) =>
      (
        await http.call('/api/auth/password', passwordResponseSchema, {
          method: 'POST',
          token,
          body: { protocol: PROTOCOL_VERSION, ...input },
        })
      ).user,
  };
}
