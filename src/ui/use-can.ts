/**
 * Whether the signed-in user may take an action (protocol/permissions.ts `can`): screens and
 * menus offer only what the server would accept. False while nobody is signed in.
 */
import { can, type Action } from '../protocol/permissions';
import { useSession } from './use-session';

export type Can = (action: Action, communeCode?: string | null) => boolean;

export function useCan(): Can {
  const session = useSession();
  return (action, communeCode) => (session ? can(session.user, action, communeCode) : false);
}
