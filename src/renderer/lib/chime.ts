/**
 * The timers' chime: two soft, falling notes made with Web Audio (no sound files to ship or load).
 *
 * Browsers only let a page make sound after a person has touched it, so `prepare()` is called on taps (the one that
 * starts a timer, and any touch in the parent's hub): it creates the AudioContext, or resumes a suspended one. A
 * chime asked for before any touch is silent rather than an error.
 *
 * Tests spy on `chime.play`; end-to-end tests replace `window.AudioContext` with a recorder, or (on the system clock,
 * with real audio) read `data-chimes-played` on <html>, which counts the chimes whose notes were scheduled.
 */

/** The two notes, in Hz: E5 then C5, a gentle "ding-dong" rather than an alarm. */
export const CHIME_NOTES = [659.25, 523.25] as const;
/** When each note starts, after the first, in seconds. */
const NOTE_GAP_S = 0.45;
/** Rise and fall of each note: a short, soft attack and a long fade, so nothing clicks or startles. */
const ATTACK_S = 0.04;
const FADE_S = 1.6;
/** The loudest a note gets (volume 100); sine tones carry well, and a kiosk speaker can be close to the chair. */
const MAX_GAIN = 0.35;
/** Exponential ramps cannot reach 0. */
const SILENT = 0.0001;

type AudioContextClass = new () => AudioContext;

function audioContextClass(): AudioContextClass | null {
  if (typeof window === 'undefined') return null;
  const scope = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return scope.AudioContext ?? scope.webkitAudioContext ?? null;
}

/** Volume 0-100 (a setting) as a gain: loudness is heard on a curve, so the scale is squared. */
export function chimeGain(volume: number): number {
  const clamped = Math.min(100, Math.max(0, Number.isFinite(volume) ? volume : 0));
  return MAX_GAIN * (clamped / 100) ** 2;
}

export class Chime {
  #context: AudioContext | null = null;
  #played = 0;

  /** Call from a tap: makes sound possible from now on. Never throws. */
  prepare(): void {
    try {
      if (!this.#context) {
        const Context = audioContextClass();
        if (!Context) return;
        this.#context = new Context();
      }
      if (this.#context.state === 'suspended') void this.#context.resume().catch(() => undefined);
    } catch {
      // No audio on this machine: the timer still shows and announces that it is done.
      this.#context = null;
    }
  }

  /** Two soft notes at `volume` (0-100; 0 is silent). Never throws. */
  play(volume: number): void {
    const peak = chimeGain(volume);
    if (peak <= 0) return;
    this.prepare();
    const context = this.#context;
    if (!context) return;
    try {
      const start = context.currentTime + 0.02;
      CHIME_NOTES.forEach((frequency, index) => this.#note(context, frequency, start + index * NOTE_GAP_S, peak));
      this.#played += 1;
      document.documentElement.dataset.chimesPlayed = String(this.#played);
    } catch {
      // As above: sound is a help, never a requirement.
    }
  }

  #note(context: AudioContext, frequency: number, at: number, peak: number): void {
    const oscillator = context.createOscillator();
    const envelope = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(frequency, at);
    envelope.gain.setValueAtTime(SILENT, at);
    envelope.gain.linearRampToValueAtTime(peak, at + ATTACK_S);
    envelope.gain.exponentialRampToValueAtTime(SILENT, at + ATTACK_S + FADE_S);
    oscillator.connect(envelope);
    envelope.connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + ATTACK_S + FADE_S + 0.05);
  }

  /** Forget the audio context (tests). */
  reset(): void {
    void this.#context?.close?.().catch(() => undefined);
    this.#context = null;
  }
}

export const chime = new Chime();
