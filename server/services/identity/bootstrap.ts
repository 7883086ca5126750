/**
 * Accounts that exist because of configuration, made at every start (idempotent):
 * the `AURORA_ADMIN_EMAIL` admin, on a brand-new embedded install the demo accounts
 * listed in the README, and an Organization Owner — the oldest admin, when nobody is
 * one (decision 0039): the first admin of a new install, and on an install from before
 * organization roles its first admin. One path for both backends, so no backfill. Demo accounts never appear in production
 * (`env.demoContent` is false there) nor in a data directory that already has people.
 */
import { Query } from 'node-appwrite';
import { z } from 'zod';
import type { AuthUser, Role } from '../../backend/port';
import { isAdminRole } from '../permissions/base-roles';
import type { ServiceScope } from '../scope';
import { seedDemoCourses, seedDemoLearning } from '../courses/demo-courses';
import { PROFILES } from '../tables';
import { createAccount } from './accounts';
import { emailSchema, newPasswordSchema, personNameSchema } from '../../../shared/fields/people';
import { ensureOrganizationOwner } from './org-roles';
import { promoteToAdmin } from './user-admin';

interface DemoAccount {
  email: string;
  password: string;
  name: string;
  role: Role;
  bio: string;
}

/** Also in README.md, "Demo accounts": change both together. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'admin@aurora.test',
    password: 'aurora-admin',
    name: 'Alex Admin',
    role: 'admin',
    bio: 'Keeps Aurora running: people, roles and settings.',
  },
  {
    email: 'instructor@aurora.test',
    password: 'aurora-teach',
    name: 'Maya Rivera',
    role: 'instructor',
    bio: 'Teaches web development and data literacy.',
  },
  {
    email: 'ada@aurora.test',
    password: 'aurora-learn',
    name: 'Ada Lovelace',
    role: 'regular',
    bio: 'Learning how analytical engines weave algebraic patterns.',
  },
  {
    email: 'grace@aurora.test',
    password: 'aurora-learn',
    name: 'Grace Hopper',
    role: 'regular',
    bio: 'Here for compilers, and the occasional moth.',
  },
];

const configuredAdmin = z.object({ email: emailSchema, password: newPasswordSchema });
const ADMIN_NAME = personNameSchema.parse('Administrator');

export interface BootstrapReport {
  admin: 'created' | 'promoted' | 'unchanged' | null;
  demoAccounts: number;
  /** The admin made Organization Owner at this start, when there was none. */
  ownerMade: string | null;
}

export async function bootstrapIdentity(
  scope: ServiceScope,
  log: (line: string) => void = console.log,
): Promise<BootstrapReport> {
  const { backend, env } = scope;
  // Decided before the admin below is made, which would make any directory look used.
  const isNewInstall =
    env.demoContent && (await backend.tables.list({ ...PROFILES, queries: [Query.limit(1)] })).total === 0;

  let admin: BootstrapReport['admin'] = null;
  if (env.admin) {
    const { email, password } = configuredAdmin.parse(env.admin);
    const existing = await backend.users.findByEmail(email);
    if (!existing) {
      await createAccount(backend, { email, password, name: ADMIN_NAME, role: 'admin' }, scope.now());
      admin = 'created';
    } else {
      const wasAdmin = isAdminRole(existing.role);
      await promoteToAdmin(backend, existing, scope.now());
      admin = wasAdmin ? 'unchanged' : 'promoted';
    }
  }

  let demoAccounts = 0;
  if (isNewInstall) {
    /** The demo accounts made just now, by email: only these get demo courses and progress. */
    const made = new Map<string, AuthUser>();
    for (const account of DEMO_ACCOUNTS) {
      // The configured admin may have taken one of these emails; keep theirs.
      if (await backend.users.findByEmail(account.email)) continue;
      const { user } = await createAccount(backend, account, scope.now());
      made.set(account.email, user);
      demoAccounts += 1;
    }
    if (demoAccounts > 0) {
      log(
        'Demo accounts are ready: admin@aurora.test / aurora-admin, instructor@aurora.test / aurora-teach, ' +
          'ada@aurora.test and grace@aurora.test / aurora-learn (README, "Demo accounts").',
      );
    }
    // Demo courses only come with freshly made demo accounts, never into a used directory.
    // `made` holds only accounts created just now, each with its demo role.
    const teacher = made.get('instructor@aurora.test');
    if (teacher) {
      const now = scope.now();
      const courses = await seedDemoCourses(scope, { instructor: teacher, today: now });
      const learner = (email: string) => made.get(email) ?? null;
      const ada = learner('ada@aurora.test');
      const grace = learner('grace@aurora.test');
      await seedDemoLearning(scope, { people: { instructor: teacher, ada, grace }, courses, today: now });
      const published = courses.filter((course) => course.published).length;
      const drafts = courses.length - published;
      const learners = [ada, grace].flatMap((user) => (user ? [user.name.split(' ')[0]] : []));
      log(
        `Demo content is ready: ${published} published courses and ${drafts} ${drafts === 1 ? 'draft' : 'drafts'} ` +
          `by ${teacher.name}` +
          (learners.length > 0
            ? `; ${learners.join(' and ')} ${learners.length === 1 ? 'is' : 'are'} part-way through them.`
            : '.'),
      );
    }
  }
  const owner = await ensureOrganizationOwner(backend, scope.now());
  if (owner) log(`${owner.name || owner.email} (${owner.email}) is now the Organization Owner.`);
  return { admin, demoAccounts, ownerMade: owner?.id ?? null };
}
