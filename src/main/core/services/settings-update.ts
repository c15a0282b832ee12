import { nurseCallProblem } from '../../../shared/settings';
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import { KioskError } from '../errors';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import { centreSettingKeys } from './centre-settings';
import { loadSettings, saveSettings, type KioskSettings } from './settings-service';

/**
 * An admin's change to the settings: refused for a setting the fleet's centre decides here, checked as a whole (the default language must stay one of those offered),
 * saved and audited in one transaction, so a refused change writes nothing and a saved one is always in the log.
 */
export function updateSettings(
  db: KioskDatabase,
  clock: Clock,
  changes: Partial<KioskSettings>,
  staffId: number,
): KioskSettings {
  const decided = centreSettingKeys(db).filter((key) => key in changes);
  if (decided.length > 0) {
    throw new KioskError(
      'invalid-input',
      `Settings not saved: ${decided.join(', ')} ${decided.length === 1 ? 'is' : 'are'} set by the hospital for every kiosk.`,
    );
  }
  if (changes.defaultLanguage || changes.languages) {
    const next = { ...loadSettings(db), ...changes };
    if (!next.languages.includes(next.defaultLanguage)) {
      throw new KioskError('invalid-input', 'The default language must be one of the languages offered.');
    }
  }
  if (changes.nurseCall !== undefined || changes.phoneExtension !== undefined) {
    const problem = nurseCallProblem({ ...loadSettings(db), ...changes });
    if (problem) throw new KioskError('invalid-input', `Settings not saved: ${problem}.`);
  }
  db.transaction(() => {
    const keys = saveSettings(db, changes);
    insertAuditEntry(db, { at: clock.now(), staffId, action: 'settings-changed', detail: { keys: keys.join(',') } });
  })();
  return loadSettings(db);
}
