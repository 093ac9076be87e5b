import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  ConfigurationError
} from "./chunk-ZUWSAP7Z.js";
import {
  runSecrets
} from "./chunk-6MQO5ODA.js";

// packages/cli/src/args.ts
import { parseArgs } from "node:util";

// packages/core/src/webhooks/signing.ts
import { createHmac, timingSafeEqual } from "node:crypto";
var DEFAULT_TOLERANCE_SECONDS = 5 * 60;
var SECRET_PREFIX = "whsec_";
function signingKey(secret) {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
      throw new ConfigurationError(
        'the signing secret starts with whsec_ but the rest is not base64; generate one with: echo "whsec_$(openssl rand -base64 32)"'
      );
    }
    return Buffer.from(encoded, "base64");
  }
  return Buffer.from(secret, "utf8");
}
function signingSecretProblem(secret) {
  try {
    if (signingKey(secret).length < 8) return "is too short: use at least 8 bytes (24 or more recommended)";
  } catch (error) {
    return error.message;
  }
  return void 0;
}
function sign(secret, id, timestampSeconds, body) {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest();
  return `v1,${mac.toString("base64")}`;
}
function signatureHeaders(secret, id, body, now = Date.now()) {
  const timestamp = Math.floor(now / 1e3);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": sign(secret, id, timestamp, body)
  };
}
function verifySignature(options) {
  const id = options.headers["webhook-id"];
  const timestampText = options.headers["webhook-timestamp"];
  const signatures = options.headers["webhook-signature"];
  if (!id || !timestampText || !signatures) {
    return { ok: false, reason: "missing webhook-id, webhook-timestamp or webhook-signature header" };
  }
  if (!/^\d+$/.test(timestampText)) return { ok: false, reason: "webhook-timestamp is not a number" };
  const timestamp = Number(timestampText);
  const now = Math.floor((options.now ?? Date.now()) / 1e3);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) {
    return {
      ok: false,
      reason: `webhook-timestamp is ${Math.abs(now - timestamp)}s off the receiver's clock (limit ${tolerance}s)`
    };
  }
  const expected = Buffer.from(sign(options.secret, id, timestamp, options.body).slice(3));
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",");
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "no matching signature" };
}

// packages/cli/src/args.ts
function parseFlags(argv, options, usage) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: false,
      strict: true
    });
  } catch (error) {
    throw new ConfigurationError(`${error.message}

${usage}`);
  }
}
var UsageError = class extends ConfigurationError {
};
function flagSource(argv, inputs, usage, env = process.env, extra = {}) {
  const options = { ...extra };
  for (const [name, input] of Object.entries(inputs)) {
    options[name] = input.flag === "boolean" ? { type: "boolean" } : input.flag === "multiple" ? { type: "string", multiple: true } : { type: "string" };
  }
  const parsed = parseFlags(argv, options, usage);
  const values = parsed.values;
  const read = (name) => {
    const value = values[name];
    if (value === void 0) {
      const variable = inputs[name]?.env;
      return (variable ? env[variable] : void 0)?.trim() ?? "";
    }
    if (typeof value === "boolean") return value ? "true" : "false";
    return (Array.isArray(value) ? value.join("\n") : value).trim();
  };
  return {
    source: {
      read,
      describe: (name) => `--${name}`,
      example: (name, value) => inputs[name]?.flag === "boolean" ? `--${name}` : `--${name} ${value}`,
      // A secret flag joins the run's secrets: every output of the command is scrubbed of it and its parts.
      mask: (value) => {
        runSecrets.add(value);
      }
    },
    help: Boolean(values.help),
    values
  };
}

export {
  DEFAULT_TOLERANCE_SECONDS,
  signingSecretProblem,
  sign,
  signatureHeaders,
  verifySignature,
  parseFlags,
  UsageError,
  flagSource
};
