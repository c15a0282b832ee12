import { afterEach, describe, expect, it, vi } from 'vitest';
import { Chime, CHIME_NOTES, chimeGain } from './chime';

/** A stand-in AudioContext that records what a chime asks of it. */
function recordingAudio(initialState: AudioContextState = 'running') {
  const notes: { frequency: number; start: number; stop: number; peak: number; fadesTo: number }[] = [];
  const resume = vi.fn(() => Promise.resolve());
  let created = 0;

  class FakeAudioContext {
    state = initialState;
    currentTime = 10;
    destination = {};
    resume = resume;
    close = () => Promise.resolve();
    constructor() {
      created += 1;
    }
    createOscillator() {
      const note = { frequency: 0, start: 0, stop: 0, peak: 0, fadesTo: -1 };
      notes.push(note);
      return {
        type: '',
        frequency: { setValueAtTime: (value: number) => (note.frequency = value) },
        connect: () => undefined,
        start: (at: number) => (note.start = at),
        stop: (at: number) => (note.stop = at),
      };
    }
    createGain() {
      const note = () => notes[notes.length - 1]!;
      return {
        gain: {
          setValueAtTime: () => undefined,
          linearRampToValueAtTime: (value: number) => (note().peak = value),
          exponentialRampToValueAtTime: (value: number) => (note().fadesTo = value),
        },
        connect: () => undefined,
      };
    }
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  return { notes, resume, created: () => created };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('chimeGain', () => {
  it('is silent at 0, loudest at 100, and quieter on a curve in between', () => {
    expect(chimeGain(0)).toBe(0);
    expect(chimeGain(100)).toBeCloseTo(0.35);
    expect(chimeGain(25)).toBeLessThan(chimeGain(60) / 4);
    expect(chimeGain(150)).toBe(chimeGain(100));
    expect(chimeGain(-5)).toBe(0);
    expect(chimeGain(Number.NaN)).toBe(0);
  });
});

describe('the chime', () => {
  it('plays two soft notes, one after the other, each fading out', () => {
    const audio = recordingAudio();
    new Chime().play(60);
    expect(audio.notes.map((note) => note.frequency)).toEqual([...CHIME_NOTES]);
    const [first, second] = audio.notes;
    expect(second!.start).toBeGreaterThan(first!.start);
    for (const note of audio.notes) {
      expect(note.start).toBeGreaterThanOrEqual(10);
      expect(note.peak).toBeCloseTo(chimeGain(60));
      expect(note.fadesTo).toBeLessThan(0.001);
      expect(note.stop).toBeGreaterThan(note.start + 1);
    }
  });

  it('is quieter at the night volume', () => {
    const audio = recordingAudio();
    const chime = new Chime();
    chime.play(60);
    chime.play(25);
    expect(audio.notes[2]!.peak).toBeLessThan(audio.notes[0]!.peak);
  });

  it('makes no sound at volume 0, and creates one audio context for many chimes', () => {
    const audio = recordingAudio();
    const chime = new Chime();
    chime.play(0);
    expect(audio.notes).toHaveLength(0);
    chime.play(50);
    chime.play(50);
    expect(audio.notes).toHaveLength(4);
    expect(audio.created()).toBe(1);
  });

  it('resumes a context the browser suspended, on the tap that prepares it', () => {
    const audio = recordingAudio('suspended');
    new Chime().prepare();
    expect(audio.resume).toHaveBeenCalledTimes(1);
  });

  it('stays quiet, without throwing, where there is no Web Audio', () => {
    vi.stubGlobal('AudioContext', undefined);
    const chime = new Chime();
    expect(() => chime.prepare()).not.toThrow();
    expect(() => chime.play(80)).not.toThrow();
  });
});
