import { Storage, TablesDB, Teams, Users } from 'node-appwrite';
import type { Backend } from '../port';
import { createAdminClient, type AppwriteConfig } from './clients';
import { checkHealth } from './health';
import { createSessions } from './sessions';
import { createStorage } from './storage';
import { createTables } from './tables';
import { createTeams } from './teams';
import { createUsers } from './users';

export type { AppwriteConfig } from './clients';

/** The backend port on Appwrite: TablesDB, Users, Account sessions, Storage and Teams. */
export function createAppwriteBackend(config: AppwriteConfig): Backend {
  const admin = createAdminClient(config);
  const tablesDB = new TablesDB(admin);
  const users = new Users(admin);

  return {
    kind: 'appwrite',
    tables: createTables(tablesDB),
    users: createUsers(users),
    sessions: createSessions(config, admin, users),
    storage: createStorage(new Storage(admin)),
    teams: createTeams(new Teams(admin), users),
    health: () => checkHealth(tablesDB),
    async close() {
      // Only a self-signed client holds a resource of its own (a private undici Agent).
      if (config.selfSigned) admin.setSelfSigned(false);
    },
  };
}
