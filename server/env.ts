/**
 * Configuration, validated once at start. In embedded mode secrets that are not
 * given are generated on first start and kept in `<AURORA_DATA_DIR>/secrets.json`
 * (mode 0600), so `npm install && npm start` needs no set-up. In appwrite mode every
 * missing required value is named in one error.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

/** `keyId:base64(32 bytes)` pairs, comma-separated; the first key encrypts, all decrypt. */
const videoKeysSchema = z
  .string()
  .transform((value, ctx) => {
    const keys = value.split(',').map((entry) => entry.trim());
    const parsed: { id: string; key: Buffer }[] = [];
    for (const entry of keys) {
      const match = /^([A-Za-z0-9_-]{1,16}):([A-Za-z0-9+/=]+)$/.exec(entry);
      const key = match?.[2] ? Buffer.from(match[2], 'base64') : undefined;
      if (!match?.[1] || !key || key.length !== 32) {
        ctx.addIssue({
          code: 'custom',
          message: 'each key must be "<id>:<base64 of 32 random bytes>", e.g. v1:' + 'A'.repeat(43) + '=',
        });
        return z.NEVER;
      }
      parsed.push({ id: match[1], key });
    }
    return parsed;
  })
  .refine((keys) => new Set(keys.map((key) => key.id)).size === keys.length, 'key ids must be unique');

const secret = z.string().min(32, 'must be at least 32 characters');

/** More server processes than this is a typo, not a machine. */
export const MAX_WORKERS = 256;
const workersSchema = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]*$/, 'must be a whole number of processes, at least 1 (1 runs a single process)')
  .transform(Number)
  .refine((count) => count <= MAX_WORKERS, `must be at most ${MAX_WORKERS}`);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    AURORA_BACKEND: z.preprocess(emptyAsUndefined, z.enum(['embedded', 'appwrite']).default('embedded')),
    AURORA_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
    HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
    PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
    AURORA_WORKERS: optional(workersSchema),
    AURORA_PUBLIC_URL: optional(z.url({ protocol: /^https?$/ })),
    AURORA_TRUSTED_PROXIES: optional(z.string()),
    AURORA_ALLOWED_ORIGINS: optional(z.string()),
    AURORA_REGISTRATIONS_PER_HOUR: z.preprocess(
      emptyAsUndefined,
      z.coerce.number().int().min(1).max(1_000_000).default(30),
    ),
    APPWRITE_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
    APPWRITE_PROJECT_ID: optional(z.string().min(1)),
    APPWRITE_API_KEY: optional(z.string().min(1)),
    SESSION_SECRET: optional(secret),
    VIDEO_ENCRYPTION_KEYS: optional(videoKeysSchema),
    VIDEO_ACCESS_SECRET: optional(secret),
    SMTP_URL: optional(z.url({ protocol: /^smtps?$/ })),
    /** `Name <address>` or a bare address; defaults to no-reply at the public URL's host. */
    MAIL_FROM: optional(
      z
        .string()
        .trim()
        .max(320)
        .regex(
          /^(?:[^<>@\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/,
          'must be an address, or a name and <address>, e.g. Aurora <no-reply@learn.example.org>',
        ),
    ),
    YOUTUBE_API_KEY: optional(z.string().min(1)),
    YOUTUBE_API_BASE_URL: z.preprocess(
      emptyAsUndefined,
      z.url({ protocol: /^https?$/ }).default('https://www.googleapis.com/youtube/v3'),
    ),
    VIDEO_BIND_IP: z.preprocess(emptyAsUndefined, z.enum(['0', '1']).default('0')),
    AURORA_ADMIN_EMAIL: optional(z.email()),
    AURORA_ADMIN_PASSWORD: optional(z.string().min(8, 'must be at least 8 characters').max(256)),
    AURORA_DEMO: z.preprocess(emptyAsUndefined, z.enum(['0', '1']).default('1')),
  })
  .refine((env) => Boolean(env.AURORA_ADMIN_EMAIL) === Boolean(env.AURORA_ADMIN_PASSWORD), {
    message: 'set both AURORA_ADMIN_EMAIL and AURORA_ADMIN_PASSWORD, or neither',
    path: ['AURORA_ADMIN_PASSWORD'],
  });

type RawEnv = z.infer<typeof envSchema>;
type VideoKey = { id: string; key: Buffer };

export interface Env {
  nodeEnv: RawEnv['NODE_ENV'];
  backend: RawEnv['AURORA_BACKEND'];
  dataDir: string;
  host: string;
  port: number;
  /**
   * Server processes on this box (decision 0034): AURORA_WORKERS, by default one per core.
   * 1 is a single process; more is a cluster of that many, in both backend modes.
   */
  workers: number;
  publicUrl: URL;
  /**
   * Origins whose pages may send mutations (the cross-site check): the public URL's, any
   * in AURORA_ALLOWED_ORIGINS, and, when the public URL is a loopback address, the other
   * loopback names for the same port (a developer opens 127.0.0.1 or localhost alike).
   */
  allowedOrigins: string[];
  /** Registration attempts allowed per client IP per hour (decision 0015). */
  registrationsPerHour: number;
  /** Peers whose X-Forwarded-For is believed (reverse proxies in front of Aurora). */
  trustedProxies: string[];
  appwrite: { endpoint: string; projectId: string; apiKey: string } | null;
  sessionSecret: string;
  videoEncryptionKeys: VideoKey[];
  videoAccessSecret: string;
  smtpUrl: string | null;
  /** The From of every message: MAIL_FROM, or `Aurora <no-reply@host of the public URL>`. */
  mailFrom: string;
  youtubeApiKey: string | null;
  /** The YouTube Data API v3 root; tests point it at a fake on 127.0.0.1. */
  youtubeApiBaseUrl: string;
  /** Whether a video token only works from the IP it was issued to (off: mobile IPs change). */
  videoBindIp: boolean;
  admin: { email: string; password: string } | null;
  demoContent: boolean;
}

export class EnvError extends Error {
  override readonly name = 'EnvError';
}

const GENERATED_SECRETS = ['SESSION_SECRET', 'VIDEO_ENCRYPTION_KEYS', 'VIDEO_ACCESS_SECRET'] as const;
type GeneratedSecret = (typeof GENERATED_SECRETS)[number];

function generateSecret(name: GeneratedSecret): string {
  if (name === 'VIDEO_ENCRYPTION_KEYS') return `v1:${randomBytes(32).toString('base64')}`;
  return randomBytes(48).toString('base64url');
}

/** Reads (or creates once) the embedded mode's secrets file, readable by the owner only. */
function embeddedSecrets(dataDir: string): Record<GeneratedSecret, string> {
  const file = join(dataDir, 'secrets.json');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stored: Partial<Record<GeneratedSecret, string>> = existsSync(file)
    ? z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(file, 'utf8')))
    : {};
  let changed = false;
  for (const name of GENERATED_SECRETS) {
    if (!stored[name]) {
      stored[name] = generateSecret(name);
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return stored as Record<GeneratedSecret, string>;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`).join('\n');
}

export function loadEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  const first = envSchema.safeParse(source);
  if (!first.success)
    throw new EnvError(`Aurora cannot start: invalid configuration\n${describeIssues(first.error)}`);
  const dataDir = resolve(first.data.AURORA_DATA_DIR);

  let raw = first.data;
  if (raw.AURORA_BACKEND === 'embedded') {
    const missing = GENERATED_SECRETS.filter((name) => !source[name]);
    if (missing.length > 0) {
      const stored = embeddedSecrets(dataDir);
      const filled: Record<string, string | undefined> = { ...source };
      for (const name of missing) filled[name] = stored[name];
      raw = envSchema.parse(filled);
    }
  } else {
    const required = [
      'APPWRITE_ENDPOINT',
      'APPWRITE_PROJECT_ID',
      'APPWRITE_API_KEY',
      'AURORA_PUBLIC_URL',
      ...GENERATED_SECRETS,
    ] as const;
    const missing = required.filter((name) => raw[name] === undefined);
    if (missing.length > 0) {
      throw new EnvError(
        `Aurora cannot start with AURORA_BACKEND=appwrite: set ${missing.join(', ')} (see README, "Running on Appwrite")`,
      );
    }
  }

  const trustedProxies = (raw.AURORA_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const badProxy = trustedProxies.find((entry) => isIP(entry) === 0);
  if (badProxy)
    throw new EnvError(`Aurora cannot start: AURORA_TRUSTED_PROXIES holds "${badProxy}", not an IP`);

  const publicUrl = new URL(raw.AURORA_PUBLIC_URL ?? `http://localhost:${raw.PORT}`);
  return {
    allowedOrigins: allowedOriginsOf(publicUrl, raw.AURORA_ALLOWED_ORIGINS),
    registrationsPerHour: raw.AURORA_REGISTRATIONS_PER_HOUR,
    nodeEnv: raw.NODE_ENV,
    backend: raw.AURORA_BACKEND,
    dataDir,
    host: raw.HOST,
    port: raw.PORT,
    workers: raw.AURORA_WORKERS ?? availableParallelism(),
    publicUrl,
    trustedProxies,
    appwrite:
      raw.APPWRITE_ENDPOINT && raw.APPWRITE_PROJECT_ID && raw.APPWRITE_API_KEY
        ? {
            endpoint: raw.APPWRITE_ENDPOINT,
            projectId: raw.APPWRITE_PROJECT_ID,
            apiKey: raw.APPWRITE_API_KEY,
          }
        : null,
    sessionSecret: required(raw.SESSION_SECRET, 'SESSION_SECRET'),
    videoEncryptionKeys: required(raw.VIDEO_ENCRYPTION_KEYS, 'VIDEO_ENCRYPTION_KEYS'),
    videoAccessSecret: required(raw.VIDEO_ACCESS_SECRET, 'VIDEO_ACCESS_SECRET'),
    smtpUrl: raw.SMTP_URL ?? null,
    mailFrom: raw.MAIL_FROM ?? `Aurora <no-reply@${publicUrl.hostname.replace(/^\[|\]$/g, '')}>`,
    youtubeApiKey: raw.YOUTUBE_API_KEY ?? null,
    youtubeApiBaseUrl: raw.YOUTUBE_API_BASE_URL.replace(/\/+$/, ''),
    videoBindIp: raw.VIDEO_BIND_IP === '1',
    admin:
      raw.AURORA_ADMIN_EMAIL && raw.AURORA_ADMIN_PASSWORD
        ? { email: raw.AURORA_ADMIN_EMAIL, password: raw.AURORA_ADMIN_PASSWORD }
        : null,
    demoContent:
      raw.AURORA_BACKEND === 'embedded' && raw.AURORA_DEMO === '1' && raw.NODE_ENV !== 'production',
  };
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function allowedOriginsOf(publicUrl: URL, extra: string | undefined): string[] {
  const origins = new Set([publicUrl.origin]);
  if (LOOPBACK_NAMES.includes(publicUrl.hostname)) {
    for (const name of LOOPBACK_NAMES) {
      const alias = new URL(publicUrl.origin);
      alias.hostname = name;
      origins.add(alias.origin);
    }
  }
  for (const entry of (extra ?? '').split(',').map((value) => value.trim())) {
    if (!entry) continue;
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    // An origin is scheme, host and port, nothing more: a path would suggest a check that is not made.
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== entry.replace(/\/$/, '')) {
      throw new EnvError(
        `Aurora cannot start: AURORA_ALLOWED_ORIGINS holds "${entry}", not an origin like https://learn.example.org`,
      );
    }
    origins.add(url.origin);
  }
  return [...origins];
}

function required<T>(value: T | undefined, name: string): T {
  // Unreachable after the checks above; kept so the type carries no `undefined`.
  if (value === undefined) throw new EnvError(`Aurora cannot start: ${name} is missing`);
  return value;
}
