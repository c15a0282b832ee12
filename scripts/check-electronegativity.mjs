// `npm run test:security`: runs electronegativity over src/ and over the built out/ (it cannot read .svelte files,
// so the compiled renderer is scanned too), and fails on any HIGH or MEDIUM finding that is not a reviewed exception.
// electronegativity exits 0 whatever it finds, so its CSV output is parsed instead.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { judgeFindings, readFindings } from './electronegativity-report.mjs';

const projectFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const modules = join(projectFolder, 'node_modules');

/**
 * Findings reviewed by hand and accepted, each with its reason. Keep this list short: fix the shell code instead
 * wherever a check points at something real.
 */
const REVIEWED = [
  {
    check: 'PRELOAD_JS_CHECK',
    files: ['src/main/window-factory.ts', 'out/main/index.js'],
    reason:
      'a prompt to review any preload, not a defect. Ours (src/preload/index.ts) exposes one fixed function per API ' +
      'method and nothing else, runs sandboxed with contextIsolation, and its build requires only "electron".',
  },
];

// electronegativity otherwise assumes Electron 0.1.0, whose defaults (nodeIntegration on, no sandbox) are not ours.
const electronVersion = JSON.parse(readFileSync(join(modules, 'electron', 'package.json'), 'utf8')).version;

const startedAt = Date.now();
const build = spawnSync(process.execPath, [join(modules, 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: projectFolder,
  encoding: 'utf8',
});
const fresh = (file) => existsSync(file) && statSync(file).mtimeMs >= startedAt - 1000;
if (
  !fresh(join(projectFolder, 'out', 'main', 'index.js')) ||
  !fresh(join(projectFolder, 'out', 'preload', 'index.cjs'))
) {
  console.error(
    `electronegativity: the main and preload build failed, nothing to scan.\n${build.stdout}${build.stderr}`,
  );
  process.exit(1);
}
if (build.status !== 0) {
  console.warn('electronegativity: the renderer build failed; scanning src/, out/main and out/preload only.');
}

// Not an electronegativity check, but the same build: a sandboxed preload can require nothing but 'electron'.
const preloadRequires = [
  ...readFileSync(join(projectFolder, 'out', 'preload', 'index.cjs'), 'utf8').matchAll(/\brequire\(([^)]*)\)/g),
]
  .map((match) => match[1].trim())
  .filter((name) => name !== '"electron"' && name !== "'electron'");
if (preloadRequires.length > 0) {
  console.error(
    `preload: out/preload/index.cjs requires ${preloadRequires.join(', ')}; a sandboxed preload may require only "electron".`,
  );
  process.exitCode = 1;
} else {
  console.log('preload: out/preload/index.cjs requires only "electron"');
}

const scratch = mkdtempSync(join(tmpdir(), 'kiosk-electronegativity-'));
try {
  const lowered = lowerBuiltOutput(join(projectFolder, 'out'), join(scratch, 'out'));
  const findings = (await Promise.all([scan('src', join(projectFolder, 'src')), scan('out', lowered)])).flat();
  const { judged, summary, failed } = judgeFindings(findings, REVIEWED);
  for (const finding of judged) {
    const tag = finding.blocking
      ? finding.severity
      : finding.reviewedBecause
        ? `${finding.severity}, reviewed`
        : finding.severity;
    console.log(`[${tag}] ${finding.check} ${finding.file}:${finding.location}  ${finding.sample.slice(0, 100)}`);
    console.log(
      `    ${finding.description}${finding.reviewedBecause ? ` (accepted: ${finding.reviewedBecause})` : ''}`,
    );
  }
  console.log(summary);
  if (failed) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * A copy of out/ with every bundle compiled down to ES2019. electronegativity's parser stops at class private fields
 * (`#field`, in both bundles) and would then skip the whole file without failing; the lowered code keeps every
 * call and option object it looks for.
 */
function lowerBuiltOutput(source, target) {
  cpSync(source, target, { recursive: true });
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(c|m)?js$/.test(entry.name)) {
        const { outputText } = ts.transpileModule(readFileSync(path, 'utf8'), {
          fileName: entry.name,
          compilerOptions: {
            allowJs: true,
            target: ts.ScriptTarget.ES2019,
            module: ts.ModuleKind.Preserve,
            removeComments: false,
          },
        });
        writeFileSync(path, outputText);
      }
    }
  };
  visit(target);
  return target;
}

/** Runs electronegativity over one folder and reads its CSV report; a file it cannot parse fails the check. */
function scan(label, folder) {
  const report = join(scratch, `${label}.csv`);
  const args = [
    join(modules, '@doyensec', 'electronegativity', 'dist', 'index.js'),
    '-i',
    folder,
    '-o',
    report,
    '-r',
    '-v',
    'false',
    '-e',
    electronVersion,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectFolder, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const unparsed = output.split('\n').filter((line) => line.startsWith('Error parsing'));
      if (code !== 0 || !existsSync(report) || unparsed.length > 0) {
        reject(
          new Error(`electronegativity could not scan ${label}/ (exit ${code}):\n${unparsed.join('\n') || output}`),
        );
        return;
      }
      resolve(readFindings(readFileSync(report, 'utf8'), label));
    });
  });
}
