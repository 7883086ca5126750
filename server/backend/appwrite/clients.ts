import { Account, Client } from 'node-appwrite';

export interface AppwriteConfig {
  /** e.g. `https://cloud.appwrite.io/v1` */
  endpoint: string;
  projectId: string;
  apiKey: string;
  /** Accept a self-signed TLS certificate (a self-hosted Appwrite in development). */
  selfSigned?: boolean;
}

/** The server's own client: the API key authorizes TablesDB, Users, Storage and session creation. */
export function createAdminClient(config: AppwriteConfig): Client {
  return baseClient(config).setKey(config.apiKey);
}

/**
 * Runs `act` with a client that acts as the session's user, as in Appwrite's SSR guide.
 * It is built fresh for every call and never carries the API key: a key would let the
 * request bypass the session and answer for any secret.
 */
export async function withSessionAccount<T>(
  config: AppwriteConfig,
  secret: string,
  act: (account: Account) => Promise<T>,
): Promise<T> {
  const client = baseClient(config).setSession(secret);
  try {
    return await act(new Account(client));
  } finally {
    // A self-signed client owns a private undici Agent; release it with the client.
    if (config.selfSigned) client.setSelfSigned(false);
  }
}

function baseClient(config: AppwriteConfig): Client {
  const client = new Client().setEndpoint(config.endpoint).setProject(config.projectId);
  return config.selfSigned ? client.setSelfSigned(true) : client;
}
