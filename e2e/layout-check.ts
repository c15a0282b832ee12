/// <reference lib="dom" />
// The measuring functions below run inside the page (page.evaluate), so they are written against the DOM.
/**
 * The layout check: measures the page as it is drawn and lists what a person would see as broken — the page scrolling
 * sideways, text spilling out of (or cut by) its box, a word broken mid-word without a hyphen, anything drawn off the
 * screen's sides, touch targets under 44 px, targets on top of each other, the screen's main button out of view, and
 * a line that must be read without scrolling (how to reach a nurse) cut by the window or by its scroll box.
 * Screenshots and findings are written under test-results/layout/, with index.html showing all of them in one grid.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

export const LAYOUT_DIR = 'test-results/layout';

/** The screens hospitals mount: small panels, tablets, wall monitors and pedestal kiosks (portrait). */
export const KIOSK_SIZES = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
  { width: 800, height: 1280 },
  { width: 1080, height: 1920 },
] as const;

export type KioskSize = (typeof KIOSK_SIZES)[number];

export interface LayoutFinding {
  screen: string;
  size: string;
  kind: string;
  element: string;
  detail: string;
}

interface PageFinding {
  kind: string;
  element: string;
  detail: string;
}

/** A touch target smaller than this (CSS px, either side) is too small for a tired hand. */
const MIN_TARGET_PX = 44;

/**
 * Runs in the page: every finding on the screen as it is now, scrolled to the top as a screen is first seen (unless
 * `atTop` is false: the on-screen keyboard scrolls the field being typed into above its keys, and that is the view).
 */
function measure({ minTarget, atTop }: { minTarget: number; atTop: boolean }): PageFinding[] {
  const findings: PageFinding[] = [];
  const width = document.documentElement.clientWidth;
  const height = document.documentElement.clientHeight;
  const name = (element: Element): string => {
    const classes = [...element.classList].filter((item) => !item.startsWith('svelte-')).join('.');
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return `<${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''}> "${text}"`;
  };
  const scrolls = (style: CSSStyleDeclaration, axis: 'x' | 'y') => {
    const value = axis === 'x' ? style.overflowX : style.overflowY;
    return value === 'auto' || value === 'scroll';
  };
  /** Drawn and not a screen-reader-only element (those are clipped to a pixel on purpose). */
  const shown = (element: Element): boolean => {
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.opacity === '0') return false;
    if (style.clip !== 'auto' && style.clip !== '' && style.position === 'absolute') return false;
    if (element.closest('[hidden], [inert], [aria-hidden="true"]') && !element.closest('svg')) return false;
    return true;
  };

  if (atTop) {
    for (const element of [document.documentElement, ...document.querySelectorAll('*')]) {
      if (element instanceof HTMLElement) element.scrollTop = 0;
    }
    window.scrollTo(0, 0);
  }

  if (document.documentElement.scrollWidth > width + 1) {
    findings.push({
      kind: 'page-overflow',
      element: 'the page',
      detail: `scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px window`,
    });
  }

  const all = [...document.body.querySelectorAll('*')].filter(
    (element) => !(element instanceof SVGElement) && shown(element),
  );

  const drawn = new Set(all);

  // Text overflowing or cut: the innermost box whose content is larger than the box, where nothing scrolls on purpose.
  const spilled: Element[] = [];
  for (const element of all) {
    if (!(element instanceof HTMLElement)) continue;
    const style = getComputedStyle(element);
    if (style.display === 'inline' || style.display === 'contents') continue;
    if (style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none') continue;
    const wide = element.scrollWidth > element.clientWidth + 1 && !scrolls(style, 'x');
    // Glyphs may stand a little above and below a tight line box (line-height 1): a quarter of the font is allowed.
    const slack = Math.max(2, parseFloat(style.fontSize) / 4);
    const tall = element.scrollHeight > element.clientHeight + slack && !scrolls(style, 'y');
    if ((wide || tall) && (element.textContent ?? '').trim() !== '') spilled.push(element);
  }
  for (const element of spilled) {
    if (spilled.some((other) => other !== element && element.contains(other))) continue;
    const box = element as HTMLElement;
    findings.push({
      kind: 'text-overflow',
      element: name(element),
      detail: `content ${box.scrollWidth}×${box.scrollHeight} in a ${box.clientWidth}×${box.clientHeight} box`,
    });
  }

  // Words broken mid-word: a word drawn on two lines, where the text is not hyphenated by language.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const broken = new Set<Element>();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // Any split counts, hyphenated or not: where the browser has no hyphenation dictionary (Chromium on Linux),
    // `hyphens: auto` draws no hyphen, so the only safe words are whole ones.
    if (!parent || broken.has(parent) || !drawn.has(parent)) continue;
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/[^\s\-–—/]{2,}/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => rect.top));
      if (lines.size > 1) {
        broken.add(parent);
        findings.push({ kind: 'word-broken', element: name(parent), detail: `"${match[0]}" is split across lines` });
        break;
      }
    }
  }

  // Anything drawn past the left or right edge, unless it sits in a box that scrolls sideways on purpose.
  const outside: Element[] = [];
  for (const element of all) {
    const rect = element.getBoundingClientRect();
    if (rect.right <= width + 1 && rect.left >= -1) continue;
    let scroller = element.parentElement;
    while (scroller && !scrolls(getComputedStyle(scroller), 'x')) scroller = scroller.parentElement;
    if (scroller && scroller !== document.documentElement && scroller !== document.body) continue;
    if (outside.some((other) => other.contains(element))) continue;
    outside.push(element);
    findings.push({
      kind: 'off-screen',
      element: name(element),
      detail: `spans x ${Math.round(rect.left)}…${Math.round(rect.right)} in a ${width} px window`,
    });
  }

  // Touch targets: a hidden radio or checkbox is touched through its label.
  const targets = new Set<Element>();
  const selector =
    'button, a[href], input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="radio"], [role="checkbox"], [role="switch"]';
  for (const element of document.body.querySelectorAll(selector)) {
    if (element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox')) {
      const label = element.closest('label') ?? element.labels?.[0];
      if (label && shown(label)) {
        targets.add(label);
        continue;
      }
    }
    if (shown(element)) targets.add(element);
  }
  const floats = (element: Element): boolean => {
    for (let at: Element | null = element; at; at = at.parentElement) {
      const position = getComputedStyle(at).position;
      if (position === 'sticky' || position === 'fixed') return true;
    }
    return false;
  };
  const boxes = [...targets].map((element) => ({ element, rect: element.getBoundingClientRect() }));
  for (const { element, rect } of boxes) {
    if (rect.width < minTarget - 0.5 || rect.height < minTarget - 0.5) {
      findings.push({
        kind: 'small-target',
        element: name(element),
        detail: `${Math.round(rect.width)}×${Math.round(rect.height)} px`,
      });
    }
  }
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
      // A bar that stays put (sticky or fixed) floats over content that scrolls under it, by design.
      if (floats(a.element) !== floats(b.element)) continue;
      const across = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const down = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (across > 1 && down > 1) {
        findings.push({ kind: 'overlap', element: name(a.element), detail: `drawn over ${name(b.element)}` });
      }
    }
  }
  // A target whose middle is covered by something else cannot be touched there.
  for (const { element, rect } of boxes) {
    const x = rect.left + rect.width / 2;
    const y = rect.top + rect.height / 2;
    if (x < 0 || y < 0 || x >= width || y >= height) continue;
    let scroller = element.parentElement;
    while (scroller && !scrolls(getComputedStyle(scroller), 'y')) scroller = scroller.parentElement;
    if (scroller && scroller !== document.documentElement && scroller !== document.body) {
      const view = scroller.getBoundingClientRect();
      if (y < view.top || y > view.bottom) continue;
    }
    const hit = document.elementFromPoint(x, y);
    if (hit && floats(hit) !== floats(element)) continue;
    if (
      hit &&
      !element.contains(hit) &&
      !hit.contains(element) &&
      !(hit instanceof SVGElement && element.contains(hit))
    ) {
      findings.push({ kind: 'covered', element: name(element), detail: `its middle is under ${name(hit)}` });
    }
  }
  return findings;
}

/** Runs in the page: where the primary button is drawn, scrolled to the top. */
function primaryFinding(element: Element): PageFinding | null {
  const rect = element.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const height = document.documentElement.clientHeight;
  if (rect.width === 0 || rect.height === 0) return { kind: 'primary-hidden', element: 'primary', detail: 'not drawn' };
  if (rect.left >= -1 && rect.top >= -1 && rect.right <= width + 1 && rect.bottom <= height + 1) return null;
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
  return {
    kind: 'primary-hidden',
    element: `"${text}"`,
    detail: `at ${Math.round(rect.left)},${Math.round(rect.top)}…${Math.round(rect.right)},${Math.round(rect.bottom)} in ${width}×${height}`,
  };
}

/**
 * Runs in the page, after `measure` has scrolled everything to the top: whether the element is whole on screen as the
 * screen is first seen, inside the window and inside every box around it that scrolls or clips.
 */
function inViewFinding(element: Element): PageFinding | null {
  const rect = element.getBoundingClientRect();
  const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
  if (rect.width === 0 || rect.height === 0) return { kind: 'not-in-view', element: `"${text}"`, detail: 'not drawn' };
  // The innermost box first: it is the one to fix.
  const views: { name: string; top: number; bottom: number; left: number; right: number }[] = [];
  for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
    const style = getComputedStyle(box);
    if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
    // The box's inside, between its borders: what it shows without being scrolled.
    const outer = box.getBoundingClientRect();
    const top = outer.top + box.clientTop;
    const left = outer.left + box.clientLeft;
    const classes = [...box.classList].filter((item) => !item.startsWith('svelte-')).join('.');
    views.push({
      name: `its scroll box <${box.tagName.toLowerCase()}${classes ? `.${classes}` : ''}>`,
      top,
      left,
      bottom: top + box.clientHeight,
      right: left + box.clientWidth,
    });
  }
  views.push({
    name: 'the window',
    top: 0,
    left: 0,
    bottom: document.documentElement.clientHeight,
    right: document.documentElement.clientWidth,
  });
  for (const view of views) {
    if (
      rect.top >= view.top - 1 &&
      rect.left >= view.left - 1 &&
      rect.bottom <= view.bottom + 1 &&
      rect.right <= view.right + 1
    )
      continue;
    return {
      kind: 'not-in-view',
      element: `"${text}"`,
      detail: `at ${Math.round(rect.left)},${Math.round(rect.top)}…${Math.round(rect.right)},${Math.round(rect.bottom)}, outside ${view.name} (${Math.round(view.left)},${Math.round(view.top)}…${Math.round(view.right)},${Math.round(view.bottom)}) until scrolled`,
    };
  }
  return null;
}

export interface CheckOptions {
  /** A field scrolled into view above the on-screen keys at each size, as the keyboard does, instead of the top. */
  focused?: Locator;
  /** What must be whole on screen without scrolling at every size (how to reach a nurse, on a "get help" page). */
  inView?: Locator;
}

export interface ShotEntry {
  screen: string;
  size: string;
  language: string;
  theme: string;
  file: string;
  findings: number;
}

/**
 * One walk through the screens in one language and theme: `check` measures the screen at every kiosk size (resizing
 * the same page), saves a screenshot of each, and keeps the findings; `finish` writes them down for the contact sheet.
 */
export class LayoutWalk {
  readonly findings: LayoutFinding[] = [];
  readonly shots: ShotEntry[] = [];

  /** `pngFolder`: also saves each size as a PNG there (screenshots to look at outside the repository). */
  constructor(
    private readonly page: Page,
    private readonly language: string,
    private readonly theme: string,
    private readonly pngFolder?: string,
  ) {
    mkdirSync(LAYOUT_DIR, { recursive: true });
    if (pngFolder) mkdirSync(pngFolder, { recursive: true });
  }

  /** Measures `screen` at every size; `primary` is the button that must be on screen without scrolling. */
  async check(screen: string, primary?: Locator, { focused, inView }: CheckOptions = {}): Promise<void> {
    const restore = this.page.viewportSize();
    for (const size of KIOSK_SIZES) {
      const label = `${size.width}x${size.height}`;
      await this.page.setViewportSize(size);
      // Two frames: one for the resize to lay out, one for anything that measures itself after it (ResizeObserver).
      await this.page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
      );
      if (focused) await focused.click();
      const found = await this.page.evaluate(measure, { minTarget: MIN_TARGET_PX, atTop: !focused });
      if (primary) {
        const where = await primary.first().evaluate(primaryFinding);
        if (where) found.push(where);
      }
      if (inView) {
        for (const line of await inView.all()) {
          const where = await line.evaluate(inViewFinding);
          if (where) found.push(where);
        }
        if ((await inView.count()) === 0) found.push({ kind: 'not-in-view', element: 'the line', detail: 'not found' });
      }
      for (const finding of found) this.findings.push({ screen, size: label, ...finding });
      // JPEG: several times quicker to encode than PNG at 1080x1920, and plenty for a person looking for faults.
      const file = `${screen}-${label}-${this.language}-${this.theme}.jpg`;
      await this.page.screenshot({ path: join(LAYOUT_DIR, file), type: 'jpeg', quality: 80 });
      if (this.pngFolder) {
        await this.page.screenshot({ path: join(this.pngFolder, file.replace(/\.jpg$/, '.png')), type: 'png' });
      }
      this.shots.push({
        screen,
        size: label,
        language: this.language,
        theme: this.theme,
        file,
        findings: found.length,
      });
    }
    if (restore) await this.page.setViewportSize(restore);
  }

  /** Saves this walk's shots and rewrites the contact sheet from every walk saved so far. */
  finish(walkName: string): void {
    const file = join(LAYOUT_DIR, `${walkName}-${this.language}-${this.theme}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify({ shots: this.shots, findings: this.findings }));
    renameSync(`${file}.tmp`, file);
    writeContactSheet();
  }

  /** The findings, one line each, for the failure message. */
  report(): string {
    return this.findings
      .map((item) => `${item.screen} ${item.size}: ${item.kind} ${item.element} — ${item.detail}`)
      .join('\n');
  }
}

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** index.html: every screenshot saved so far in a grid, labelled screen / size / language / theme, findings in red. */
export function writeContactSheet(): void {
  const walks = readdirSync(LAYOUT_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map(
      (file) =>
        JSON.parse(readFileSync(join(LAYOUT_DIR, file), 'utf8')) as { shots: ShotEntry[]; findings: LayoutFinding[] },
    );
  const shots = walks.flatMap((walk) => walk.shots);
  const findings = walks.flatMap((walk) => walk.findings);
  const screens = [...new Set(shots.map((shot) => shot.screen))];
  const sections = screens
    .map((screen) => {
      const cells = shots
        .filter((shot) => shot.screen === screen)
        .map(
          (shot) =>
            `<figure${shot.findings ? ' class="bad"' : ''}><a href="${escape(shot.file)}"><img loading="lazy" src="${escape(shot.file)}" alt=""></a>` +
            `<figcaption>${escape(`${shot.screen} · ${shot.size} · ${shot.language} · ${shot.theme}`)}${shot.findings ? ` · ${shot.findings} finding(s)` : ''}</figcaption></figure>`,
        )
        .join('\n');
      return `<h2 id="${escape(screen)}">${escape(screen)}</h2>\n<div class="grid">${cells}</div>`;
    })
    .join('\n');
  const list = findings.length
    ? `<ol>${findings.map((item) => `<li>${escape(`${item.screen} ${item.size}: ${item.kind} ${item.element} — ${item.detail}`)}</li>`).join('')}</ol>`
    : '<p>No findings.</p>';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kiosk layout: every screen at every size</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px;align-items:end}
figure{margin:0}img{width:100%;border:1px solid #999}figcaption{font-size:12px}.bad img{outline:4px solid #c00}.bad figcaption{color:#c00}nav a{margin-right:.6rem}</style></head>
<body><h1>Kiosk layout: ${shots.length} screenshots, ${findings.length} findings</h1>
<nav>${screens.map((screen) => `<a href="#${escape(screen)}">${escape(screen)}</a>`).join('')}</nav>${list}
${sections}</body></html>`;
  // Two workers may finish at once: each writes its own temporary file, then renames it into place.
  const temporary = join(LAYOUT_DIR, `index.html.${process.pid}.tmp`);
  writeFileSync(temporary, html);
  renameSync(temporary, join(LAYOUT_DIR, 'index.html'));
}
