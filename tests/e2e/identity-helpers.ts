import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';

export const DEMO = {
  admin: { email: 'admin@aurora.test', password: 'aurora-admin', name: 'Alex Admin' },
  instructor: { email: 'instructor@aurora.test', password: 'aurora-teach', name: 'Maya Rivera' },
  ada: { email: 'ada@aurora.test', password: 'aurora-learn', name: 'Ada Lovelace' },
  grace: { email: 'grace@aurora.test', password: 'aurora-learn', name: 'Grace Hopper' },
} as const;

/** A person nobody else in the run uses, so tests in parallel never trip over each other. */
export function newPerson(label: string) {
  const id = randomUUID().slice(0, 8);
  return {
    name: `${label} ${id}`,
    email: `${label.toLowerCase().replace(/\W+/g, '-')}-${id}@school.test`,
    password: 'correct horse battery',
  };
}

export async function signIn(page: Page, person: { email: string; password: string }, path = '/sign-in') {
  await page.goto(path);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signUp(page: Page, person: { name: string; email: string; password: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('banner').locator('summary')).toContainText(person.name);
}

/** Opens the header's account menu (a <details>) and picks an item. */
export async function useAccountMenu(page: Page, item: 'Your account' | 'Your teams' | 'Sign out') {
  await page.getByRole('banner').locator('summary').click();
  const target = page.getByRole('banner').getByRole(item === 'Sign out' ? 'button' : 'link', { name: item });
  await target.click();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (a teal-to-violet gradient), written to a temporary file for an upload. */
export function writeTestPng(size = 64): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size);
      rows.push(Math.round(15 + t * 124), Math.round(157 - t * 65), Math.round(138 + t * 108));
    }
  }
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const path = join(tmpdir(), `aurora-avatar-${randomUUID()}.png`);
  writeFileSync(path, png);
  return path;
}
