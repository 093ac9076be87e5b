// `org/release-actions/...@<ref>` as GitHub resolves it: the ref names a tag, a branch or a full commit SHA
// of the actions repository, and the job runs the files of that commit. The runner reads them from a git
// repository given in `RepositorySettings.actionsRepository` (a test builds one with tags whose bundles
// differ); each resolved commit is extracted once (`git archive`) into a cache directory keyed by its SHA.
// Without `actionsRepository` the runner reads the working tree for every ref, as before.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A git repository standing in for `org/release-actions` on GitHub: its tags and branches are the refs. */
export interface ActionsRepository {
  /** The repository's git directory (`<clone>/.git`, or a bare repository). */
  gitDir: string;
  /** Where resolved commits are extracted (default: `<tmpdir>/release-actions-refs`). */
  cacheDir?: string;
}

/** A ref GitHub would accept after `@`: no option-looking or path-escaping names. */
const REF_SHAPE = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/;

async function git(repo: ActionsRepository, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await exec('git', [`--git-dir=${repo.gitDir}`, ...args], { maxBuffer: 1 << 20 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * The commit `ref` names, looked up as GitHub does for `uses:`: a tag, else a branch, else a full
 * 40-hex commit SHA. Throws naming the ref and the repository when none matches.
 */
export async function resolveRef(repo: ActionsRepository, ref: string): Promise<string> {
  if (REF_SHAPE.test(ref)) {
    const candidates = [`refs/tags/${ref}`, `refs/heads/${ref}`];
    if (/^[0-9a-f]{40}$/.test(ref)) candidates.push(ref);
    for (const candidate of candidates) {
      const sha = await git(repo, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
      if (sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
    }
  }
  throw new Error(
    `unable to resolve ref '${ref}' of the actions repository (${repo.gitDir}): no tag, branch or commit of that name`,
  );
}

const extracting = new Map<string, Promise<string>>();

/** A directory holding the files of the commit `ref` resolves to (extracted once per commit). */
export async function checkoutRef(
  repo: ActionsRepository,
  ref: string,
): Promise<{ dir: string; sha: string }> {
  const sha = await resolveRef(repo, ref);
  const dir = join(repo.cacheDir ?? join(tmpdir(), 'release-actions-refs'), sha);
  let pending = extracting.get(dir);
  if (!pending) {
    pending = (async () => {
      if (existsSync(dir)) return dir;
      const temp = `${dir}.${process.pid}.${Date.now()}.tmp`;
      await mkdir(temp, { recursive: true });
      try {
        // git archive | tar -x, without a shell: the ref is already a verified 40-hex SHA.
        await exec('bash', [
          '-c',
          'set -o pipefail; git --git-dir="$1" archive --format=tar "$2" | tar -x -C "$3"',
          'bash',
          repo.gitDir,
          sha,
          temp,
        ]);
        await rename(temp, dir).catch(async (error) => {
          // Another process extracted the same commit first: theirs is identical.
          if (!existsSync(dir)) throw error;
          await rm(temp, { recursive: true, force: true });
        });
      } catch (error) {
        await rm(temp, { recursive: true, force: true });
        throw error;
      }
      return dir;
    })();
    extracting.set(dir, pending);
    pending.catch(() => extracting.delete(dir));
  }
  return { dir: await pending, sha };
}

/** Splits `org/release-actions/<path>@<ref>` into path and ref, or undefined for another reference. */
export function ownReference(owner: string, uses: string): { path: string; ref: string } | undefined {
  const match = new RegExp(`^${owner}/(.+)@([^@]+)$`).exec(uses);
  return match ? { path: match[1]!, ref: match[2]! } : undefined;
}
