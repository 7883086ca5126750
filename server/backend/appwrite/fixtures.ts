/** Test support: Appwrite response bodies as the server sends them (response format 1.9). */

const CREATED = '2025-01-02T03:04:05.000+00:00';
const UPDATED = '2025-01-03T03:04:05.000+00:00';

export function appwriteRow(columns: Record<string, unknown> = {}, rowId = 'row1', tableId = 'courses') {
  return {
    $id: rowId,
    $sequence: '7',
    $tableId: tableId,
    $databaseId: 'aurora_main',
    $createdAt: CREATED,
    $updatedAt: UPDATED,
    $permissions: ['read("any")'],
    ...columns,
  };
}

export function appwriteUser(
  overrides: { $id?: string; email?: string; name?: string; labels?: string[] } = {},
) {
  return {
    $id: 'user1',
    $createdAt: CREATED,
    $updatedAt: UPDATED,
    name: 'Ada Lovelace',
    registration: CREATED,
    status: true,
    labels: [],
    passwordUpdate: CREATED,
    email: 'ada@example.com',
    phone: '',
    emailVerification: false,
    phoneVerification: false,
    mfa: false,
    prefs: {},
    targets: [],
    accessedAt: UPDATED,
    ...overrides,
  };
}

export function appwriteSession(overrides: { secret?: string } = {}) {
  return {
    $id: 'session1',
    $createdAt: CREATED,
    $updatedAt: CREATED,
    userId: 'user1',
    expire: '2026-01-02T03:04:05.000+00:00',
    provider: 'email',
    providerUid: 'ada@example.com',
    providerAccessToken: '',
    providerAccessTokenExpiry: '',
    providerRefreshToken: '',
    ip: '127.0.0.1',
    osCode: '',
    osName: '',
    osVersion: '',
    clientType: '',
    clientCode: '',
    clientName: '',
    clientVersion: '',
    clientEngine: '',
    clientEngineVersion: '',
    deviceName: '',
    deviceBrand: '',
    deviceModel: '',
    countryCode: '',
    countryName: '',
    current: true,
    factors: ['password'],
    secret: 'the-session-secret',
    mfaUpdatedAt: '',
    ...overrides,
  };
}

export function appwriteFile(overrides: { $id?: string; bucketId?: string; name?: string } = {}) {
  return {
    $id: 'file1',
    bucketId: 'thumbnails',
    $createdAt: CREATED,
    $updatedAt: UPDATED,
    $permissions: [],
    name: 'cover.png',
    signature: 'abc',
    mimeType: 'image/png',
    sizeOriginal: 4,
    sizeActual: 4,
    chunksTotal: 1,
    chunksUploaded: 1,
    encryption: true,
    compression: 'none',
    ...overrides,
  };
}

export function appwriteError(code: number, message: string, type: string) {
  return { message, code, type, version: '1.9.5' };
}

export const TIMES = { created: CREATED, updated: UPDATED };

export function appwriteTeam(
  overrides: { $id?: string; name?: string; total?: number; prefs?: Record<string, unknown> } = {},
) {
  return {
    $id: 'team1',
    $createdAt: CREATED,
    $updatedAt: UPDATED,
    name: 'Computer Science',
    total: 0,
    prefs: { description: 'The department', permissions: ['courses.modify', 'students.grade'] },
    ...overrides,
  };
}

export function appwriteMembership(
  overrides: {
    $id?: string;
    userId?: string;
    userName?: string;
    teamId?: string;
    teamName?: string;
    roles?: string[];
    confirm?: boolean;
  } = {},
) {
  return {
    $id: 'membership1',
    $createdAt: CREATED,
    $updatedAt: UPDATED,
    userId: 'user1',
    userName: 'Ada Lovelace',
    userEmail: 'ada@example.com',
    userPhone: '',
    teamId: 'team1',
    teamName: 'Computer Science',
    invited: CREATED,
    joined: CREATED,
    confirm: true,
    mfa: false,
    userAccessedAt: UPDATED,
    roles: ['member'],
    ...overrides,
  };
}
