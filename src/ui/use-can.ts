/**
 * Whether the signed-in user may take an action (protocol/permissions.ts `can`): screens and
 * menus offer only what the server would accept. False while nobody is signed in; `isKnown`
 * is false while the stored session is still being read (a screen may wait for it rather than
 * show, then hide, an action).
 */
import { can, type Action } from '../protocol/permissions';
import { useSession } from './use-session';

export type Can = ((action: Action, communeCode?: string | null) => boolean) & { isKnown: boolean };

export function useCan(): Can {
  const session = useSession();
  const check = (action: Action, communeCode?: string | null) =>
    session ? can(session.user, action, communeCode) : false;
  return Object.assign(check, { isKnown: session !== undefined });
}
