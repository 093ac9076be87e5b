import { ConfigurationError, errorMessage, GateBlocked } from '@release-actions/core';
import { ALIASES, COMMANDS, resolveCommand } from './commands.js';
import { type CommandModule, GATE_FAILED_EXIT, USAGE_EXIT } from './exit-codes.js';
import { scrubProcessOutput } from './scrubbed-output.js';

const NAME_WIDTH = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 1;

const HELP = `release-gate <command> [flags]

The release gate outside GitHub: the same logic as the actions, for a laptop or another CI.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(NAME_WIDTH)} ${command.summary}`)
  .join('\n')}

Older names, still accepted: ${Object.entries(ALIASES)
  .map(([verb, alias]) => `${verb} (${[alias.command, ...(alias.prepend ?? [])].join(' ')})`)
  .join(', ')}.

Run 'release-gate <command> --help' for its flags. Exit codes: 0 success, 1 gate failed, 2 bad usage.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name ? 0 : USAGE_EXIT;
  }
  // `--version` / `-V` as most commands take them; `release-gate version` is the same command.
  const command = resolveCommand(name === '--version' || name === '-V' ? 'version' : name, rest);
  if (!command) {
    process.stderr.write(`release-gate: unknown command '${name}'\n\n${HELP}\n`);
    return USAGE_EXIT;
  }
  const module: CommandModule = await command.entry.load();
  try {
    return await module.run(command.argv);
  } catch (error) {
    const code = exitCodeFor(error);
    if (code === undefined) throw error;
    process.stderr.write(`release-gate ${command.name}: ${errorMessage(error)}\n`);
    return code;
  }
}

/** A gate that said no exits 1, a mistake in the flags or files 2; anything else is a bug (thrown on). */
function exitCodeFor(error: unknown): number | undefined {
  if (error instanceof GateBlocked) return GATE_FAILED_EXIT;
  if (error instanceof ConfigurationError) return USAGE_EXIT;
  return undefined;
}

scrubProcessOutput();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`release-gate: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
