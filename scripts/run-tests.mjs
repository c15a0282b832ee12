#!/usr/bin/env node
/**
 * `npm test`: every check the project has, in one run, ending with one line `N passed, N failed, N skipped`.
 * Gates (lint, types, build, security scan) count as one test each; vitest and Playwright count their own tests.
 * It installs what the tests need where it can (Debian's chromium as root) and otherwise says exactly what is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensurePostgres } from './ensure-postgres.mjs';
import { playwrightFailedTests, vitestFailedTests } from './failed-test-names.mjs';

const root = resolve(import.meta.dirname, '..');
const results = resolve(root, 'test-results');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
/** Each failed test by name, printed again just above the totals line. */
const failedTests = [];

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = outcome.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${seconds} s)`);
  return ok;
}

function gate(label, command, args) {
  const ok = run(label, command, args);
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Counts from vitest's JSON report; a run that wrote no report counts as one failure. */
function countVitest(label, ok, file) {
  const report = readJson(file);
  if (!report) {
    totals.failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  const passed = report.numPassedTests ?? 0;
  const failed = (report.numFailedTests ?? 0) + (ok || report.numFailedTests ? 0 : 1);
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (failed) failures.push(`${label}: ${failed} failed`);
  failedTests.push(...vitestFailedTests(report, root).map((line) => `${label} ${line}`));
  console.log(`  ${label}: ${passed} passed, ${failed} failed`);
}

/** Counts from Playwright's JSON report (stats: expected, unexpected, flaky, skipped). */
function countPlaywright(label, ok, file) {
  const report = readJson(file);
  if (!report?.stats) {
    totals.failed++;
    failures.push(`${label} (no report)`);
    return;
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats;
  const failed = unexpected + (ok || unexpected ? 0 : 1);
  totals.passed += expected + flaky;
  totals.failed += failed;
  totals.skipped += skipped;
  if (failed) failures.push(`${label}: ${failed} failed`);
  failedTests.push(...playwrightFailedTests(report).map((line) => `${label} ${line}`));
  console.log(`  ${label}: ${expected + flaky} passed (${flaky} flaky), ${failed} failed, ${skipped} skipped`);
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

if (!existsSync(resolve(root, 'node_modules/.bin/vitest'))) {
  console.error('node_modules is missing: run `npm ci` first (ELECTRON_SKIP_BINARY_DOWNLOAD=1 works offline).');
  process.exit(2);
}

const npx = (bin) => resolve(root, 'node_modules/.bin', bin);

gate('lint: eslint', npx('eslint'), ['.']);
gate('lint: prettier', npx('prettier'), ['--check', '.']);
gate('types: node (tsc)', npx('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
gate('types: web (tsc)', npx('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
gate('types: svelte-check', npx('svelte-check'), ['--tsconfig', 'tsconfig.web.json', '--fail-on-warnings']);
const built = gate('build: electron-vite', npx('electron-vite'), ['build']);

ensurePostgres();
const vitestReport = resolve(results, 'vitest.json');
const vitestOk = run('unit and component tests: vitest', npx('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
countVitest('vitest', vitestOk, vitestReport);

const chromium = ensureChromium();
if (!chromium.ok) {
  console.error(`\n✘ end-to-end tests not run: ${chromium.reason}`);
  totals.failed++;
  failures.push('e2e: Chromium missing');
} else if (!built) {
  console.error('\n✘ end-to-end tests not run: the build failed');
  totals.failed++;
  failures.push('e2e: build failed');
} else {
  const e2eReport = resolve(results, 'e2e-results.json');
  const e2eOk = run('end-to-end tests: playwright', npx('playwright'), ['test'], {
    env: { CHROMIUM_PATH: chromium.path, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
  });
  countPlaywright('playwright', e2eOk, e2eReport);
}

if (built)
  gate('security: electronegativity', process.execPath, [resolve(root, 'scripts/check-electronegativity.mjs')]);
else {
  totals.failed++;
  failures.push('security: electronegativity (no build to scan)');
}

console.log('');
for (const test of failedTests) console.log(`✘ ${test}`);
if (failures.length) console.log(`Failed: ${failures.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
