import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StaffSignIn as SignIn } from '../../shared/domain';
import { locale } from '../lib/i18n/locale.svelte';
import { ok, stubKiosk } from '../testing/stub-kiosk';
import StaffSignIn from './StaffSignIn.svelte';
import { lockoutMinutes, waitSeconds } from './sign-in-errors';

const TOKEN = 'a'.repeat(43);
const signedIn: SignIn = { staffToken: TOKEN, staffNumber: '42', role: 'nurse', expiresAt: 0 };
const refused = (code: 'unauthorized' | 'locked-out', message: string) => () =>
  Promise.resolve({ ok: false as const, error: { code, message } });

function showKeypad() {
  const oncancel = vi.fn();
  const onsignedin = vi.fn();
  render(StaffSignIn, {
    kioskName: 'Maternity',
    task: { kind: 'start-session', room: { id: 1, name: 'Room 1' } },
    oncancel,
    onsignedin,
  });
  return { oncancel, onsignedin };
}

async function press(digits: string, keysLabel = 'Number keys'): Promise<void> {
  const keys = screen.getByRole('group', { name: keysLabel });
  for (const digit of digits) await fireEvent.click(within(keys).getByRole('button', { name: digit }));
}

/** Types the staff number and then the PIN, going on after each with its button (Next, Sign in) or the Enter key. */
async function signIn(staffNumber: string, pin: string, by: 'buttons' | 'enter'): Promise<void> {
  const goOn = (button: string) =>
    by === 'enter'
      ? fireEvent.keyDown(window, { key: 'Enter' })
      : fireEvent.click(screen.getByRole('button', { name: button }));
  await press(staffNumber);
  await goOn('Next');
  await press(pin);
  await goOn('Sign in');
}

describe('StaffSignIn', () => {
  it('asks for the staff number, then the PIN, and hands the sign-in up', async () => {
    const api = stubKiosk({ signIn: () => ok(signedIn) });
    const { onsignedin } = showKeypad();
    expect(screen.getByRole('heading', { level: 2, name: 'Staff sign-in' })).toBe(document.activeElement);
    expect(screen.getByText('To start a session in Room 1')).toBeTruthy();

    await press('42');
    expect((screen.getByLabelText('Staff number') as HTMLInputElement).value).toBe('42');
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await press('2468');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(api.signIn).toHaveBeenCalledWith({ staffNumber: '42', pin: '2468' });
    await vi.waitFor(() => expect(onsignedin).toHaveBeenCalledWith(signedIn));
  });

  it('masks the PIN: a password field, and its digits nowhere in the page', async () => {
    stubKiosk({});
    showKeypad();
    await press('42');
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await press('9753');
    const pin = screen.getByLabelText('PIN') as HTMLInputElement;
    expect(pin.type).toBe('password');
    expect(pin.value).toBe('9753');
    expect(document.body.textContent).not.toContain('9753');
  });

  it('takes at most 8 digits, from the keys and from the keyboard alike', async () => {
    stubKiosk({});
    showKeypad();
    await press('123456789');
    const number = screen.getByLabelText('Staff number') as HTMLInputElement;
    expect(number.value).toBe('12345678');

    await fireEvent.click(screen.getByRole('button', { name: 'Delete the last digit' }));
    await fireEvent.keyDown(window, { key: '9' });
    await fireEvent.keyDown(window, { key: '0' });
    await fireEvent.keyDown(window, { key: 'x' });
    expect(number.value).toBe('12345679');

    await fireEvent.input(number, { target: { value: '12ab34' } });
    expect(number.value).toBe('1234');
    await fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(number.value).toBe('');
  });

  it('says when the number or PIN is missing, and links the message to the field', async () => {
    const api = stubKiosk({});
    showKeypad();
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Please type your staff number first.');
    expect(screen.getByLabelText('Staff number').getAttribute('aria-describedby')).toBe(alert.id);
    await press('42');
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await press('12');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('A PIN has 4 to 8 digits.');
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it('refuses without saying which part was wrong, and empties the PIN', async () => {
    stubKiosk({ signIn: refused('unauthorized', 'That staff number and PIN do not match.') });
    showKeypad();
    await signIn('42', '1111', 'enter');
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('That staff number and PIN do not match.'),
    );
    expect((screen.getByLabelText('PIN') as HTMLInputElement).value).toBe('');
  });

  it('shows a lockout with its minutes, in English and in Spanish', async () => {
    stubKiosk({ signIn: refused('locked-out', 'Too many wrong PINs. This staff number is locked for 4 minutes.') });
    showKeypad();
    await signIn('42', '2468', 'enter');
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Too many wrong PINs. This staff number is locked for 4 minutes.',
      ),
    );

    locale.set('es');
    await tick();
    await press('2468', 'Teclas numéricas');
    await fireEvent.click(screen.getByRole('button', { name: 'Entrar' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Demasiadas claves incorrectas. Este número de personal está bloqueado durante 4 minutos.',
      ),
    );
  });

  it('reads the lockout’s minutes and the pause’s seconds from the core’s words, and nothing else', () => {
    expect(lockoutMinutes('Too many wrong PINs. This staff number is locked for 1 minute.')).toBe(1);
    expect(lockoutMinutes('… locked for 15 minutes.')).toBe(15);
    expect(lockoutMinutes('Locked.')).toBeNull();
    expect(lockoutMinutes('locked for 0 minutes')).toBeNull();
    expect(lockoutMinutes('Please wait 8 minutes')).toBeNull();
    expect(waitSeconds('Too many wrong tries on this keypad. Please wait 30 seconds before the next try.')).toBe(30);
    expect(waitSeconds('Please wait 1 second before the next try.')).toBe(1);
    expect(waitSeconds('That staff number and PIN do not match.')).toBeNull();
  });

  it('counts the keypad’s pause down calmly, keeps Sign in off meanwhile, then lets the nurse try again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    try {
      const api = stubKiosk({
        signIn: refused(
          'unauthorized',
          'That staff number and PIN do not match. Please wait 3 seconds before the next try.',
        ),
      });
      showKeypad();
      await signIn('42', '1111', 'buttons');
      await vi.waitFor(() =>
        expect(screen.getByTestId('keypad-wait').textContent).toBe('Please wait 3 seconds, then try again.'),
      );
      expect(screen.getByRole('alert').textContent).toContain('That staff number and PIN do not match.');
      expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
      await press('2222');
      await fireEvent.keyDown(window, { key: 'Enter' });
      expect(api.signIn).toHaveBeenCalledTimes(1);

      await vi.advanceTimersByTimeAsync(1000);
      expect(screen.getByTestId('keypad-wait').textContent).toContain('Please wait 2 seconds');
      await vi.advanceTimersByTimeAsync(2000);
      expect(screen.queryByTestId('keypad-wait')).toBeNull();
      expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the keypad is pausing (not that the PIN is wrong) when it refuses to check one', async () => {
    stubKiosk({
      signIn: refused('locked-out', 'Too many wrong tries on this keypad. Please wait 12 seconds before the next try.'),
    });
    showKeypad();
    await signIn('42', '2468', 'enter');
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'The keypad takes a short pause after several wrong tries.',
      ),
    );
    expect(screen.getByTestId('keypad-wait').textContent).toContain('Please wait 12 seconds');
    expect(screen.getByRole('alert').textContent).not.toContain('do not match');
  });

  it('cancels with the button or Escape', async () => {
    stubKiosk({});
    const { oncancel } = showKeypad();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(oncancel).toHaveBeenCalledTimes(2);
  });

  it('takes a badge reader’s fast burst as a badge, keeps it out of the fields, then asks for the PIN', async () => {
    const api = stubKiosk({ signInWithBadge: () => ok(signedIn) });
    const { onsignedin } = showKeypad();
    await press('4'); // a nurse had started typing her number
    for (const key of [...'0045219983', 'Enter']) await fireEvent.keyDown(window, { key });
    await vi.waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Badge read. Now type your PIN.'));
    expect((screen.getByLabelText('PIN') as HTMLInputElement).value).toBe('');
    expect(document.body.textContent).not.toContain('0045219983');
    await press('2468');
    await fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(api.signInWithBadge).toHaveBeenCalledWith({ badge: '0045219983', pin: '2468' });
    expect(api.signIn).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(onsignedin).toHaveBeenCalledWith(signedIn));
  });

  it('signs in with the badge alone when the kiosk says so, and says calmly when a badge is not known', async () => {
    const api = stubKiosk({ signInWithBadge: refused('unauthorized', 'That badge and PIN do not match.') });
    render(StaffSignIn, {
      kioskName: 'Maternity',
      task: { kind: 'staff-menu' },
      oncancel: vi.fn(),
      onsignedin: vi.fn(),
      badgeNeedsPin: false,
    });
    for (const key of [...'77665544', 'Enter']) await fireEvent.keyDown(window, { key });
    expect(api.signInWithBadge).toHaveBeenCalledWith({ badge: '77665544' });
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'This badge cannot sign in here. Please type your staff number.',
      ),
    );
    expect((screen.getByLabelText('Staff number') as HTMLInputElement).value).toBe('');
  });
});
