// Reading electronegativity's CSV output. Pure, so the parsing and the verdict are unit-tested.

/** RFC 4180 parsing: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/**
 * Findings from one CSV file. Electronegativity writes the header and the rows with two racing writeFile calls, so
 * the header line is dropped wherever it lands rather than assumed to be first.
 */
export function readFindings(csvText, scanned) {
  return parseCsv(csvText)
    .filter((cells) => cells[0]?.trim() !== 'issue')
    .map(([check = '', severity = '', confidence = '', file = '', location = '', sample = '', description = '']) => ({
      check: check.trim(),
      severity: severity.trim().toUpperCase(),
      confidence: confidence.trim(),
      file: file === 'N/A' ? scanned : `${scanned}/${file}`,
      location,
      sample: sample.trim(),
      description,
    }));
}

/** A finding is blocking when it is HIGH or MEDIUM and no reviewed exception covers it. */
export function judgeFindings(findings, reviewed) {
  const exceptionFor = (finding) =>
    reviewed.find((entry) => entry.check === finding.check && entry.files.some((file) => finding.file.endsWith(file)));
  const judged = findings.map((finding) => {
    const exception = exceptionFor(finding);
    const serious = finding.severity === 'HIGH' || finding.severity === 'MEDIUM';
    return { ...finding, blocking: serious && !exception, reviewedBecause: exception?.reason };
  });
  const count = (predicate) => judged.filter(predicate).length;
  const summary =
    `electronegativity: ${count((f) => f.blocking && f.severity === 'HIGH')} high, ` +
    `${count((f) => f.blocking && f.severity === 'MEDIUM')} medium, ` +
    `${count((f) => f.severity !== 'HIGH' && f.severity !== 'MEDIUM')} low/informational` +
    (count((f) => f.reviewedBecause !== undefined) > 0
      ? `, ${count((f) => f.reviewedBecause !== undefined)} reviewed`
      : '');
  return { judged, summary, failed: judged.some((finding) => finding.blocking) };
}
