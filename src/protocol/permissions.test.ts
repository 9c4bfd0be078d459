import { describe, expect, test } from 'vitest';
import { roles } from '../domain/vocabulary';
import { opTypes } from './op-registry';
import { can, mayActOn, otherActions, rolesFor } from './permissions';

describe('the monitoring role (issue 14)', () => {
  const watcher = { role: 'monitoring' as const, communes: ['19960'] };

  test('reads reports of its communes and does nothing else', () => {
    const allowed = [...opTypes, ...otherActions].filter((action) => can(watcher, action));
    expect(allowed).toEqual(['reports.view']);
    expect(can(watcher, 'reports.view', '19960')).toBe(true);
    expect(can(watcher, 'reports.view', '20140')).toBe(false);
  });

  test('sends no op type', () => {
    expect(opTypes.filter((type) => rolesFor(type).includes('monitoring'))).toEqual([]);
  });

  test('ranks lowest: it acts on nobody’s devices, and every manager may act on it', () => {
    for (const role of roles) {
      if (role !== 'monitoring') expect(mayActOn(watcher, { role, communes: ['19960'] })).toBe(false);
    }
    expect(mayActOn({ role: 'supervisor', communes: ['19960'] }, watcher)).toBe(true);
  });
});

describe('managing users', () => {
  test('is for admins only', () => {
    expect(roles.filter((role) => can({ role, communes: [] }, 'users.manage'))).toEqual(['admin']);
  });
});
