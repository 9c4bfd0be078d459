/** Whether a role may send an op type (the server's table, protocol/ops.ts `opTypeRoles`). */
import type { Role } from '../../domain/vocabulary';
import { opTypeRoles, type OpType } from '../../protocol/ops';

export function canSend(role: Role, type: OpType): boolean {
  return (opTypeRoles[type] as readonly Role[]).includes(role);
}
