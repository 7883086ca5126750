import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedBackend } from '../../server/backend/embedded/index';
import { describeBackendContract } from './backend-contract';

describeBackendContract('embedded', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'aurora-contract-'));
  const backend = createEmbeddedBackend({ dataDir });
  return {
    backend,
    idPrefix: 'ct',
    cleanup: async () => {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
