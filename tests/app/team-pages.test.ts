/**
 * The Teams pages' forms as a browser without JavaScript posts them: through the pages'
 * actions and the real router. Bad input — an unknown permission, a taken name, a
 * member twice, the last lead — comes back as a message beside its field or above the
 * members, with a 4xx status, and changes nothing (teams and members are read before
 * and after); a lead who posts the team's own settings gets the 403 page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamsAction } from '../../app/routes/admin_.teams/actions.server';
import { teamAction } from '../../app/routes/admin_.teams_.$teamId/actions.server';
import type { AuthUser } from '../../server/backend/port';
import { pageViewsOf } from '../../server/http/load-context';
import type { Context } from '../../server/trpc/context';
import { createCaller } from '../../server/trpc/root';
import { createOwner } from '../helpers/org-roles';
import { contextFor, createTestServices, createTestUser, type TestServices } from '../helpers/services';

let services: TestServices;
let owner: AuthUser;
beforeAll(async () => {
  services = await createTestServices();
  owner = await createOwner(services, { name: 'Olive Owner' });
});
afterAll(() => services.cleanup());

type Fields = Record<string, string | string[]>;

function formOf(fields: Fields): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const each of Array.isArray(value) ? value : [value]) form.append(name, each);
  return form;
}

function loadContext(ctx: Context) {
  return {
    trpc: createCaller(ctx),
    cspNonce: 'test',
    responseHeaders: new Headers(),
    pageViews: pageViewsOf(ctx),
    signedIn: true,
  };
}

/** What the action answered: a status, and the data a page shows (null for a redirect). */
async function answerOf(work: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    const answer = await work;
    if (answer instanceof Response) return { status: answer.status, body: null };
    // Remix's data(): the body and its ResponseInit.
    if (typeof answer !== 'object' || answer === null || !('data' in answer) || !('init' in answer))
      throw new Error('The action answered neither a Response nor data()');
    const init: unknown = answer.init;
    const status =
      typeof init === 'object' && init !== null && 'status' in init && typeof init.status === 'number'
        ? init.status
        : 200;
    return { status, body: answer.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

async function post(as: AuthUser, path: string, fields: Fields) {
  const ctx = await contextFor(services, as);
  const request = new Request(`${services.env.publicUrl.origin}${path}`, {
    method: 'POST',
    body: formOf(fields),
  });
  const teamId = /^\/admin\/teams\/([^/?]+)/.exec(path)?.[1];
  const args = { request, context: loadContext(ctx), params: teamId ? { teamId } : {} };
  return answerOf(teamId ? teamAction(args) : teamsAction(args));
}

async function everything() {
  const { teams } = await services.backend.teams.list({ limit: 100 });
  return Promise.all(
    teams.map(async (team) => ({ team, members: await services.backend.teams.listMembers(team.id) })),
  );
}

async function refusedWithoutChange(refuse: () => Promise<{ status: number; body: unknown }>) {
  const before = await everything();
  const answer = await refuse();
  expect(await everything()).toEqual(before);
  return answer;
}

describe('the Teams pages’ forms', () => {
  it('create a team, and answer a taken name and an unknown permission beside their fields', async () => {
    expect(
      await post(owner, '/admin/teams', {
        intent: 'create',
        name: 'Computer Science',
        description: '',
        permissions: ['courses.modify', 'students.grade'],
        requiresReview: 'yes',
      }),
    ).toEqual({ status: 302, body: null });
    const [created] = (await services.backend.teams.list({ search: 'computer' })).teams;
    expect(created).toMatchObject({
      permissions: ['courses.modify', 'students.grade'],
      requiresReview: true,
    });
    // An unticked box is not sent: the team's courses are no longer reviewed.
    expect(
      await post(owner, `/admin/teams/${created?.id ?? ''}`, {
        intent: 'update',
        name: 'Computer Science',
        description: 'The department',
        permissions: ['courses.modify', 'students.grade'],
      }),
    ).toEqual({ status: 302, body: null });
    expect(await services.backend.teams.get(created?.id ?? '')).toMatchObject({
      description: 'The department',
      requiresReview: false,
    });

    const taken = await refusedWithoutChange(() =>
      post(owner, '/admin/teams', { intent: 'create', name: 'computer SCIENCE', description: '' }),
    );
    expect(taken).toMatchObject({
      status: 409,
      body: { attempt: { fieldErrors: { name: expect.stringMatching(/already exists/) } } },
    });
    const unknown = await refusedWithoutChange(() =>
      post(owner, '/admin/teams', {
        intent: 'create',
        name: 'Flying',
        description: '',
        permissions: ['courses.fly'],
      }),
    );
    expect(unknown).toMatchObject({
      status: 400,
      body: { attempt: { fieldErrors: { permissions: 'That is not a permission Aurora knows.' } } },
    });
    const unnamed = await refusedWithoutChange(() =>
      post(owner, '/admin/teams', { intent: 'create', name: '   ', description: '' }),
    );
    expect(unnamed).toMatchObject({
      status: 400,
      body: { attempt: { fieldErrors: { name: 'Give the team a name.' } } },
    });
  });

  it('answer a permission the admin lacks beside the permissions', async () => {
    const admin = await createTestUser(services, 'admin');
    // An Organization Admin does not hold students.grade (decision 0039).
    const lacking = await refusedWithoutChange(() =>
      post(admin, '/admin/teams', {
        intent: 'create',
        name: 'Graders',
        description: '',
        permissions: ['students.grade'],
      }),
    );
    expect(lacking).toMatchObject({
      status: 403,
      body: { attempt: { fieldErrors: { permissions: expect.stringMatching(/students\.grade/) } } },
    });
  });

  it('answer a member twice and the last lead above the members, and a lead changing the team with 403', async () => {
    const team = await services.backend.teams.create({ name: 'Biology', description: '', permissions: [] });
    const lead = await createTestUser(services, 'instructor', { name: 'Lee Lead' });
    const member = await createTestUser(services, 'instructor', { name: 'Max Member' });
    const path = `/admin/teams/${team.id}`;
    for (const [person, role] of [
      [lead, 'lead'],
      [member, 'member'],
    ] as const) {
      expect(
        await post(owner, path, { intent: 'add-member', userId: person.id, name: person.name, role }),
      ).toEqual({ status: 302, body: null });
    }

    const twice = await refusedWithoutChange(() =>
      post(lead, path, { intent: 'add-member', userId: member.id, name: member.name, role: 'lead' }),
    );
    expect(twice).toMatchObject({
      status: 409,
      body: { problem: { where: 'add', message: expect.stringMatching(/already a member of Biology/) } },
    });
    const lastLead = await refusedWithoutChange(() =>
      post(lead, path, { intent: 'set-role', userId: lead.id, name: lead.name, role: 'member' }),
    );
    expect(lastLead).toMatchObject({
      status: 400,
      body: {
        problem: { where: 'members', message: expect.stringMatching(/a team keeps at least one lead/) },
      },
    });
    const removeLast = await refusedWithoutChange(() =>
      post(owner, path, { intent: 'remove-member', userId: lead.id, name: lead.name, confirmed: 'yes' }),
    );
    expect(removeLast).toMatchObject({ status: 400, body: { problem: { where: 'members' } } });

    // Asked first: the confirmation, and nothing removed yet.
    const asked = await refusedWithoutChange(() =>
      post(lead, path, { intent: 'remove-member', userId: member.id, name: member.name }),
    );
    expect(asked).toMatchObject({ status: 200, body: { confirm: { kind: 'remove', userId: member.id } } });
    // A lead manages members, never the team itself.
    const settings = await refusedWithoutChange(() =>
      post(lead, path, { intent: 'update', name: 'Renamed', description: '', permissions: [] }),
    );
    expect(settings.status).toBe(403);
    const deletion = await refusedWithoutChange(() =>
      post(lead, path, { intent: 'delete', confirmed: 'yes' }),
    );
    expect(deletion.status).toBe(403);
    // A plain member changes nothing: the 403 page.
    const byMember = await refusedWithoutChange(() =>
      post(member, path, { intent: 'set-role', userId: member.id, name: member.name, role: 'lead' }),
    );
    expect(byMember.status).toBe(403);
  });
});
