import type { ApiMethodName } from '../../../shared/api-methods';
import type { ApiResults, ParsedInput } from '../../../shared/contract';
import type { MethodAccess } from '../../../shared/method-access';
import type { StorageAlert } from '../../../shared/domain';
import type { Clock } from '../clock';
import type { ContentLibrary } from '../content/content-library';
import type { KioskDatabase } from '../db/open-database';
import type { ChooseExportFile } from '../export/export-file-chooser';
import type { UsageExports } from '../export/usage-exports';
import type { HelpCalls } from '../services/help-calls';
import type { RoomAdmin } from '../services/room-admin';
import type { RoomSessions } from '../services/room-sessions';
import type { StaffAdmin } from '../services/staff-admin';
import type { SignedInStaff, StaffAuth } from '../services/staff-auth';
import type { Timers } from '../services/timers';
import type { CallerContext } from './caller-context';
import type { RendererProblems } from '../logging/renderer-problems';
import type { WriteFleetExport } from './fleet-export-port';
import type { ReadFleetReport } from './fleet-report-port';
import type { ReadRemoteRooms } from './remote-rooms-port';

/** The services the handlers call. */
export interface HandlerContext {
  db: KioskDatabase;
  content: ContentLibrary;
  clock: Clock;
  staffAuth: StaffAuth;
  staffAdmin: StaffAdmin;
  roomAdmin: RoomAdmin;
  roomSessions: RoomSessions;
  timers: Timers;
  /** "Call a nurse" from the parent's help screen, and the unit's calls from the other kiosks. */
  helpCalls: HelpCalls;
  /** What getKioskStatus reports to staff about the data folder; none when absent. */
  storageAlert?: () => StorageAlert | null;
  /** Streams an export to a file staff choose; see export/usage-exports.ts. */
  usageExports: UsageExports;
  /** Where files staff save go: the shell's save dialog, or the data folder's exports/. */
  chooseFile: ChooseExportFile;
  /** The screen's own failures, written to the kiosk's log. */
  rendererProblems: RendererProblems;
  /** A fleet kiosk's unit and hospital figures, read by the layer above core that holds the PostgreSQL client. */
  readFleetReport?: ReadFleetReport;
  /** A fleet kiosk's unit and hospital export, written by the same layer with a reporting role's credentials. */
  writeFleetExport?: WriteFleetExport;
  /** The other kiosks' rooms of the unit, as the fleet layer's listener last heard them. */
  readRemoteRooms?: ReadRemoteRooms;
}

/** Who is calling, as dispatch established it: staff methods get the signed-in staff member, public ones null. */
type StaffFor<M extends ApiMethodName> = MethodAccess[M] extends 'public'
  ? null
  : MethodAccess[M] extends 'staff' | 'admin'
    ? SignedInStaff
    : SignedInStaff | null;

export interface CallContext<M extends ApiMethodName> {
  caller: CallerContext;
  staff: StaffFor<M>;
}

export type Handler<M extends ApiMethodName> = (
  input: ParsedInput<M>,
  call: CallContext<M>,
) => ApiResults[M] | Promise<ApiResults[M]>;

/** One function per contract method; each receives input already validated and its caller already authorised. */
export type HandlerTable = { [M in ApiMethodName]: Handler<M> };

/** The handlers of one feature. */
export type FeatureHandlers<M extends ApiMethodName> = { [K in M]: Handler<K> };
