/**
 * The first run's answers and where it stands: each step's check before moving on, Back, and the one call that saves
 * it all. The step components only show and edit these fields, so the whole setup is held (and survives Back) here.
 */
import { tick } from 'svelte';
import type { Language, NurseCallWay } from '../../../shared/domain';
import { nurseCallProblem, settingsFields } from '../../../shared/settings';
import { locale } from '../../lib/i18n/locale.svelte';
import { callKiosk, describeError } from '../../lib/kiosk-api';
import {
  checkLabel,
  DISPLAY_NAME_MAX,
  isPin,
  KIOSK_NAME_MAX,
  ROOM_NAME_MAX,
  type LabelProblem,
} from '../first-run-checks';

export type SetupStep = 'language' | 'place' | 'call' | 'admin' | 'pin' | 'pin-again' | 'done';
/** The steps in order, and the number shown for each ("Step 3 of 5"); both PIN steps are one. */
const ORDER: SetupStep[] = ['language', 'place', 'call', 'admin', 'pin', 'pin-again'];
export const STEP_COUNT = 5;

/** Moves the focus to the first field marked wrong, once the screen shows it. */
async function focusFirstProblem(): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export class SetupForm {
  step = $state<SetupStep>('language');
  // Nothing is chosen for the kiosk: setup waits for an explicit choice.
  language = $state<Language | null>(null);
  languageError = $state('');
  nurseCall = $state<NurseCallWay | null>(null);
  extension = $state('');
  callError = $state('');
  name = $state('');
  rooms = $state<{ key: number; name: string }[]>([{ key: 1, name: locale.t.firstRun.defaultRoomName(1) }]);
  adminName = $state('');
  pin = $state('');
  pinAgain = $state('');
  problems = $state<Record<string, LabelProblem>>({});
  pinError = $state('');
  saveError = $state('');
  busy = $state(false);
  staffNumber = $state('');
  readonly stepNumber = $derived(Math.min(ORDER.indexOf(this.step) + 1, STEP_COUNT));
  #nextKey = 2;

  /** The kiosk's current name is only the starting text of its field. */
  constructor(kioskName: string) {
    this.name = kioskName;
  }

  chooseLanguage(chosen: Language): void {
    this.language = chosen;
    this.languageError = '';
    // The rest of setup speaks the chosen language at once.
    void locale.set(chosen);
  }

  chooseCall(way: NurseCallWay): void {
    this.nurseCall = way;
    this.callError = '';
  }

  addRoom(): void {
    this.rooms.push({ key: this.#nextKey, name: locale.t.firstRun.defaultRoomName(this.rooms.length + 1) });
    this.#nextKey += 1;
  }

  removeRoom(key: number): void {
    this.rooms = this.rooms.filter((room) => room.key !== key);
  }

  back(): void {
    this.pinError = '';
    const index = ORDER.indexOf(this.step);
    // "Back" from the second PIN goes to choosing it again, as before.
    this.step = ORDER[Math.max(index - 1, 0)] ?? 'language';
  }

  /** Checks the current step and moves on; the last one saves (ondone: setup was finished elsewhere meanwhile). */
  submit(ondone: () => void): void {
    if (this.step === 'language') this.#languageDone();
    else if (this.step === 'place') this.#placeDone();
    else if (this.step === 'call') this.#callDone();
    else if (this.step === 'admin') this.#adminDone();
    else if (this.step === 'pin') this.pinDone();
    else if (this.step === 'pin-again') void this.finish(ondone);
  }

  #languageDone(): void {
    if (this.language === null) this.languageError = locale.t.firstRun.chooseLanguage;
    else this.step = 'place';
  }

  #callDone(): void {
    if (this.nurseCall === null) {
      this.callError = locale.t.firstRun.chooseCall;
      return;
    }
    const phone = settingsFields.phoneExtension.safeParse(this.extension);
    if (
      this.nurseCall === 'extension' &&
      (!phone.success || nurseCallProblem({ nurseCall: this.nurseCall, phoneExtension: phone.data }) !== null)
    ) {
      this.callError = locale.t.firstRun.extensionNeeded;
      void focusFirstProblem();
      return;
    }
    this.callError = '';
    this.step = 'admin';
  }

  #placeDone(): void {
    const found: Record<string, LabelProblem> = {};
    const kioskProblem = checkLabel(this.name, KIOSK_NAME_MAX);
    if (kioskProblem) found.kiosk = kioskProblem;
    for (const room of this.rooms) {
      const roomProblem = checkLabel(room.name, ROOM_NAME_MAX);
      if (roomProblem) found[`room-${room.key}`] = roomProblem;
    }
    this.problems = found;
    if (Object.keys(found).length > 0) void focusFirstProblem();
    else this.step = 'call';
  }

  #adminDone(): void {
    const adminProblem = checkLabel(this.adminName, DISPLAY_NAME_MAX);
    this.problems = adminProblem ? { admin: adminProblem } : {};
    if (adminProblem) void focusFirstProblem();
    else this.step = 'pin';
  }

  pinDone(): void {
    if (!isPin(this.pin)) {
      this.pinError = locale.t.firstRun.pinLength;
      return;
    }
    this.pinError = '';
    this.pinAgain = '';
    this.step = 'pin-again';
  }

  async finish(ondone: () => void): Promise<void> {
    if (this.busy) return;
    if (this.pinAgain !== this.pin) {
      this.pin = '';
      this.pinAgain = '';
      this.pinError = locale.t.firstRun.pinMismatch;
      this.step = 'pin';
      return;
    }
    this.busy = true;
    this.saveError = '';
    const { language, nurseCall } = this;
    const result = await callKiosk((api) =>
      api.completeSetup({
        kioskName: this.name.trim(),
        rooms: this.rooms.map((room) => room.name.trim()),
        admin: { displayName: this.adminName.trim(), pin: this.pin },
        ...(language ? { language } : {}),
        ...(nurseCall ? { nurseCall } : {}),
        ...(nurseCall === 'extension' ? { phoneExtension: this.extension.trim() } : {}),
      }),
    );
    this.busy = false;
    if (result.ok) {
      this.pin = '';
      this.pinAgain = '';
      this.staffNumber = result.value.staffNumber;
      this.step = 'done';
    } else if (result.error.code === 'conflict') {
      // Someone finished setup elsewhere (the command line): there is nothing left to do here.
      ondone();
    } else {
      this.saveError = describeError(result.error, locale.t);
    }
  }
}

/** A field's problem in words, or undefined when it has none. */
export function problemText(problem: LabelProblem | undefined, max: number): string | undefined {
  if (problem === 'required') return locale.t.firstRun.fieldRequired;
  if (problem === 'too-long') return locale.t.firstRun.fieldTooLong(max);
  return undefined;
}
