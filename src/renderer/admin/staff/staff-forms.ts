/** The checks the staff forms make before anything is sent, in the screen's language. */
import { tick } from 'svelte';
import type { Messages } from '../../lib/i18n/messages-en';
import { isPin } from '../../screens/first-run-checks';

export type PinProblems = Partial<Record<'pin' | 'pinAgain', string>>;

/** A PIN of the right form, typed the same twice. */
export function pinProblems(pin: string, again: string, messages: Messages): PinProblems {
  const t = messages.admin.staff;
  if (!isPin(pin)) return { pin: t.pinFormat };
  if (pin !== again) return { pinAgain: t.pinsDiffer };
  return {};
}

/** Moves the focus to the first field with a problem, once the screen shows it. */
export async function focusFirstProblem(): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
