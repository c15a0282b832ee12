import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playwrightFailedTests, vitestFailedTests } from './failed-test-names.mjs';

// Real reports from the real tools: a small suite with one pass and one failure, run in a temporary folder with its own
// configs and a link to the project's packages so that its imports resolve.
const root = resolve(import.meta.dirname, '..');
const folder = realpathSync(mkdtempSync(join(tmpdir(), 'failed-test-names-')));
symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
writeFileSync(join(folder, 'vitest.config.mjs'), 'export default {};\n');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function runTool(bin: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(join(root, 'node_modules', '.bin', bin), args, {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

describe('the failed tests named at the end of a CI log', () => {
  it('names each failed vitest test with its file, its full name and the first line of its error', () => {
    writeFileSync(
      join(folder, 'sample.test.ts'),
      `import { describe, expect, it } from 'vitest';
describe('a group', () => {
  it('passes', () => expect(1).toBe(1));
  it('fails here', () => expect('left').toBe('right'));
});`,
    );
    const report = join(folder, 'vitest.json');
    const outcome = runTool('vitest', ['run', 'sample.test.ts', '--reporter=json', `--outputFile.json=${report}`]);
    expect(outcome.status).not.toBe(0);
    const names = vitestFailedTests(JSON.parse(readFileSync(report, 'utf8')), folder);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^sample\.test\.ts › a group fails here: .*expected 'left' to be 'right'/);
  }, 60_000);

  it('names each failed Playwright test with its project, file:line, describe path and the first line of its error', () => {
    writeFileSync(
      join(folder, 'sample.spec.ts'),
      `import { expect, test } from '@playwright/test';
test.describe('a group', () => {
  test('passes', () => expect(1).toBe(1));
  test('fails here', () => expect('left').toBe('right'));
});`,
    );
    writeFileSync(
      join(folder, 'playwright.config.ts'),
      `export default { testDir: '.', testMatch: 'sample.spec.ts', projects: [{ name: 'plain' }] };`,
    );
    const report = join(folder, 'playwright.json');
    const outcome = runTool('playwright', ['test', '--reporter=json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
    expect(outcome.status).not.toBe(0);
    const names = playwrightFailedTests(JSON.parse(readFileSync(report, 'utf8')));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^\[plain\] sample\.spec\.ts:4 › a group › fails here: .*toBe/);
  }, 60_000);

  it('names a vitest file that failed before any of its tests ran', () => {
    const report = {
      testResults: [
        { name: `${folder}/broken.test.ts`, status: 'failed', message: 'SyntaxError: x\n  at y', assertionResults: [] },
      ],
    };
    expect(vitestFailedTests(report, folder)).toEqual(['broken.test.ts: SyntaxError: x']);
  });

  it('reads a missing or empty report as no names', () => {
    expect(vitestFailedTests(undefined, folder)).toEqual([]);
    expect(playwrightFailedTests({})).toEqual([]);
  });
});
