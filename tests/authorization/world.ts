/**
 * The personas of the authorization matrix (./policy.ts) and what each of its calls is
 * given. The people are made once per run and each signs in once; every call then gets a
 * context of its own (a new request: no team permission remembered from another call)
 * and fresh records — its own course, team, person to act on — so a refusal can only
 * come from authorization and an "ok" is a call that did what it was asked on records
 * nobody touched before. People are reused because nothing in the table changes them in
 * a way another call notices; the calls that end the caller's session (signing out, in,
 * or up) sign in anew first. Teams made for one call are deleted after it, so the
 * reused people's memberships do not pile up.
 */
import { seedCourse, type SeededCourse } from '../helpers/courses';
import { queueTestMail } from '../helpers/mail';
import { giveOrgRole } from '../helpers/org-roles';
import {
  sameSiteFacts,
  scopeFor,
  contextFor,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../helpers/services';
import { seedVideoCourse } from '../helpers/videos';
import type { AuthUser, Role } from '../../server/backend/port';
import { isBackendError } from '../../server/backend/errors';
import { isPermission, type OrgRole, type Permission } from '../../shared/permissions';
import { unpublishCourse } from '../../server/services/courses/courses';
import { submitForReview } from '../../server/services/courses/review';
import { requestAccess } from '../../server/services/enrollments/access-requests';
import { enroll } from '../../server/services/enrollments/membership';
import { createApiToken } from '../../server/services/identity/api-tokens';
import { inviteUser } from '../../server/services/identity/invitations';
import { COURSE_AUTHOR_PERMISSIONS } from '../../server/services/permissions/org';
import { backgroundScope, visitorScope } from '../../server/services/scope';
import { COURSES } from '../../server/services/tables';
import { EMBED_PATH } from '../../server/services/video/access';
import { openEmbed } from '../../server/services/video/embed';
import { createContext, type Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/root';

/** The columns of ./policy.ts, in its order. */
export const PERSONAS = [
  'visitor',
  'learner',
  'course owner',
  'another instructor',
  'team member with the permission',
  'team member without it',
  'team lead',
  'moderator',
  'viewer',
  'admin',
  'owner',
] as const;
export type Persona = (typeof PERSONAS)[number];
type Person = Exclude<Persona, 'visitor'>;

/** What a row's call is given besides its persona (./calls.ts names one per row). */
export type Fixture =
  | 'nothing'
  /** A learner nobody else touches, to act on. */
  | 'someone'
  | 'invitation'
  /**
   * The persona changes its own password, which ends its every session: afterwards the
   * password is set back and the persona signed in again, so later rows find it as before.
   */
  | 'own password'
  /** An API token of the persona's own (a visitor has none: someone else's). */
  | 'api token'
  | 'mail'
  /** A fresh team: led by the team lead, with tm+ (or tm-) and one more member in it. */
  | 'team'
  /** A published free course with a preview lesson and a members-only one with an attachment. */
  | 'course'
  | 'draft'
  /** The draft, submitted for review (decision 0040). */
  | 'review draft'
  | 'paid course'
  | 'paid draft'
  /** The course with a video on each lesson. */
  | 'video course'
  | 'video draft'
  /** The video course, its learner holding an unused token for the members-only lesson. */
  | 'video token'
  /** The video course, its learner's embed opened (its progress token). */
  | 'watched video';

export interface World {
  course: SeededCourse;
  learnerId: string;
  /** The learner's pending request to join the paid course. */
  requestId: string;
  tokenId: string;
  progressToken: string;
  someone: { id: string; email: string };
  resetToken: string;
  apiTokenId: string;
  messageId: string;
  teamId: string;
  /** A member of the team who is neither the persona nor its lead: the one acted on. */
  memberId: string;
  /** Someone in no team of this call, to add. */
  newcomerId: string;
}

interface Cast {
  services: TestServices;
  /** Each persona's account and the session it signed in with (renewed after an `own password` call). */
  people: Map<Person, { user: AuthUser; sessionSecret: string }>;
  /** Member of the teams made for a call, besides the personas; and someone to add to them. */
  bystander: AuthUser;
  newcomer: AuthUser;
  /** The analytics.view team, tm-'s. */
  withoutTeamId: string;
  /** tm+'s teams, led by led, one per set of grants asked for so far. */
  grantTeams: Map<string, Promise<string>>;
}

const BASE_ROLE: Record<Person, Role> = {
  learner: 'regular',
  'course owner': 'instructor',
  'another instructor': 'instructor',
  'team member with the permission': 'regular',
  'team member without it': 'regular',
  'team lead': 'regular',
  moderator: 'regular',
  viewer: 'regular',
  admin: 'admin',
  owner: 'regular',
};
const ORG_ROLE: Partial<Record<Person, OrgRole>> = {
  moderator: 'moderator',
  viewer: 'viewer',
  owner: 'owner',
};

const WITHOUT: Permission[] = ['analytics.view'];
let made = 0;

async function personOf(services: TestServices, persona: Person): Promise<AuthUser> {
  const user = await createTestUser(services, BASE_ROLE[persona]);
  const orgRole = ORG_ROLE[persona];
  return orgRole ? giveOrgRole(services, user, orgRole) : user;
}

async function signedIn(services: TestServices, persona: Person) {
  const user = await personOf(services, persona);
  const session = await services.backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  return [persona, { user, sessionSecret: session.secret }] as const;
}

/** Everyone, signed in once, and tm-'s team. */
export async function createCast(services: TestServices): Promise<Cast> {
  const persons = PERSONAS.filter((persona): persona is Person => persona !== 'visitor');
  const people = new Map(await Promise.all(persons.map((persona) => signedIn(services, persona))));
  const [bystander, newcomer] = await Promise.all([
    createTestUser(services, 'regular'),
    createTestUser(services, 'regular'),
  ]);
  const cast: Cast = { services, people, bystander, newcomer, withoutTeamId: '', grantTeams: new Map() };
  cast.withoutTeamId = await teamOf(cast, WITHOUT, userOf(cast, 'team member without it'), bystander);
  return cast;
}

function personIn(cast: Cast, persona: Person) {
  const person = cast.people.get(persona);
  if (!person) throw new Error(`the cast has no ${persona}`);
  return person;
}

export function userOf(cast: Cast, persona: Person): AuthUser {
  return personIn(cast, persona).user;
}

async function teamOf(
  cast: Cast,
  permissions: readonly Permission[],
  member: AuthUser,
  lead: AuthUser,
): Promise<string> {
  const { teams } = cast.services.backend;
  const team = await teams.create({
    name: `Matrix team ${++made}`,
    description: '',
    permissions: [...permissions],
  });
  await teams.addMember({ teamId: team.id, userId: lead.id, role: 'lead' });
  await teams.addMember({ teamId: team.id, userId: member.id, role: 'member' });
  return team.id;
}

/** What tm+'s team holds on a row: its grants, or an author's permissions when it names none. */
export function grantsOf(grants: string): readonly Permission[] {
  if (grants === '—') return COURSE_AUTHOR_PERMISSIONS;
  const named = grants.split(' ');
  const known = named.filter(isPermission);
  if (known.length !== named.length) throw new Error(`not permissions of the catalogue: ${grants}`);
  return known;
}

/** tm+'s team for these grants (led by led), made the first time a row asks for it. */
function grantTeam(cast: Cast, grants: readonly Permission[]): Promise<string> {
  const key = [...grants].sort().join(' ');
  let team = cast.grantTeams.get(key);
  if (!team) {
    team = teamOf(cast, grants, userOf(cast, 'team member with the permission'), userOf(cast, 'team lead'));
    cast.grantTeams.set(key, team);
  }
  return team;
}

/** The course's team for `persona`: tm+'s and led's for the row's grants, tm-'s; none for the rest. */
async function courseTeamFor(
  cast: Cast,
  persona: Persona,
  grants: readonly Permission[],
): Promise<string | null> {
  if (persona === 'team member without it') return cast.withoutTeamId;
  if (persona === 'team member with the permission' || persona === 'team lead')
    return grantTeam(cast, grants);
  return null;
}

const tokenOf = (embedUrl: string) => new URL(embedUrl).pathname.slice(EMBED_PATH.length);

function contextOf(cast: Cast, persona: Persona): Promise<Context> {
  const { services } = cast;
  const sessionSecret = persona === 'visitor' ? null : personIn(cast, persona).sessionSecret;
  return createContext(services, sameSiteFacts(services, { sessionSecret }));
}

const EMPTY_COURSE: SeededCourse = { courseId: '', lessonId: '', attachmentId: '', previewLessonId: '' };

export interface Arranged {
  ctx: Context;
  world: World;
  /** Takes away what would otherwise pile up on the reused people (a call's team). */
  tidy(): Promise<void>;
}

/** The persona's context and the records `fixture` names, fresh for one call. */
export async function arrange(
  cast: Cast,
  persona: Persona,
  fixture: Fixture,
  grants: readonly Permission[],
  options: { ownSession?: boolean } = {},
): Promise<Arranged> {
  const { services } = cast;
  const { backend } = services;
  const learner = userOf(cast, 'learner');
  // tm+ is in a team holding the row's grants whether or not the row is about a course.
  await grantTeam(cast, grants);
  const world: World = {
    course: EMPTY_COURSE,
    learnerId: learner.id,
    requestId: '',
    tokenId: '',
    progressToken: '',
    someone: { id: '', email: '' },
    resetToken: '',
    apiTokenId: '',
    messageId: '',
    teamId: '',
    memberId: cast.bystander.id,
    newcomerId: cast.newcomer.id,
  };
  const ctx =
    options.ownSession && persona !== 'visitor'
      ? await contextFor(services, userOf(cast, persona))
      : await contextOf(cast, persona);
  let tidy = () => Promise.resolve();

  if (fixture === 'someone') {
    const someone = await createTestUser(services, 'regular');
    world.someone = { id: someone.id, email: someone.email };
  } else if (fixture === 'invitation') {
    const invitation = await inviteUser(backgroundScope(services), {
      name: 'Invited',
      email: `invited-${++made}@example.test`,
      role: 'regular',
    });
    world.resetToken = new URL(invitation.link).searchParams.get('token') ?? '';
  } else if (fixture === 'own password') {
    // A visitor is refused before anything changes.
    if (persona !== 'visitor') tidy = () => signInAgain(cast, persona);
  } else if (fixture === 'api token') {
    const holder = persona === 'visitor' ? cast.bystander : userOf(cast, persona);
    world.apiTokenId = (await createApiToken(scopeFor(services, holder), { name: 'script' })).id;
  } else if (fixture === 'mail') {
    world.messageId = await queueTestMail(services);
  } else if (fixture === 'team') {
    const without = persona === 'team member without it';
    const member = userOf(cast, without ? persona : 'team member with the permission');
    const teamId = await teamOf(cast, without ? WITHOUT : grants, member, userOf(cast, 'team lead'));
    await backend.teams.addMember({ teamId, userId: cast.bystander.id, role: 'member' });
    world.teamId = teamId;
    tidy = () =>
      backend.teams.delete(teamId).catch((error: unknown) => {
        if (!isBackendError(error, 'not_found')) throw error;
      });
  } else if (fixture !== 'nothing') {
    await arrangeCourse(cast, persona, fixture, grants, world);
  }
  return { ctx, world, tidy };
}

/** After the persona changed its password: the old one back, and a session as the cast began with. */
async function signInAgain(cast: Cast, persona: Person): Promise<void> {
  const { backend } = cast.services;
  const { user } = personIn(cast, persona);
  await backend.users.updatePassword(user.id, TEST_PASSWORD);
  const session = await backend.sessions.create({ email: user.email, password: TEST_PASSWORD });
  cast.people.set(persona, { user, sessionSecret: session.secret });
}

async function arrangeCourse(
  cast: Cast,
  persona: Persona,
  fixture: Fixture,
  grants: readonly Permission[],
  world: World,
): Promise<void> {
  const { services } = cast;
  const author = userOf(cast, 'course owner');
  const learner = userOf(cast, 'learner');
  const paid = fixture === 'paid course' || fixture === 'paid draft';
  const draft =
    fixture === 'draft' ||
    fixture === 'paid draft' ||
    fixture === 'video draft' ||
    fixture === 'review draft';
  const videos = fixture.startsWith('video') || fixture === 'watched video';
  world.course = videos
    ? await seedVideoCourse(services, author)
    : await seedCourse(services, author, paid ? { fields: { price: 29 } } : {});
  const { courseId, lessonId } = world.course;
  const teamId = await courseTeamFor(cast, persona, grants);
  if (teamId) await services.backend.tables.update({ ...COURSES, rowId: courseId, data: { teamId } });

  const asLearner = scopeFor(services, learner);
  if (paid) world.requestId = (await requestAccess(asLearner, courseId)).id;
  else await enroll(asLearner, { courseId });
  if (fixture === 'video token' || fixture === 'watched video') {
    const learnerCtx = await contextOf(cast, 'learner');
    const issued = await createCaller(learnerCtx).video.requestAccess({ lessonId });
    world.tokenId = issued.tokenId;
    if (fixture === 'watched video') {
      const embed = await openEmbed(visitorScope(services, learnerCtx.request), {
        token: tokenOf(issued.embedUrl),
        visitorId: null,
      });
      if (!embed.ok || embed.progressToken === null)
        throw new Error('the embed did not open with a progress token');
      world.progressToken = embed.progressToken;
    }
  }
  if (draft) await unpublishCourse(scopeFor(services, author), { courseId });
  if (fixture === 'review draft') await submitForReview(scopeFor(services, author), courseId);
}
