/**
 * The course editor's Team form as a browser without JavaScript posts it: through the
 * page's action and the real router. The select offers the editor's own teams; choosing
 * one gives the course to it, "No team" takes it out, a made-up value changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseEditorAction } from '../../app/routes/teach.courses.$courseId._index/actions.server';
import type { AuthUser } from '../../server/backend/port';
import { pageViewsOf } from '../../server/http/load-context';
import type { Context } from '../../server/trpc/context';
import { createCaller, type Caller } from '../../server/trpc/root';
import { seedCourse } from '../helpers/courses';
import { contextFor, createTestServices, createTestUser, type TestServices } from '../helpers/services';

let services: TestServices;
/** The course's author, signed in, as the page's action calls the router for them. */
let editor: { user: AuthUser; ctx: Context; caller: Caller };
beforeAll(async () => {
  services = await createTestServices();
  const user = await createTestUser(services, 'instructor');
  const ctx = await contextFor(services, user);
  editor = { user, ctx, caller: createCaller(ctx) };
});
afterAll(() => services.cleanup());

async function postTeam(courseId: string, teamId: string) {
  const form = new FormData();
  form.set('intent', 'team');
  form.set('teamId', teamId);
  const request = new Request(`${services.env.publicUrl.origin}/teach/courses/${courseId}`, {
    method: 'POST',
    body: form,
  });
  const answer = await courseEditorAction({
    request,
    context: {
      trpc: editor.caller,
      cspNonce: 'test',
      responseHeaders: new Headers(),
      pageViews: pageViewsOf(editor.ctx),
      signedIn: true,
    },
    courseId,
  });
  return answer instanceof Response ? answer.status : answer.init?.status;
}

describe("the course editor's Team form", () => {
  it("offers the editor's teams, and gives the course to the one chosen or to none", async () => {
    const { user: owner, caller } = editor;
    const mine = await services.backend.teams.create({ name: 'Mine', description: '', permissions: [] });
    await services.backend.teams.create({ name: 'Not mine', description: '', permissions: [] });
    await services.backend.teams.addMember({ teamId: mine.id, userId: owner.id, role: 'member' });
    const { courseId } = await seedCourse(services, owner);

    expect(await caller.course.teamChoices({ courseId })).toEqual({
      teamId: null,
      teams: [{ id: mine.id, name: 'Mine' }],
    });
    expect(await postTeam(courseId, mine.id)).toBe(302);
    expect((await caller.course.get({ courseId })).teachingTeam?.name).toBe('Mine');
    expect((await caller.course.teamChoices({ courseId })).teamId).toBe(mine.id);

    expect(await postTeam(courseId, 'not an id!')).toBe(400);
    expect((await caller.course.teamChoices({ courseId })).teamId).toBe(mine.id);

    expect(await postTeam(courseId, '')).toBe(302);
    expect((await caller.course.get({ courseId })).teachingTeam).toBeNull();
  });
});
