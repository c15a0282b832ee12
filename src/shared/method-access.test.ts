import { describe, expect, it } from 'vitest';
import { API_METHODS } from './api-methods';
import { contract } from './contract';
import { accessFor, METHOD_ACCESS } from './method-access';

/** Inputs that pass a method's schema except for the token, so a missing token shows as the only issue. */
const TOKENLESS_PROBE = {};

describe('method access levels', () => {
  it('declares a level for every method and no other', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...API_METHODS].sort());
  });

  it('makes every staff and admin method require a staff token in its schema', () => {
    for (const method of API_METHODS) {
      const declared = METHOD_ACCESS[method];
      if (declared === 'public') continue;
      const parsed = contract[method].input.safeParse(TOKENLESS_PROBE);
      expect(parsed.success, method).toBe(false);
      const paths = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
      // A discriminated union (endSession) reports its discriminator first; the staff variant still needs a token.
      if (typeof declared === 'function') continue;
      expect(paths, method).toContain('staffToken');
    }
  });

  it('lets a parent end their own session, and asks staff for a staff-ended one', () => {
    expect(accessFor('endSession', { sessionId: 'x', reason: 'completed' })).toBe('public');
    expect(accessFor('endSession', { sessionId: 'x', reason: 'staff-ended', staffToken: 't' })).toBe('staff');
    const staffEnded = contract.endSession.input.safeParse({
      sessionId: '0b7c3c1e-9f3a-4e0e-9a3c-3f1f2f1d2c3b',
      reason: 'staff-ended',
    });
    expect(staffEnded.success).toBe(false);
  });

  it('keeps the admin area for admins', () => {
    for (const method of ['listStaff', 'addStaff', 'updateSettings', 'exportUsage', 'getUsageReport'] as const)
      expect(accessFor(method, {})).toBe('admin');
  });
});
