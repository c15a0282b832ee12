import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * PINs are short, so the hash must be slow: scrypt with a per-staff salt. N=2^14 takes ~50 ms here, fast enough for a
 * keypad and slow enough that a stolen database cannot be brute-forced in an instant per staff member.
 */
const SCRYPT_OPTIONS: ScryptOptions = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, SCRYPT_OPTIONS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string): Promise<{ pinHash: Buffer; pinSalt: Buffer }> {
  const pinSalt = randomBytes(16);
  return { pinHash: await scryptAsync(pin, pinSalt), pinSalt };
}

/** Constant-time comparison, so response time says nothing about how much of the PIN was right. */
export async function verifyPin(pin: string, stored: { pinHash: Buffer; pinSalt: Buffer }): Promise<boolean> {
  const candidate = await scryptAsync(pin, stored.pinSalt);
  return candidate.length === stored.pinHash.length && timingSafeEqual(candidate, stored.pinHash);
}

/** A salt and hash that match no PIN, spent on unknown staff numbers so they take as long as known ones. */
export const DECOY_CREDENTIALS = { pinHash: Buffer.alloc(KEY_LENGTH), pinSalt: Buffer.alloc(16, 7) };
