import { readCentreSettings } from '../../services/centre-settings';
import { loadSettings } from '../../services/settings-service';
import { updateSettings } from '../../services/settings-update';
import { dismissStorageAlert } from '../../reliability/storage-alert';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** The admin's settings (those the fleet's centre decides, read-only), and the storage notice an admin dismisses. */
export function settingsHandlers({
  db,
  clock,
  storageAlert,
}: HandlerContext): FeatureHandlers<'getSettings' | 'updateSettings' | 'getCentreSettings' | 'dismissStorageAlert'> {
  return {
    getSettings: () => loadSettings(db),
    updateSettings: ({ changes }, { staff }) => updateSettings(db, clock, changes, staff.staffId),
    getCentreSettings: () => readCentreSettings(db),
    dismissStorageAlert(_input, { staff }) {
      dismissStorageAlert(db, clock, staff.staffId);
      return { storageAlert: storageAlert?.() ?? null };
    },
  };
}
