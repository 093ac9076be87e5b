import { redactOutput, runSecrets } from '@release-actions/core';

type Write = typeof process.stdout.write;

/**
 * Sends everything the command prints through the run's one redaction step, as an action's step log
 * does: a secret given as a flag or an environment variable, and every part of it a server echoes back
 * (an error body naming a path token, a refused host), never reaches the terminal or a CI log.
 */
export function scrubProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as Write;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (!runSecrets.size) return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return (write as (...args: unknown[]) => boolean)(redactOutput(text), ...rest);
    }) as Write;
  }
}
