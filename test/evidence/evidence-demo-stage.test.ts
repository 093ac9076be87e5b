import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVIDENCE_REPORT_FILES, evidenceKinds, evidenceReportSchemas } from '@release-actions/core';
import { evidenceStage } from '../../packages/cli/src/demo/stages/evidence.js';
import type { DemoContext } from '../../packages/cli/src/demo/types.js';

test('the demo evidence stage writes the three passed reports into build-artifacts/', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/health+json' });
    res.end('{"status":"pass"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const outDir = join(await mkdtemp(join(tmpdir(), 'ra-demo-evidence-')), 'build-artifacts');
  const cleanups: Array<() => Promise<void> | void> = [];
  const lines: string[] = [];
  const context = {
    outDir,
    gateDir: join(outDir, 'release-gate'),
    reportPath: join(outDir, 'release-gate/report.json'),
    service: { base, healthyUrl: `${base}/healthz` },
    log: (line: string) => lines.push(line),
    onCleanup: (fn: () => Promise<void> | void) => cleanups.push(fn),
    wrote: () => {},
    shared: {},
  } as unknown as DemoContext;
  try {
    const outcome = await evidenceStage.run(context);
    expect(outcome).toEqual({
      asIntended: true,
      summary: 'receiver validation, receiver drill and load calibration passed; reports in build-artifacts/',
    });
    for (const kind of evidenceKinds) {
      const report = evidenceReportSchemas[kind].parse(
        JSON.parse(await readFile(join(outDir, `${EVIDENCE_REPORT_FILES[kind]}.json`), 'utf8')),
      );
      expect(report.status).toBe('passed');
    }
    expect(lines.join('\n')).toMatch(/staging: delivered in [\d.]+ms/);
    expect(cleanups).toHaveLength(1);
  } finally {
    for (const cleanup of cleanups) await cleanup();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
