import type { Migration } from './migration';
import { initialSchema } from './001-initial-schema';

/** Every schema step, oldest first. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];
