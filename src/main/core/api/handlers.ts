import { contentHandlers } from './handlers/content-handlers';
import { fleetExportHandlers } from './handlers/fleet-export-handlers';
import { fleetReportHandlers } from './handlers/fleet-report-handlers';
import { helpCallHandlers } from './handlers/help-call-handlers';
import { problemHandlers } from './handlers/problem-handlers';
import { remoteRoomHandlers } from './handlers/remote-room-handlers';
import { reportHandlers } from './handlers/report-handlers';
import { roomHandlers } from './handlers/room-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { settingsHandlers } from './handlers/settings-handlers';
import { staffHandlers } from './handlers/staff-handlers';
import { statusHandlers } from './handlers/status-handlers';
import { timerHandlers } from './handlers/timer-handlers';
import type { HandlerContext, HandlerTable } from './handler-types';

export type { HandlerContext, HandlerTable } from './handler-types';

/**
 * The one handler table, one module per feature. The Electron IPC shell and the loopback bridge both call exactly
 * this, through dispatch, which has already validated each input and checked the caller's access level.
 */
export function createHandlers(context: HandlerContext): HandlerTable {
  return {
    ...statusHandlers(context),
    ...problemHandlers(context),
    ...staffHandlers(context),
    ...roomHandlers(context),
    ...remoteRoomHandlers(context),
    ...sessionHandlers(context),
    ...timerHandlers(context),
    ...contentHandlers(context),
    ...settingsHandlers(context),
    ...reportHandlers(context),
    ...fleetReportHandlers(context),
    ...fleetExportHandlers(context),
    ...helpCallHandlers(context),
  };
}
