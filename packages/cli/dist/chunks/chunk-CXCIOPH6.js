import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  writeJsonFile
} from "./chunk-SV4FLVHX.js";
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import {
  array,
  literal,
  number,
  object,
  string
} from "./chunk-H3HWWZLP.js";

// packages/core/src/bundle/manifest.ts
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";

// packages/core/src/bundle/digest.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
async function digestFile(path) {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

// packages/core/src/bundle/manifest.ts
var MANIFEST_FILE = "manifest.json";
var MANIFEST_SCHEMA_VERSION = 1;
var manifestEntrySchema = object({
  /** Posix path relative to the bundle folder. */
  path: string(),
  bytes: number().int().nonnegative(),
  sha256: string().regex(/^[0-9a-f]{64}$/)
});
var evidenceManifestSchema = object({
  schemaVersion: literal(MANIFEST_SCHEMA_VERSION),
  algorithm: literal("sha256"),
  createdAt: string(),
  files: array(manifestEntrySchema)
});
var isTemp = (path) => path.endsWith(".tmp");
async function listBundleFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/")).filter((path) => path !== MANIFEST_FILE && !isTemp(path)).sort();
}
async function digestFiles(dir, paths) {
  const entries = [];
  for (const path of paths) entries.push({ path, ...await digestFile(join(dir, path)) });
  return entries;
}
async function writeManifest(dir, now = /* @__PURE__ */ new Date()) {
  const manifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    algorithm: "sha256",
    createdAt: now.toISOString(),
    files: await digestFiles(dir, await listBundleFiles(dir))
  };
  await writeJsonFile(join(dir, MANIFEST_FILE), manifest);
  return manifest;
}
async function verifyEvidence(dir) {
  const manifestPath = join(dir, MANIFEST_FILE);
  let text;
  try {
    text = await readFile(manifestPath, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `evidence manifest '${manifestPath}' cannot be read: ${error.message}`
    );
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `evidence manifest '${manifestPath}' is not valid JSON: ${error.message}`
    );
  }
  const parsed = evidenceManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError(
      `evidence manifest '${manifestPath}' does not match its schema: field '${issue?.path.join(".") || "(root)"}': ${issue?.message}`
    );
  }
  const problems = [];
  const present = new Set(await listBundleFiles(dir));
  for (const entry of parsed.data.files) {
    if (!present.has(entry.path)) {
      problems.push({
        path: entry.path,
        problem: "missing",
        detail: "listed in the manifest but not in the bundle"
      });
      continue;
    }
    present.delete(entry.path);
    const actual = await digestFile(join(dir, entry.path));
    if (actual.bytes !== entry.bytes) {
      problems.push({
        path: entry.path,
        problem: "size mismatch",
        detail: `manifest says ${entry.bytes} bytes, file has ${actual.bytes}`
      });
    } else if (actual.sha256 !== entry.sha256) {
      problems.push({
        path: entry.path,
        problem: "digest mismatch",
        detail: `manifest sha256 ${entry.sha256}, file sha256 ${actual.sha256}`
      });
    }
  }
  for (const path of present) {
    problems.push({
      path,
      problem: "not in manifest",
      detail: "file was added after the manifest was written"
    });
  }
  return { ok: problems.length === 0, dir, checked: parsed.data.files.length, problems };
}

export {
  digestFile,
  MANIFEST_FILE,
  evidenceManifestSchema,
  listBundleFiles,
  digestFiles,
  writeManifest,
  verifyEvidence
};
