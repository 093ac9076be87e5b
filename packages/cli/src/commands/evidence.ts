import { resolve } from 'node:path';
import {
  ConfigurationError,
  consoleLogger,
  EVIDENCE_KIND_INPUTS,
  type EvidenceInputName,
  type EvidenceInputValues,
  type EvidenceKind,
  errorMessage,
  evidenceFailedMessage,
  evidenceInputSpecs,
  evidenceKinds,
  evidencePartialMessage,
  evidenceSpec,
  type InputSource,
  parseInputs,
  produceEvidence,
} from '@release-actions/core';
import { type ArgOptions, flagSource, UsageError } from '../args.js';
import { GATE_FAILED_EXIT, USAGE_EXIT } from '../exit-codes.js';

const PURPOSE: Record<EvidenceKind, string> = {
  'receiver-validation':
    "Proves a callback receiver's contract: a signed event accepted; forged, unsigned, stale and malformed\nevents rejected with 4xx; a replayed webhook-id counted once (through --receiver-metrics-url).",
  'receiver-drill':
    'Sends one release_gate.callback drill event (data.drill: true) per environment and confirms it arrived\n(receiver metrics counter moved and/or its event log holds it) within --deadline.',
  'load-calibration':
    'Bounded load with autocannon against explicit targets only (no default target), compared with latency\nand error budgets; proposes calibrated budgets with headroom.',
};

/** CLI-only flags: `--json`, and `--target` as one entry of `--targets` (repeatable). */
const EXTRA_FLAGS = {
  json: { type: 'boolean' },
  target: { type: 'string', multiple: true },
} satisfies ArgOptions;

const FOOTER =
  'Writes <out-dir>/release-gate-<kind>-report.json and .md. Exit codes: 0 passed or partial (checks skipped), 1 failed, 2 bad usage.';

function flagLines(kind: EvidenceKind): string[] {
  const line = (flag: string, text: string) => `${`  ${flag}`.padEnd(34)}${text}`;
  return [
    ...EVIDENCE_KIND_INPUTS[kind].map((name) => {
      const input = evidenceInputSpecs[name];
      const env = 'env' in input ? ` (or env ${input.env})` : '';
      const repeat = name === 'targets' ? ' (repeatable; or --target)' : '';
      return line(`--${name} <value>`, `e.g. ${input.example}${env}${repeat}`);
    }),
    line('--json', 'print the JSON report on stdout instead of the markdown summary'),
  ];
}

/** `release-gate evidence <kind> --help`: what the kind proves and its flags. */
export function kindUsage(kind: EvidenceKind): string {
  return [
    `release-gate evidence ${kind} [flags]`,
    '',
    PURPOSE[kind],
    '',
    'Flags (the same names and defaults as the evidence action inputs):',
    ...flagLines(kind),
    '',
    FOOTER,
  ].join('\n');
}

/** `release-gate evidence --help`: every kind with its flags. */
export const USAGE = [
  'release-gate evidence <kind> [flags]   (or --kind <kind>)',
  '',
  'Produces the evidence the readiness gate demands, as the evidence action does: a versioned JSON report',
  'and a markdown summary. Kinds:',
  ...evidenceKinds.flatMap((kind) => ['', `${kind}:`, PURPOSE[kind], '', ...flagLines(kind)]),
  '',
  'Flags take the same names and defaults as the evidence action inputs.',
  FOOTER,
].join('\n');

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const processIo = (): CommandIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

const isKind = (value: string): value is EvidenceKind => (evidenceKinds as readonly string[]).includes(value);

type Parsed = { help: string } | { values: EvidenceInputValues; json: boolean };

/**
 * The kind from the first argument or `--kind`, then the kind's flags (and only those: a flag of another
 * kind is bad usage) through the evidence spec, with the action's checks and messages.
 */
function readFlags(argv: string[], env: NodeJS.ProcessEnv): Parsed {
  const [first, ...rest] = argv;
  const positional = first !== undefined && !first.startsWith('-') ? first : undefined;
  const { source, help, values } = flagSource(
    positional === undefined ? argv : rest,
    evidenceInputSpecs,
    positional !== undefined && isKind(positional) ? kindUsage(positional) : USAGE,
    env,
    EXTRA_FLAGS,
  );
  const flagKind = values.kind as string | undefined;
  if (positional !== undefined && flagKind !== undefined && flagKind.trim() !== positional)
    throw new UsageError(`the kind is given twice, '${positional}' and --kind '${flagKind}': give it once`);
  const given = positional ?? source.read('kind');
  const kind = isKind(given) ? given : undefined;
  if (help) return { help: kind ? kindUsage(kind) : USAGE };
  if (kind) {
    const takes = new Set<string>(['kind', 'help', 'json', ...EVIDENCE_KIND_INPUTS[kind]]);
    if (takes.has('targets')) takes.add('target');
    const foreign = Object.keys(values).filter((flag) => !takes.has(flag));
    if (foreign.length)
      throw new UsageError(
        `${foreign.map((flag) => `--${flag}`).join(', ')}: not a flag of ${kind}\n\n${kindUsage(kind)}`,
      );
  }
  const kindSource: InputSource = {
    // The kind is mostly the first argument, so messages call it that rather than --kind.
    describe: (name) => (name === 'kind' ? 'the kind' : source.describe(name)),
    example: (name, value) =>
      name === 'kind' ? `release-gate evidence ${value}` : source.example(name, value),
    read: (name) => {
      if (name === 'kind') return given;
      // Only the kind's own inputs are read, so an environment variable meant for another kind is ignored.
      if (kind && !EVIDENCE_KIND_INPUTS[kind].includes(name as EvidenceInputName)) return '';
      if (name === 'targets')
        return [source.read(name), ...((values.target as string[] | undefined) ?? [])]
          .filter(Boolean)
          .join('\n');
      return source.read(name);
    },
  };
  return { values: parseInputs(evidenceSpec, kindSource), json: values.json === true };
}

/** `release-gate evidence <kind> [flags]`: the evidence action's use case, with flags for its inputs. */
export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const fail = (error: unknown) => {
    io.stderr.write(`release-gate evidence: ${errorMessage(error)}\n`);
    return USAGE_EXIT;
  };
  let parsed: Parsed;
  try {
    parsed = readFlags(argv, io.env);
  } catch (error) {
    return fail(error);
  }
  if ('help' in parsed) {
    io.stdout.write(`${parsed.help}\n`);
    return 0;
  }
  const { values, json } = parsed;
  let outcome: Awaited<ReturnType<typeof produceEvidence>>;
  try {
    outcome = await produceEvidence(values, {
      logger: consoleLogger({ stream: io.stderr }),
      resolvePath: (path) => resolve(io.cwd, path),
    });
  } catch (error) {
    if (error instanceof ConfigurationError) return fail(error);
    throw error;
  }
  const { report, written } = outcome;
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${written.markdown}\n`);
  io.stderr.write(`${report.kind} ${report.status}: ${written.jsonPath}, ${written.markdownPath}\n`);
  if (report.status === 'passed') return 0;
  if (report.status === 'partial') {
    io.stderr.write(`warning: ${evidencePartialMessage(outcome)}\n`);
    return 0;
  }
  if (values['fail-on-failed']) return GATE_FAILED_EXIT;
  io.stderr.write(
    `warning: ${evidenceFailedMessage(outcome)}; --${'fail-on-failed'} is false, so this exits 0\n`,
  );
  return 0;
}
