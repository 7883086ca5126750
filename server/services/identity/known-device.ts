/**
 * Known devices (decision 0016): a browser that once signed in successfully as an
 * account carries a signed cookie saying so, and its sign-ins to that account are not
 * held up by the locks that strangers' wrong guesses put on the email or the shared IP.
 *
 * The cookie value is `<deviceId>.<mac>.<userId>`: a random device id (so each browser
 * has its own failure budget), and an HMAC, keyed with SESSION_SECRET, over user id and
 * device id. Nobody can make one without the secret, and one made for another account
 * does not verify for this one. The cookie grants nothing by itself: the password is
 * still checked, it only decides which counters an attempt is charged to.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Backend } from '../../backend/port';
import { idSchema } from '../../../shared/fields/ids';

export interface KnownDevice {
  userId: string;
  deviceId: string;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
/** Separates this HMAC from every other use of SESSION_SECRET. */
const PURPOSE = 'aurora known device v1';

function macOf(secret: string, device: KnownDevice): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${device.userId}\n${device.deviceId}`).digest();
}

/** 16 random bytes, base64url: unguessable, so another browser's budget cannot be used up on purpose. */
export function newDeviceId(): string {
  return randomBytes(16).toString('base64url');
}

export function knownDeviceValue(secret: string, device: KnownDevice): string {
  return `${device.deviceId}.${macOf(secret, device).toString('base64url')}.${device.userId}`;
}

/** The device a cookie value names, or null when it is malformed or its signature does not verify. */
export function verifyKnownDevice(secret: string, value: string | null | undefined): KnownDevice | null {
  if (!value) return null;
  const [deviceId = '', mac = '', ...rest] = value.split('.');
  // User ids may hold dots; device id and signature (base64url) never do.
  const userId = rest.join('.');
  if (!DEVICE_ID.test(deviceId) || !idSchema.safeParse(userId).success) return null;
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(secret, { userId, deviceId });
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { userId, deviceId };
}

/**
 * The known device behind this sign-in attempt: the cookie verifies *and* names the
 * account that `email` belongs to. Costs one lookup, and only when a valid cookie came.
 */
export async function knownDeviceFor(
  backend: Backend,
  secret: string,
  cookie: string | null | undefined,
  email: string,
): Promise<KnownDevice | null> {
  const device = verifyKnownDevice(secret, cookie);
  if (!device) return null;
  const account = await backend.users.findByEmail(email);
  return account?.id === device.userId ? device : null;
}
