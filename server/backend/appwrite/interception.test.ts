import { Client, TablesDB } from 'node-appwrite';
import { MockAgent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { afterEach, beforeEach, expect, it } from 'vitest';

// Proves the premise of every request-level test here: node-appwrite's fetch goes
// through undici's global dispatcher, so a MockAgent installed there sees its calls.
const previous = getGlobalDispatcher();
let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
});

afterEach(async () => {
  setGlobalDispatcher(previous);
  await agent.close();
});

it('intercepts node-appwrite requests with an undici MockAgent', async () => {
  agent
    .get('https://appwrite.test')
    .intercept({ path: '/v1/tablesdb', method: 'GET' })
    .reply(200, { total: 0, databases: [] }, { headers: { 'content-type': 'application/json' } });
  const client = new Client().setEndpoint('https://appwrite.test/v1').setProject('p').setKey('k');
  await expect(new TablesDB(client).list()).resolves.toMatchObject({ total: 0 });
  agent.assertNoPendingInterceptors();
});
