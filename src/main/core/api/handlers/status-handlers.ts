import { systemClock } from '../../clock';
import { readFleetLink } from '../../repositories/fleet-outbox-repository';
import { readFleetDeliveryLate } from '../../services/fleet-delivery-late';
import { isSetupRequired, completeSetup } from '../../services/kiosk-setup';
import { loadSettings } from '../../services/settings-service';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** What the screen needs to start: the kiosk's name, languages, schedules and health; and first-run setup. */
export function statusHandlers({
  db,
  clock,
  storageAlert,
}: HandlerContext): FeatureHandlers<'getKioskStatus' | 'completeSetup'> {
  return {
    getKioskStatus(_input, { caller }) {
      const settings = loadSettings(db);
      return {
        kioskName: settings.kioskName,
        setupRequired: isSetupRequired(db),
        languages: settings.languages,
        defaultLanguage: settings.defaultLanguage,
        now: clock.now(),
        helpText: settings.helpText,
        nurseCall: settings.nurseCall,
        phoneExtension: settings.phoneExtension,
        signOutAfterSeconds: settings.signOutAfterSeconds,
        cleaningStepEnabled: settings.cleaningStepEnabled,
        attractAfterIdleSeconds: settings.attractAfterIdleSeconds,
        attractIntervalSeconds: settings.attractIntervalSeconds,
        nightSchedule: settings.nightSchedule,
        chimeVolume: settings.chimeVolume,
        nightChimeVolume: settings.nightChimeVolume,
        storageAlert: storageAlert?.() ?? null,
        fleetDeliveryLate: readFleetDeliveryLate(db, systemClock.now(), settings.fleetWarningAfterMinutes),
        inFleet: readFleetLink(db) !== undefined,
        canSavePdf: caller.printToPdf !== undefined,
        badgeNeedsPin: settings.badgeNeedsPin,
      };
    },

    completeSetup: (input) => completeSetup(db, clock, input),
  };
}
