import { describe, expect, it } from 'vitest';
import { judgeFindings, parseCsv, readFindings } from './electronegativity-report.mjs';

const header = 'issue, severity, confidence, filename, location, sample, description, url';
const row = (check: string, severity: string, file: string, sample = 'new BrowserWindow({') =>
  `${check},"${severity}","FIRM","${file}","4:2","${sample.replace(/"/g, '""')}","Some description",https://example.org/${check}`;

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes, line breaks and CRLF', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\nx,y,,z\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', 'y', '', 'z'],
    ]);
  });
});

describe('readFindings', () => {
  it('reads rows whether the header comes first or last', () => {
    const body = `${row('SANDBOX_JS_CHECK', 'MEDIUM', 'main/window.ts')}\n`;
    for (const text of [`${header}\n${body}`, `${body}${header}\n`]) {
      expect(readFindings(text, 'src')).toEqual([
        {
          check: 'SANDBOX_JS_CHECK',
          severity: 'MEDIUM',
          confidence: 'FIRM',
          file: 'src/main/window.ts',
          location: '4:2',
          sample: 'new BrowserWindow({',
          description: 'Some description',
        },
      ]);
    }
  });

  it('keeps a sample with quotes and commas intact', () => {
    const [finding] = readFindings(`${header}\n${row('X', 'LOW', 'a.js', 'f("a, b")')}\n`, 'out');
    expect(finding?.sample).toBe('f("a, b")');
  });

  it('gives no findings for a header-only file', () => {
    expect(readFindings(`${header}\n`, 'src')).toEqual([]);
  });
});

describe('judgeFindings', () => {
  const findings = readFindings(
    [
      header,
      row('NODE_INTEGRATION_JS_CHECK', 'HIGH', 'main/a.ts'),
      row('PRELOAD_JS_CHECK', 'MEDIUM', 'main/window-factory.ts'),
      row('PRELOAD_JS_CHECK', 'MEDIUM', 'main/other.ts'),
      row('CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html'),
      row('SOMETHING', 'INFORMATIONAL', 'main/b.ts'),
    ].join('\n'),
    'src',
  );

  it('fails on HIGH and MEDIUM findings that no review covers', () => {
    const reviewed = [{ check: 'PRELOAD_JS_CHECK', files: ['main/window-factory.ts'], reason: 'fixed API' }];
    const result = judgeFindings(findings, reviewed);
    expect(result.failed).toBe(true);
    expect(result.judged.filter((f) => f.blocking).map((f) => f.file)).toEqual(['src/main/a.ts', 'src/main/other.ts']);
    expect(result.summary).toBe('electronegativity: 1 high, 1 medium, 2 low/informational, 1 reviewed');
  });

  it('passes when only low findings and reviewed ones remain', () => {
    const reviewed = [
      { check: 'PRELOAD_JS_CHECK', files: ['main/window-factory.ts', 'main/other.ts'], reason: 'fixed API' },
      { check: 'NODE_INTEGRATION_JS_CHECK', files: ['main/a.ts'], reason: 'test only' },
    ];
    const result = judgeFindings(findings, reviewed);
    expect(result.failed).toBe(false);
    expect(result.summary).toBe('electronegativity: 0 high, 0 medium, 2 low/informational, 3 reviewed');
  });

  it('passes a clean scan', () => {
    expect(judgeFindings([], [])).toEqual({
      judged: [],
      summary: 'electronegativity: 0 high, 0 medium, 0 low/informational',
      failed: false,
    });
  });
});
