/**
 * The fixed parts of an Office Open XML workbook (ECMA-376) and the escaping its cell text needs. The workbook is
 * the smallest one Excel, LibreOffice and Google Sheets open without a repair prompt: content types, relationships,
 * a workbook naming its sheets, a style sheet with one bold style for the header row, and the worksheets.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's own limits: rows per sheet (the header included) and characters per cell. */
export const XLSX_MAX_ROWS_PER_SHEET = 1_048_576;
export const XLSX_MAX_CELL_CHARS = 32_767;

export const sheetPath = (index: number) => `xl/worksheets/sheet${index + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, index) =>
      `<Override PartName="/${sheetPath(index)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    `${sheets}</Types>`
  );
}

export const packageRelsXml = () =>
  `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

export function workbookRelsXml(sheetCount: number): string {
  let rels = '';
  for (let index = 0; index < sheetCount; index++) {
    rels += `<Relationship Id="rId${index + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`;
  }
  rels += `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`;
  return `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">${rels}</Relationships>`;
}

export function workbookXml(sheetNames: readonly string[]): string {
  const sheets = sheetNames
    .map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`)
    .join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets}</sheets></workbook>`;
}

/** Style 0 is the default; style 1 is bold, for the header row. */
export const stylesXml = () =>
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * A worksheet's opening: the header row frozen in place, and column widths that fit the column's content (times are
 * 25 characters long).
 */
export function sheetStartXml(widths: readonly number[]): string {
  const cols = widths
    .map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`)
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '</sheetView></sheetViews>' +
    `<cols>${cols}</cols><sheetData>`
  );
}

/** A worksheet's closing, with a filter button on each header cell over the rows written. */
export const sheetEndXml = (lastColumn: string, lastRow: number) =>
  `</sheetData><autoFilter ref="A1:${lastColumn}${lastRow}"/></worksheet>`;

/** A, B, … Z, AA, AB, … for a zero-based column index. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** CR as a character reference: XML readers turn a literal CR LF into LF, and the data must come back unchanged. */
const XML_SPECIALS = /[&<>"\r]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };
/**
 * Characters XML 1.0 cannot carry (C0 controls other than TAB, LF, CR; U+FFFE/U+FFFF; lone surrogates) are written
 * the OOXML way, as _xHHHH_; text that already looks like such an escape gets its underscore escaped (_x005F_), so
 * every string reads back exactly as it was.
 */
const NEEDS_OOXML_ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML cannot carry is the point.
  /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything escapeXml would change; most cells have none of it, and skip the replacing. */
// eslint-disable-next-line no-control-regex -- see NEEDS_OOXML_ESCAPE.
const MAY_NEED_ESCAPING = /[&<>"\r_\u0000-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function escapeXml(text: string): string {
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  return text
    .replace(NEEDS_OOXML_ESCAPE, (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(XML_SPECIALS, (char) => XML_ENTITIES[char]!);
}
