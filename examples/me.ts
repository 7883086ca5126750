/**
 * Who am I, according to Aurora? Calls `auth.me` with a personal API token.
 *
 *   AURORA_URL=http://localhost:3000 AURORA_TOKEN=aur_… npx tsx examples/me.ts
 *
 * Create a token on your profile page (or with `auth.createApiToken`). Every procedure
 * is typed from the server's `AppRouter`, so your editor knows inputs and answers.
 */
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import { z } from 'zod';
import type { AppRouter } from '../server/trpc/root';

const config = z
  .object({
    AURORA_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    AURORA_TOKEN: z.string().regex(/^aur_/, 'set AURORA_TOKEN to a personal API token (aur_…)'),
  })
  .safeParse(process.env);

if (!config.success) {
  console.error(`examples/me.ts: ${z.prettifyError(config.error)}`);
  process.exit(2);
}

const aurora = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: new URL('/api/trpc', config.data.AURORA_URL).href,
      transformer: superjson,
      headers: { authorization: `Bearer ${config.data.AURORA_TOKEN}` },
    }),
  ],
});

try {
  const me = await aurora.auth.me.query();
  if (!me) throw new Error('the token signed nobody in');
  console.log(`Signed in as ${me.name} <${me.email}>, role ${me.role}`);
} catch (error) {
  console.error(`Aurora refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
