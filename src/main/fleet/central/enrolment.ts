import { z } from 'zod';
import { connectionSettingsSchema, type ConnectionSettings } from './connection-settings';

/**
 * The enrolment string `fleet add-kiosk` prints and `fleet join` reads: the kiosk's connection settings and its
 * password, as base64url JSON behind a recognisable prefix. It is a secret, printed once and kept nowhere by the
 * centre; the kiosk keeps the settings in a file only its user can read (kiosk/fleet-credentials.ts).
 */
const PREFIX = 'kiosk-fleet-1.';

const enrolmentSchema = z
  .object({
    connection: connectionSettingsSchema.omit({ allowPlaintext: true, ca: true }),
    kioskName: z.string().min(1).max(80),
    unit: z.string().min(1).max(80).nullable(),
  })
  .strict();
export type Enrolment = z.infer<typeof enrolmentSchema>;

export function encodeEnrolment(enrolment: Enrolment): string {
  return PREFIX + Buffer.from(JSON.stringify(enrolmentSchema.parse(enrolment))).toString('base64url');
}

export function decodeEnrolment(text: string): Enrolment {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) {
    throw new Error(`This is not a kiosk enrolment string: it should start with "${PREFIX}" (from fleet add-kiosk).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new Error('This enrolment string is damaged (copied only in part?): ask for a new one.');
  }
  const parsed = enrolmentSchema.safeParse(json);
  if (!parsed.success) throw new Error('This enrolment string is damaged or from another version: ask for a new one.');
  return parsed.data;
}

export type EnrolmentConnection = Enrolment['connection'];
export type { ConnectionSettings };
