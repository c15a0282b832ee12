import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { StaffMember } from '../../shared/domain';
import { ok, stubKiosk } from '../testing/stub-kiosk';
import StaffAdmin from './StaffAdmin.svelte';

const TOKEN = 'a'.repeat(43);
const nurse: StaffMember = {
  id: 7,
  staffNumber: '31',
  displayName: 'Ana Ruiz',
  role: 'nurse',
  disabled: false,
  lockedOut: false,
  hasBadge: false,
};

describe('StaffAdmin badges', () => {
  it('takes the badge the reader types into its field, saves it, and shows who has one', async () => {
    let members = [nurse];
    const api = stubKiosk({
      listStaff: () => ok(members),
      setStaffBadge: () => {
        members = [{ ...nurse, hasBadge: true }];
        return ok(members[0]!);
      },
    });
    render(StaffAdmin, { staffToken: TOKEN, onsigninended: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Badge: Ana Ruiz' }));
    const field = screen.getByLabelText('Badge number') as HTMLInputElement;
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.type).toBe('password');

    await fireEvent.input(field, { target: { value: '12-34' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save the badge' }));
    expect(screen.getByText('A badge number has 4 to 64 letters or digits.')).toBeTruthy();
    expect(api.setStaffBadge).not.toHaveBeenCalled();

    await fireEvent.input(field, { target: { value: ' 0045219983 ' } });
    await fireEvent.submit(field.form!);
    expect(api.setStaffBadge).toHaveBeenCalledWith({ staffToken: TOKEN, staffId: 7, badge: '0045219983' });
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Ana Ruiz can now sign in with the badge.'),
    );
    expect(await screen.findByText('Active, with a badge')).toBeTruthy();
  });

  it('says kindly when the badge belongs to someone else, and removes a badge', async () => {
    const api = stubKiosk({ listStaff: () => ok([{ ...nurse, hasBadge: true }]) });
    api.setStaffBadge.mockImplementation((input) =>
      input.badge === null ? ok(nurse) : Promise.resolve({ ok: false, error: { code: 'conflict', message: 'taken' } }),
    );
    render(StaffAdmin, { staffToken: TOKEN, onsigninended: vi.fn() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Badge: Ana Ruiz' }));
    await fireEvent.input(screen.getByLabelText('Badge number'), { target: { value: '55667788' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save the badge' }));
    await vi.waitFor(() =>
      expect(screen.getByText('This badge already belongs to another staff member.')).toBeTruthy(),
    );
    await fireEvent.click(screen.getByRole('button', { name: 'Remove the badge' }));
    expect(api.setStaffBadge).toHaveBeenLastCalledWith({ staffToken: TOKEN, staffId: 7, badge: null });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Ana Ruiz’s badge was removed.'));
  });
});
