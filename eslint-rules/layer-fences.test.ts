import { describe, expect, it } from 'vitest';
import { checkImport } from './layer-fences.js';

const root = '/project';
const allowed = (from: string, source: string) =>
  expect(checkImport(from, source, root), `${from} → ${source}`).toBeUndefined();
const refused = (from: string, source: string, why: RegExp) => expect(checkImport(from, source, root)).toMatch(why);

describe('layer fences', () => {
  it('keeps electron out of core, the bridge, shared and the renderer', () => {
    refused('src/main/core/kiosk-core.ts', 'electron', /core must not import electron/);
    refused('src/main/core/services/x.ts', 'electron/main', /electron/);
    refused('src/bridge/bridge-server.ts', 'electron', /electron/);
    refused('src/shared/contract.ts', 'electron', /electron/);
    refused('src/renderer/App.svelte', 'electron', /electron/);
    allowed('src/main/ipc-handlers.ts', 'electron');
  });

  it('keeps the renderer away from main, Node and the database', () => {
    refused('src/renderer/lib/kiosk-api.ts', '../../main/core/kiosk-core', /renderer must not import from core/);
    refused('src/renderer/App.svelte', '../main/index', /renderer must not import from shell/);
    refused('src/renderer/App.svelte', 'node:fs', /Node's node:fs/);
    refused('src/renderer/App.svelte', 'better-sqlite3', /better-sqlite3/);
    allowed('src/renderer/lib/kiosk-api.ts', '../../shared/contract');
  });

  it('lets shared import nothing environment-specific', () => {
    refused('src/shared/contract.ts', 'node:path', /Node/);
    refused('src/shared/contract.ts', '../main/core/errors', /shared must not import from core/);
    refused('src/shared/contract.ts', 'better-sqlite3', /package better-sqlite3/);
    allowed('src/shared/contract.ts', 'zod');
    allowed('src/shared/contract.ts', './domain');
  });

  it('lets the preload import only electron and the zod-free method list', () => {
    allowed('src/preload/index.ts', '../shared/api-methods');
    refused('src/preload/index.ts', '../shared/contract', /preload must not import from shared/);
    refused('src/preload/index.ts', 'zod', /package zod/);
    refused('src/preload/index.ts', 'node:fs', /Node/);
  });

  it('lets core use Node and packages but not the shell above it', () => {
    allowed('src/main/core/db/open-database.ts', 'better-sqlite3');
    allowed('src/main/core/db/open-database.ts', 'node:fs');
    refused('src/main/core/kiosk-core.ts', '../ipc-handlers', /core must not import from shell/);
    refused('src/main/core/kiosk-core.ts', '../../bridge/bridge-server', /core must not import from bridge/);
  });

  it('keeps the fleet link above core and below the shell, and PostgreSQL out of core', () => {
    allowed('src/main/fleet/central/central-connection.ts', 'pg');
    allowed('src/main/fleet/delivery/worker.ts', '../../core/repositories/outbox-repository');
    allowed('src/commands/fleet-command.ts', '../main/fleet/central/kiosk-registry');
    allowed('src/main/index.ts', './fleet/delivery/worker');
    refused('src/main/core/kiosk-core.ts', 'pg', /core must not import pg/);
    refused('src/main/core/kiosk-core.ts', '../fleet/central/kiosk-registry', /core must not import from fleet/);
    refused('src/main/fleet/delivery/worker.ts', 'electron', /fleet must not import electron/);
    refused(
      'src/main/fleet/delivery/worker.ts',
      '../../../commands/fleet-command',
      /fleet must not import from commands/,
    );
  });

  it('puts the IT commands below both the shell and the npm scripts, free of electron', () => {
    allowed('src/main/app-command-host.ts', '../commands/staff-command');
    allowed('src/cli/staff.ts', '../commands/staff-command');
    refused('src/main/app-command-host.ts', '../cli/staff', /shell must not import from cli/);
    refused('src/commands/staff-command.ts', '../cli/staff', /commands must not import from cli/);
    refused('src/commands/staff-command.ts', '../main/app-command-host', /commands must not import from shell/);
    refused('src/commands/staff-command.ts', 'electron', /commands must not import electron/);
  });

  it('lets the browser preview’s entry wire the bridge and the fleet, and keeps the bridge on core alone', () => {
    allowed('src/cli/web-kiosk.ts', '../bridge/bridge-server');
    allowed('src/cli/web-kiosk.ts', '../main/fleet/kiosk/kiosk-fleet-wiring');
    refused('src/bridge/bridge-server.ts', '../main/fleet/kiosk/fleet-report', /bridge must not import from fleet/);
    refused('src/bridge/bridge-server.ts', '../cli/web-kiosk', /bridge must not import from cli/);
  });
});

describe('test files', () => {
  it('may use test libraries but not cross fences', () => {
    allowed('src/shared/contract.test.ts', 'vitest');
    refused('src/shared/contract.ts', 'vitest', /package vitest/);
    refused('src/main/core/kiosk-core.test.ts', 'electron', /electron/);
  });
});

describe('test support', () => {
  it('is loaded by tests, other test support and the crash trials, never by the app', () => {
    allowed('src/main/core/services/timers.test.ts', '../testing/timers-kit');
    allowed('src/main/core/testing/export-fixture.ts', './report-fixture');
    allowed('src/renderer/parent/LetdownDeck.test.ts', './testing/section-props');
    allowed('src/main/core/reliability/crash-trials.ts', '../testing/seed-staff');
    refused('src/main/core/kiosk-core.ts', './testing/temp-folder', /only tests may import test support/);
    refused('src/renderer/parent/ParentHub.svelte', './testing/content-fixture', /only tests may import test support/);
    refused('src/bridge/bridge-server.ts', '../main/core/testing/failure-log', /only tests/);
  });
});
