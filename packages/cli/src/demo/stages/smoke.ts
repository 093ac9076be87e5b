import { mergeReportSection, normaliseProbe, reportIdentity, runSmoke } from '@release-actions/core';
import { cliRunCommand, renderSmokeText } from '../../commands/smoke.js';
import type { DemoStage } from '../types.js';

/** Smokes the sample service: the healthy endpoint passes, the actuator that says DOWN is blocked. */
export const smokeStage: DemoStage = {
  name: 'smoke',
  title: 'Smoke the new version: one healthy endpoint, one that answers 200 but reports DOWN',
  async run(context) {
    const probes = [
      normaliseProbe({ name: 'checkout healthz', url: context.service.healthyUrl }, {}, 'demo probe 1'),
      normaliseProbe({ name: 'checkout actuator', url: context.service.unhealthyUrl }, {}, 'demo probe 2'),
    ];
    const section = await runSmoke(
      probes,
      { timeoutMs: 2000, deadlineMs: 15_000, maxAttempts: 2, backoffBaseMs: 100, backoffCapMs: 200 },
      { runCommand: cliRunCommand },
    );
    await mergeReportSection(
      context.reportPath,
      reportIdentity({ environment: 'demo', service: 'sample-service', version: '2.4.0' }, {}),
      'smoke',
      section,
    );
    for (const line of renderSmokeText(section).split('\n')) context.log(line);
    context.shared.smoke = section;
    const [healthy, unhealthy] = section.probes;
    const asIntended = healthy?.verdict === 'passed' && unhealthy?.verdict === 'failed';
    return {
      asIntended,
      summary: asIntended
        ? `smoke blocked the release: ${unhealthy?.reason} (the healthy endpoint passed)`
        : `unexpected smoke result: ${section.probes.map((p) => `${p.name} ${p.verdict}`).join(', ')}`,
    };
  },
};
