import { describe, expect, expectTypeOf, it } from 'vitest';
import { API_METHODS, ipcChannel, isApiMethodName } from './api-methods';
import { contract, type KioskApi } from './contract';
import type { ApiResult } from './errors';
import type { RoomBoardEntry } from './domain';

describe('contract', () => {
  it('gives methods without input a no-argument signature and typed results', () => {
    expectTypeOf<KioskApi['listRooms']>().toEqualTypeOf<() => Promise<ApiResult<RoomBoardEntry[]>>>();
    expectTypeOf<KioskApi['signIn']>().parameter(0).toEqualTypeOf<{ staffNumber: string; pin: string }>();
  });

  it('names one IPC channel per method under one prefix', () => {
    const channels = API_METHODS.map(ipcChannel);
    expect(new Set(channels).size).toBe(API_METHODS.length);
    for (const channel of channels) expect(channel).toMatch(/^kiosk:[a-zA-Z]+$/);
  });

  it('recognises only listed method names, not inherited properties', () => {
    expect(isApiMethodName('listRooms')).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', '', 'listrooms'])
      expect(isApiMethodName(name)).toBe(false);
  });

  it('rejects extra keys on every object input', () => {
    for (const method of API_METHODS) {
      const parsed = contract[method].input.safeParse({ sneaky: 1 });
      expect(parsed.success, method).toBe(false);
    }
  });
});
