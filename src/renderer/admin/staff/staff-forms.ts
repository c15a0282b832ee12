/** The checks the staff forms make before anything is sent, in the screen's language. */
import { tick } from 'svelte';
import type { StaffMember } from '../../../shared/domain';
import type { Messages } from '../../lib/i18n/messages-en';
import { isPin } from '../../screens/first-run-checks';
import type { AdminCall } from '../admin-call.svelte';

/** What a form about one staff member (its badge, a new PIN) is given by the staff list. */
export interface MemberFormProps {
  member: StaffMember;
  staffToken: string;
  call: AdminCall;
  onsaved: () => Promise<void>;
  oncancel: () => void;
}

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
