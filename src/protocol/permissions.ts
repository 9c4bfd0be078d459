/**
 * Who may do what, in one place (docs/protocol.md "Auth"): the server's routes and services, the
 * app shell, its menus and its screens all ask `can`, so a screen never offers what the server
 * would refuse. Sending an op is the action named by its type, with the roles of the op registry;
 * every other action has its roles here. Pure: no clock, no database.
 *
 * A new role (an approver who is not the list's preparer, read-only monitoring) is a new entry
 * in `roles` (domain/vocabulary.ts) and in the rows below that it may do; the compiler then
 * shows every place that lists roles.
 */
import type { Role } from '../domain/vocabulary';
import type { User } from './auth';
import { isOpType, opRegistry, type OpType } from './op-registry';

const supervision = ['supervisor', 'admin'] as const;

/** Actions other than sending an op, with the roles that may take them. */
const actionRoles = {
  /** Read the server's conflict list (`GET /api/conflicts`) and open the conflicts screen. */
  'conflicts.review': supervision,
  /** Choose between the two sides of a conflict (an op carrying `conflictId`). */
  'conflicts.resolve': ['supervisor'],
  /** See devices and what they have not sent; retire or revoke one. */
  'devices.manage': supervision,
  /** Import a device's exported outbox (`POST /api/sync/import`). */
  'ops.import': supervision,
  /** See a commune's monthly lists and their detail (docs/protocol.md "Lists"). */
  'lists.view': ['officer', 'supervisor', 'approver', 'admin'],
  /** Import a monthly list and submit it for approval. */
  'lists.prepare': ['officer', 'supervisor'],
  /**
   * Approve or return a submitted list: the approver, or a supervisor (province staff) — never
   * for a list they prepared (four eyes, checked by the service against the preparer).
   */
  'lists.approve': ['approver', 'supervisor'],
  /** Publish an approved list (its preparer or its approver). */
  'lists.publish': ['officer', 'supervisor', 'approver'],
  /**
   * Close a commune's month: decide every unpaid line (carried into next month's arrears, or
   * ended with a reason). Province staff do it once the month's money is accounted for.
   */
  'months.close': ['supervisor'],
  /** Set how many days a commune's tablets may work offline (the lease). */
  'leases.manage': ['admin'],
  /** See a payment's signature, photo and card check (every look is logged). */
  'evidence.view': supervision,
  /** Define payment providers and the template of their batch files (issue 12). */
  'providers.manage': ['admin'],
  /** See a commune's transfer batches, their lines and results. */
  'batches.view': ['supervisor', 'approver', 'admin'],
  /** Prepare a batch, import its results, decide about failed lines, close or cancel it. */
  'batches.prepare': ['supervisor'],
  /** Approve a batch someone else prepared (four eyes), before its file can be downloaded. */
  'batches.approve': ['approver', 'supervisor'],
  /** Download an approved batch's file: the first download sends its lines (`transferred`). */
  'batches.export': ['supervisor', 'approver'],
  /** Read the reports of the user's communes (issue 14): staff who follow the pilot. */
  'reports.view': ['supervisor', 'approver', 'admin', 'monitoring'],
  /**
   * Pull the communes' roster and lines onto a device. Not `monitoring`: reports need no
   * personal data on a tablet (issue 14).
   */
  'roster.pull': ['admin', 'supervisor', 'officer', 'payer', 'approver'],
  /** Enter what paying cost per month and method (providers' and post office fees). */
  'fees.manage': ['admin'],
  /** See one's own round: the lines assigned to oneself (issue 16, `payment.assign`). */
  'round.view': ['payer'],
  /**
   * Read cash ledgers (issue 16, `GET /api/cash`): a payer their own, a supervisor every payer's
   * of their communes.
   */
  'cash.ledgers': ['payer', 'supervisor'],
  /** Set a commune's payment points and days (issue 16, `PUT /api/communes/:code/payment-points`). */
  'points.manage': ['officer', 'supervisor'],
  /** Set a commune's "about the pilot" text (issue 17, `PUT /api/communes/:code/about-pilot`). */
  'about.edit': ['admin', 'supervisor'],
  /** Create, change, disable and reset users; see their sign-ins and devices (issue 14). */
  'users.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = OpType | keyof typeof actionRoles;

/** Every action other than sending an op (for tests and matrices). */
export const otherActions = Object.keys(actionRoles) as (keyof typeof actionRoles)[];

/**
 * The communes a user acts in: every commune for an admin, else the communes listed for them.
 * (A device pulls the communes listed for its user, never "every commune": an admin's tablet
 * holds what is listed for them, while lists, devices and imports cover every commune.)
 */
export type Scope = { kind: 'all' } | { kind: 'communes'; codes: readonly string[] };

type Who = Pick<User, 'role' | 'communes'>;

export function scopeOf(user: Who): Scope {
  return user.role === 'admin' ? { kind: 'all' } : { kind: 'communes', codes: user.communes };
}

/** Whether a commune is in the user's scope; an entity without a commune is in nobody's. */
export function isInScope(user: Who, communeCode: string | null): boolean {
  if (communeCode === null) return false;
  const scope = scopeOf(user);
  return scope.kind === 'all' || scope.codes.includes(communeCode);
}

/** The roles that may take an action. */
export function rolesFor(action: Action): readonly Role[] {
  return isOpType(action) ? opRegistry[action].roles : actionRoles[action];
}

/**
 * Whether `user` may take `action`; with `communeCode`, also whether that commune is in their
 * scope (an op on a beneficiary or line of another commune is refused even for the right role).
 */
export function can(user: Who, action: Action, communeCode?: string | null): boolean {
  if (!rolesFor(action).includes(user.role)) return false;
  return communeCode === undefined || isInScope(user, communeCode);
}

/** How far a role reaches, for acting on another user's devices and ops (field staff lowest). */
const roleRank: Record<Role, number> = { monitoring: 0, payer: 1, officer: 1, approver: 2, supervisor: 3, admin: 4 };

/**
 * Whether `actor` may act on `target`'s devices or ops (retire, revoke, import): an admin may on
 * anyone; nobody else on a user of a higher role, or of a wider scope than their own (every one
 * of the target's communes must be the actor's).
 */
export function mayActOn(actor: Who, target: Who): boolean {
  if (actor.role === 'admin') return true;
  if (target.role === 'admin' || roleRank[target.role] > roleRank[actor.role]) return false;
  return target.communes.every((code) => isInScope(actor, code));
}

/** The communes of `communes` that are also in the user's scope. */
export function sharedCommunes(user: Who, communes: readonly string[]): string[] {
  return communes.filter((code) => isInScope(user, code));
}
