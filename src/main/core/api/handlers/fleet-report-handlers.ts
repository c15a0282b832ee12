import { readFleetLink } from '../../repositories/fleet-outbox-repository';
import type { FeatureHandlers, HandlerContext } from '../handler-types';

/** A fleet kiosk's unit and hospital figures, through the reader the shell passes in (fleet-report-port.ts). */
export function fleetReportHandlers({ db, readFleetReport }: HandlerContext): FeatureHandlers<'getFleetReport'> {
  return {
    getFleetReport: ({ scope, from, to }) => {
      if (!readFleetLink(db)) return { status: 'not-in-fleet' };
      return readFleetReport ? readFleetReport({ scope, from, to }) : { status: 'unavailable' };
    },
  };
}
