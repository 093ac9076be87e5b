import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigurationError, errorMessage } from '../errors.js';
import { consoleLogger } from '../logger.js';
import { runLoadCalibration } from './load-calibration.js';
import {
  drillOptions,
  EVIDENCE_KIND_OPTIONS,
  type EvidenceOptionValues,
  evidenceOptionSpecs,
  EvidenceInputs as I,
  loadOptions,
  parseEvidenceOptions,
  requireForKind,
  validationOptions,
} from './options.js';
import { runReceiverDrill } from './receiver-drill.js';
import { runReceiverValidation } from './receiver-validation.js';
import type { EvidenceKind, EvidenceReport } from './schemas.js';
import { writeEvidenceReport } from './write.js';

/** Secrets can come from the environment so they stay out of shell history and `ps`. */
export const SECRET_ENV: Partial<Record<string, string>> = {
  [I.SigningSecret]: 'RELEASE_GATE_SIGNING_SECRET',
  [I.BearerToken]: 'RELEASE_GATE_BEARER_TOKEN',
};

const COMMAND_NAMES: Record<EvidenceKind, string> = {
  'receiver-validation': 'validate-receiver',
  'receiver-drill': 'drill-receiver',
  'load-calibration': 'calibrate-load',
};

const PURPOSE: Record<EvidenceKind, string> = {
  'receiver-validation':
    "Proves a callback receiver's contract: a signed event accepted; forged, unsigned, stale and malformed\nevents rejected with 4xx; a replayed webhook-id counted once (through --receiver-metrics-url).",
  'receiver-drill':
    'Sends one release_gate.callback drill event (data.drill: true) per environment and confirms it arrived\n(receiver metrics counter moved and/or its event log holds it) within --deadline.',
  'load-calibration':
    'Bounded load with autocannon against explicit targets only (no default target), compared with latency\nand error budgets; proposes calibrated budgets with headroom.',
};

export function evidenceUsage(kind: EvidenceKind): string {
  const flags = EVIDENCE_KIND_OPTIONS[kind].map((name) => {
    const env = SECRET_ENV[name] ? ` (or env ${SECRET_ENV[name]})` : '';
    const repeat = name === I.Targets ? ' (or repeat --target)' : '';
    return `${`  --${name} <value>`.padEnd(32)}e.g. ${evidenceOptionSpecs[name].example}${env}${repeat}`;
  });
  return [
    `release-gate ${COMMAND_NAMES[kind]} [flags]`,
    '',
    PURPOSE[kind],
    '',
    'Flags (the same names and defaults as the evidence action inputs):',
    ...flags,
    `${'  --json'.padEnd(32)}print the JSON report on stdout instead of the markdown summary`,
    '',
    'Writes <out-dir>/release-gate-<kind>-report.json and .md. Exit codes: 0 passed, 1 failed, 2 bad usage.',
  ].join('\n');
}

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The `validate-receiver`, `drill-receiver` and `calibrate-load` commands: flags mirror the action inputs. */
export async function runEvidenceCommand(
  kind: EvidenceKind,
  argv: string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() },
): Promise<number> {
  const names = EVIDENCE_KIND_OPTIONS[kind];
  const usage = evidenceUsage(kind);
  let values: EvidenceOptionValues;
  let json = false;
  try {
    const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
      help: { type: 'boolean', short: 'h' },
      json: { type: 'boolean' },
    };
    for (const name of names) options[name] = { type: 'string' };
    if (names.includes(I.Targets)) options.target = { type: 'string', multiple: true };
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: argv, options, allowPositionals: false, strict: true });
    } catch (error) {
      throw new ConfigurationError(`${errorMessage(error)}\n\n${usage}`);
    }
    const flags = parsed.values as Record<string, string | string[] | boolean | undefined>;
    if (flags.help) {
      io.stdout.write(`${usage}\n`);
      return 0;
    }
    json = flags.json === true;
    const read = (name: string): string => {
      if (name === I.Targets)
        return [flags[I.Targets] as string | undefined, ...((flags.target as string[] | undefined) ?? [])]
          .filter(Boolean)
          .join('\n');
      if (!names.includes(name as (typeof names)[number])) return '';
      const given = flags[name] as string | undefined;
      const env = SECRET_ENV[name];
      return given ?? (env ? (io.env[env] ?? '') : '');
    };
    values = parseEvidenceOptions(evidenceOptionSpecs, read, (name) => `--${name}`);
    requireForKind(kind, values, (name) => `--${name}`);
  } catch (error) {
    io.stderr.write(`release-gate ${COMMAND_NAMES[kind]}: ${errorMessage(error)}\n`);
    return 2;
  }

  const logger = consoleLogger({ stream: io.stderr });
  let report: EvidenceReport;
  try {
    if (kind === 'receiver-validation')
      report = await runReceiverValidation({ ...validationOptions(values), logger });
    else if (kind === 'receiver-drill')
      report = await runReceiverDrill({ ...drillOptions(values, (path) => resolve(io.cwd, path)), logger });
    else report = await runLoadCalibration({ ...loadOptions(values), logger });
  } catch (error) {
    if (error instanceof ConfigurationError) {
      io.stderr.write(`release-gate ${COMMAND_NAMES[kind]}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const written = await writeEvidenceReport(resolve(io.cwd, values[I.OutDir]), report);
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${written.markdown}\n`);
  io.stderr.write(`${kind} ${report.status}: ${written.jsonPath}, ${written.markdownPath}\n`);
  return report.status === 'passed' ? 0 : 1;
}
