/**
 * Guide illustrations are inlined (not <img>) so their `currentColor` lines follow the day and night themes. Inlined
 * markup must be only drawing: this keeps an allow-list of SVG shapes and presentation attributes and refuses a file
 * with anything else (scripts, event handlers, links, foreign content) rather than trying to repair it.
 *
 * The files carry an English <title> and <desc>; the kiosk names the picture in the parent's language itself, so
 * those are removed and the drawing is hidden from assistive technology.
 */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'mask',
  'clipPath',
  'path',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'rect',
  'title',
  'desc',
]);

const ATTRIBUTES = new Set([
  'xmlns',
  'viewBox',
  'id',
  'role',
  'aria-labelledby',
  'd',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'width',
  'height',
  'points',
  'transform',
  'opacity',
  'fill',
  'fill-rule',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-dasharray',
  'stroke-opacity',
  'mask',
  'clip-path',
]);

/** A reference inside the same drawing (`url(#id)`) is fine; anything that could reach out is not. */
function safeValue(value: string): boolean {
  const references = value.match(/url\(([^)]*)\)/g) ?? [];
  return references.every((reference) => /^url\(#[A-Za-z][\w-]*\)$/.test(reference)) && !/javascript:/i.test(value);
}

function isDrawingOnly(element: Element): boolean {
  if (!ELEMENTS.has(element.localName)) return false;
  for (const attribute of Array.from(element.attributes)) {
    if (!ATTRIBUTES.has(attribute.name) || !safeValue(attribute.value)) return false;
  }
  return Array.from(element.children).every(isDrawingOnly);
}

/** The markup ready to inline, or null when the file is not a plain drawing. */
export function cleanIllustration(markup: string): string | null {
  const document = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = document.documentElement;
  if (root.localName !== 'svg' || document.getElementsByTagName('parsererror').length > 0) return null;
  if (!isDrawingOnly(root)) return null;
  for (const text of Array.from(root.querySelectorAll('title, desc'))) text.remove();
  root.removeAttribute('role');
  root.removeAttribute('aria-labelledby');
  root.setAttribute('aria-hidden', 'true');
  root.setAttribute('focusable', 'false');
  return new XMLSerializer().serializeToString(root);
}

/** Every usable illustration by file name; a refused file is left out (its guide shows words only) and logged. */
export function cleanIllustrations(files: Record<string, string>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, markup] of Object.entries(files)) {
    const result = cleanIllustration(markup);
    if (result === null) console.warn(`illustration ${name} was not used: it is not a plain drawing`);
    else clean[name] = result;
  }
  return clean;
}
