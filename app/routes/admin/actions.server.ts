/**
 * The admin panel's actions. Every change takes two posts: the first returns the
 * confirmation to show, the second (with confirmed=yes) makes the change. Whether the
 * person may do it at all is the procedures' decision (users.* are admin-only; giving
 * an organization role also needs its permissions, which users.setOrgRole checks).
 */
import { data, type ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { redirectWithFlash } from '~/lib/flash.server';
import { idSchema } from '../../../shared/fields/ids';
import { emailSchema, orgRoleSchema, personNameSchema, roleSchema } from '../../../shared/fields/people';
import {
  callerFailure,
  filledIn,
  redirectToSignIn,
  readForm,
  textFields,
  validate,
} from '~/lib/forms.server';
import { NO_ORG_ROLE, orgRoleWithArticle, roleWithArticle } from '~/lib/roles';
import { peopleHref, peopleQueryOf } from './query';

const target = z.object({
  userId: idSchema,
  // Only for the sentences on screen; the id decides who is changed.
  name: z
    .string()
    .max(200)
    .transform((name) => name.trim() || 'this person'),
});

const roleChange = target.extend({ role: roleSchema });
export const orgRoleChange = target.extend({
  // The form's empty choice is "None", the procedure's null.
  orgRole: z
    .string()
    .transform((chosen) => (chosen === NO_ORG_ROLE ? null : chosen))
    .pipe(orgRoleSchema),
});
export const newPerson = z.object({
  name: filledIn('Enter the person’s name.', personNameSchema),
  email: filledIn('Enter their email address.', emailSchema),
  role: roleSchema,
});
export const NEW_PERSON_FIELDS = ['name', 'email', 'role'] as const;
const enrollment = target.extend({ courseId: idSchema });

/** Published courses for the "Enroll in a course…" picker, by title (at most 200). */
async function publishedCourses(context: ActionFunctionArgs['context']) {
  const courses: { id: string; title: string }[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 4; page++) {
    const result = await context.trpc.course.list({ cursor, limit: 50, sort: 'title' });
    courses.push(...result.items.map((course) => ({ id: course.id, title: course.title })));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return courses;
}

export async function adminAction({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get('intent');
  const confirmed = form.get('confirmed') === 'yes';
  const backToList = peopleHref(peopleQueryOf(new URL(request.url)));

  try {
    if (intent === 'invite') {
      const values = textFields(form, NEW_PERSON_FIELDS);
      const checked = validate(newPerson, values);
      if (!checked.ok)
        return data(
          {
            confirm: null,
            error: null,
            invite: { values, fieldErrors: checked.fieldErrors, formError: null },
          },
          400,
        );
      try {
        const invitation = await context.trpc.users.invite(checked.data);
        return data({ confirm: null, error: null, invited: invitation });
      } catch (error) {
        const failure = callerFailure(error, NEW_PERSON_FIELDS);
        if (!failure || failure.code === 'UNAUTHORIZED' || failure.code === 'FORBIDDEN') throw error;
        // A taken email is about the email field.
        const fieldErrors =
          failure.code === 'CONFLICT'
            ? { ...failure.fieldErrors, email: failure.message }
            : failure.fieldErrors;
        const formError = Object.keys(fieldErrors).length > 0 ? null : failure.message;
        return data(
          { confirm: null, error: null, invite: { values, fieldErrors, formError } },
          failure.code === 'CONFLICT' ? 409 : 400,
        );
      }
    }

    if (intent === 'change-role') {
      const change = roleChange.safeParse(Object.fromEntries(form));
      if (!change.success) throw new Response('The role change was incomplete.', { status: 400 });
      const { userId, name, role } = change.data;
      if (!confirmed) return data({ confirm: { kind: 'role' as const, userId, name, role }, error: null });
      await context.trpc.users.setRole({ userId, role });
      const [me, permissions] = await Promise.all([context.trpc.auth.me(), context.trpc.auth.permissions()]);
      // Someone who just gave up their own admin role can no longer see this page.
      const landing = permissions.includes('users.manage') ? backToList : '/';
      const text =
        me?.id === userId
          ? `You are now ${roleWithArticle(role)}.`
          : `${name} is now ${roleWithArticle(role)}.`;
      return redirectWithFlash(request, landing, { tone: 'success', text });
    }

    if (intent === 'change-org-role') {
      const change = orgRoleChange.safeParse(Object.fromEntries(form));
      if (!change.success)
        throw new Response('The organization role change was incomplete.', { status: 400 });
      const { userId, name, orgRole } = change.data;
      if (!confirmed) {
        return data({ confirm: { kind: 'org-role' as const, userId, name, orgRole }, error: null });
      }
      try {
        await context.trpc.users.setOrgRole({ userId, orgRole });
      } catch (error) {
        // A role beyond the admin's own permissions is a refusal to explain beside the list, not a 403 page.
        const failure = callerFailure(error);
        if (failure?.code !== 'FORBIDDEN') throw error;
        return data({ confirm: null, error: failure.message }, 403);
      }
      const text = orgRole
        ? `${name} is now ${orgRoleWithArticle(orgRole)}.`
        : `${name} no longer has an organization role.`;
      return redirectWithFlash(request, backToList, { tone: 'success', text });
    }

    if (intent === 'enroll') {
      if (!confirmed) {
        const who = target.safeParse(Object.fromEntries(form));
        if (!who.success) throw new Response('The enrollment was incomplete.', { status: 400 });
        const courses = await publishedCourses(context);
        return data({ confirm: null, enroll: { ...who.data, courses }, error: null });
      }
      const chosen = enrollment.safeParse(Object.fromEntries(form));
      if (!chosen.success) throw new Response('Choose a course to enroll them in.', { status: 400 });
      const { userId, name, courseId } = chosen.data;
      await context.trpc.enrollment.enroll({ courseId, userId });
      const course = await context.trpc.course.get({ courseId });
      return redirectWithFlash(request, backToList, {
        tone: 'success',
        text: `${name} is enrolled in “${course.title.slice(0, 200)}”.`,
      });
    }

    if (intent === 'delete') {
      const who = target.safeParse(Object.fromEntries(form));
      if (!who.success) throw new Response('The deletion was incomplete.', { status: 400 });
      const { userId, name } = who.data;
      if (!confirmed) return data({ confirm: { kind: 'delete' as const, userId, name }, error: null });
      await context.trpc.users.delete({ userId });
      return redirectWithFlash(request, backToList, {
        tone: 'success',
        text: `${name}’s account is deleted.`,
      });
    }
  } catch (error) {
    const failure = callerFailure(error);
    if (!failure) throw error;
    if (failure.code === 'UNAUTHORIZED') return redirectToSignIn(request);
    if (failure.code === 'FORBIDDEN') throw new Response(failure.message, { status: 403 });
    // The last-admin rule (CONFLICT), someone already deleted (NOT_FOUND), and the like.
    return data({ confirm: null, error: failure.message }, failure.code === 'CONFLICT' ? 409 : 400);
  }
  throw new Response('That form isn’t one this page knows.', { status: 400 });
}
