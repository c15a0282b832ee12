/**
 * One line per failed test, read from vitest's and Playwright's JSON reports, so the tail of a CI log names what
 * failed (a long log is often read only from its end).
 */

const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((line) => line.trim())
    ?.trim() ?? '';

const clip = (text, max = 240) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Failed tests in a vitest JSON report; a file that failed before any test ran is named with its error. */
export function vitestFailedTests(report, projectFolder) {
  const lines = [];
  for (const file of report?.testResults ?? []) {
    const name = file.name?.startsWith(`${projectFolder}/`) ? file.name.slice(projectFolder.length + 1) : file.name;
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failed) lines.push(clip(`${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`));
    if (file.status === 'failed' && failed.length === 0) lines.push(clip(`${name}: ${firstLine(file.message)}`));
  }
  return lines;
}

/** Tests Playwright reported as unexpected (failed after every retry), with project, file:line and first error line. */
export function playwrightFailedTests(report) {
  const lines = [];
  const walk = (suites, titles, isFileLevel) => {
    for (const suite of suites ?? []) {
      const path = isFileLevel ? titles : [...titles, suite.title];
      for (const spec of suite.specs ?? [])
        for (const test of spec.tests ?? []) {
          if (test.status !== 'unexpected') continue;
          const error = test.results?.at(-1)?.error?.message;
          const title = [...path, spec.title].join(' › ');
          lines.push(clip(`[${test.projectName}] ${spec.file}:${spec.line} › ${title}: ${firstLine(error)}`));
        }
      walk(suite.suites, path, false);
    }
  };
  walk(report?.suites, [], true);
  return lines;
}
