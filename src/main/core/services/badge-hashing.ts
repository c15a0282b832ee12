import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { KioskDatabase } from '../db/open-database';
import { readKioskState, writeKioskState } from '../repositories/kiosk-state-repository';

/**
 * A badge is found by the number its reader types, so its stored form must be the same every time: a keyed hash,
 * HMAC-SHA-256 with a random 256-bit key made once per kiosk. A per-badge salt (as PINs have) would mean running
 * the hash once per staff member at every tap. The key keeps the column useless on its own (no precomputed table
 * of badge numbers matches it); someone holding the whole database holds the key too, which is why a badge
 * still asks for the PIN unless an admin decides otherwise.
 */
const BADGE_KEY = 'badgeKey';
const keySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

function badgeKey(db: KioskDatabase): Buffer {
  const stored = keySchema.safeParse(readKioskState(db, BADGE_KEY));
  if (stored.success) return Buffer.from(stored.data, 'base64url');
  const key = randomBytes(32);
  writeKioskState(db, BADGE_KEY, key.toString('base64url'));
  return key;
}

/** Readers differ in letter case and may pad with spaces; the same badge must always hash the same. */
export function normalizeBadge(badge: string): string {
  return badge.trim().toUpperCase();
}

/** The stored form of a badge. Makes the kiosk's key on first use, so call it inside a write transaction. */
export function hashBadge(db: KioskDatabase, badge: string): Buffer {
  return hashBadgeWith(badgeKey(db), badge);
}

/**
 * The fleet's badge key while this kiosk is in a fleet and can read it, else null. It lives with the fleet
 * credentials (sealed with the OS keystore where there is one), never in the database: a copy of kiosk.db alone
 * holds no fleet-wide secret.
 */
export type FleetBadgeKey = () => Buffer | null;

/** A badge's hash under a given key: the fleet's, so the same badge hashes the same on every kiosk of the fleet. */
export function hashBadgeWith(key: Buffer, badge: string): Buffer {
  return createHmac('sha256', key).update(normalizeBadge(badge), 'utf8').digest();
}
