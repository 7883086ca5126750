/** "The row or null" and "delete unless gone" on a real embedded backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../tests/helpers/services';
import { BackendError } from '../backend/errors';
import { deleteRowIfPresent, getRowOrNull, unlessMissing } from './rows';
import { API_TOKENS } from './tables';

let services: TestServices;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.cleanup());

const tokenRow = {
  userId: 'u1',
  name: 'ci',
  tokenHash: 'a'.repeat(64),
  tokenPrefix: 'aur_abcdefgh',
  createdAt: new Date().toISOString(),
};

describe('rows that may be missing', () => {
  it('reads a row that exists and null for one that does not', async () => {
    const { backend } = services;
    const created = await backend.tables.create({ ...API_TOKENS, data: tokenRow });
    expect((await getRowOrNull(backend, API_TOKENS, created.$id))?.name).toBe('ci');
    expect(await getRowOrNull(backend, API_TOKENS, 'no-such-row')).toBeNull();
  });

  it('deletes a row once: true the first time, false when it is gone already', async () => {
    const { backend } = services;
    const created = await backend.tables.create({
      ...API_TOKENS,
      data: { ...tokenRow, tokenHash: 'b'.repeat(64) },
    });
    expect(await deleteRowIfPresent(backend, API_TOKENS, created.$id)).toBe(true);
    expect(await deleteRowIfPresent(backend, API_TOKENS, created.$id)).toBe(false);
    expect(await getRowOrNull(backend, API_TOKENS, created.$id)).toBeNull();
  });

  it('lets every other failure through', async () => {
    const down = new BackendError('unavailable', 'backend down');
    await expect(unlessMissing(Promise.reject(down), null)).rejects.toBe(down);
    const refused = new BackendError('invalid', 'bad query');
    await expect(unlessMissing(Promise.reject(refused), false)).rejects.toBe(refused);
    await expect(unlessMissing(Promise.reject(new BackendError('not_found', 'gone')), false)).resolves.toBe(
      false,
    );
  });
});
