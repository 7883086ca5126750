/**
 * A form and the procedure it calls take the same values: at each field's limit both
 * accept, one past it both refuse (the form beside the field, the procedure with
 * BAD_REQUEST). The forms read FormData as the pages do; the procedures run for real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { courseSchema, COURSE_FIELDS } from '../../app/lib/course-form.server';
import { textFields, validate } from '../../app/lib/forms.server';
import { LESSON_FIELDS, lessonSchema } from '../../app/lib/lesson-form.server';
import { profileSchema, tokenNameSchema } from '../../app/routes/account/actions.server';
import { newPerson, NEW_PERSON_FIELDS } from '../../app/routes/admin/actions.server';
import { createCaller, type Caller } from '../../server/trpc/root';
import { PASSWORD_FIELD_ORDER } from '../../app/components/account/PasswordForm';
import { idSchema } from '../../shared/fields/ids';
import { changePasswordSchema } from '../../shared/fields/people';
import {
  COURSE_LIMITS,
  ID_MAX_LENGTH,
  LESSON_LIMITS,
  PEOPLE_LIMITS,
  SEARCH_MAX_LENGTH,
} from '../../shared/fields/limits';
import { courseFields } from '../helpers/courses';
import { outcome } from '../helpers/identity';
import {
  contextAs,
  contextFor,
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '../helpers/services';

let services: TestServices;
let instructor: Caller;
let admin: Caller;
let courseId: string;
beforeAll(async () => {
  services = await createTestServices();
  instructor = createCaller(await contextFor(services, await createTestUser(services, 'instructor')));
  admin = createCaller(await contextAs(services, 'admin'));
  courseId = (await instructor.course.create(courseFields())).id;
});
afterAll(() => services.cleanup());

/** The field's error when the form refuses, or 'ok'. */
function formAnswer<F extends string>(
  schema: z.ZodType,
  names: readonly F[],
  values: Record<F, string>,
  field: F,
): string {
  const form = new FormData();
  for (const name of names) form.set(name, values[name]);
  const checked = validate(schema, textFields(form, names));
  if (checked.ok) return 'ok';
  return checked.fieldErrors[field] ? 'refused' : `refused, but not ${field}`;
}

/** 'ok', 'refused' (BAD_REQUEST) or the other code the procedure answered. */
async function procedureAnswer(call: Promise<unknown>): Promise<string> {
  const code = await outcome(call);
  return code === 'BAD_REQUEST' ? 'refused' : code;
}

const letters = (length: number) => 'x'.repeat(length);
const tagList = (count: number) => Array.from({ length: count }, (_, i) => `tag${i}`);
const email = (length: number) => `${'a'.repeat(length - '@school.org'.length)}@school.org`;

/** [field, limit, the form's text for a size, the procedure's value for it, the step past the limit]. */
type Case<F extends string> = [F, number, (size: number) => string, (size: number) => unknown, number?];

const COURSE_FORM: Record<(typeof COURSE_FIELDS)[number], string> = {
  title: 'Practical SQL',
  description: 'Query real data with joins.',
  category: 'data',
  difficulty: 'beginner',
  duration: '6',
  price: '0',
  tags: 'sql, data',
};

describe('the course form and course.create', () => {
  const cases: [string, ...Case<(typeof COURSE_FIELDS)[number]>][] = [
    ['title', 'title', COURSE_LIMITS.title, letters, letters],
    ['description', 'description', COURSE_LIMITS.description, letters, letters],
    ['category', 'category', COURSE_LIMITS.category, letters, letters],
    ['a tag’s length', 'tags', COURSE_LIMITS.tag, letters, (size) => [letters(size)]],
    ['the number of tags', 'tags', COURSE_LIMITS.tags, (size) => tagList(size).join(', '), tagList],
    ['duration', 'duration', COURSE_LIMITS.duration, String, (size) => size, 0.01],
    ['price', 'price', COURSE_LIMITS.price, String, (size) => size, 0.01],
  ];
  it.each(cases)(
    'agree on %s at the limit and one past it',
    async (_, field, limit, text, value, step = 1) => {
      for (const [size, expected] of [
        [limit, 'ok'],
        [limit + step, 'refused'],
      ] as const) {
        const form = formAnswer(courseSchema, COURSE_FIELDS, { ...COURSE_FORM, [field]: text(size) }, field);
        const procedure = await procedureAnswer(
          instructor.course.create({ ...courseFields(), [field]: value(size) } as never),
        );
        expect({ size, form, procedure }).toEqual({ size, form: expected, procedure: expected });
      }
    },
  );
});

describe('the lesson form and lesson.create', () => {
  const cases: Case<(typeof LESSON_FIELDS)[number]>[] = [
    ['title', LESSON_LIMITS.title, letters, letters],
    ['description', LESSON_LIMITS.description, letters, letters],
    ['content', LESSON_LIMITS.content, letters, letters],
  ];
  it.each(cases)('agree on %s at the limit and one past it', async (field, limit, text, value) => {
    for (const [size, expected] of [
      [limit, 'ok'],
      [limit + 1, 'refused'],
    ] as const) {
      const values = { title: 'Joins', description: '', content: '<p>Hi</p>', [field]: text(size) };
      const form = formAnswer(lessonSchema, LESSON_FIELDS, values, field);
      const procedure = await procedureAnswer(
        instructor.lesson.create({ courseId, title: 'Joins', [field]: value(size) }),
      );
      expect({ size, form, procedure }).toEqual({ size, form: expected, procedure: expected });
    }
  });
});

describe('the people forms and their procedures', () => {
  it.each([
    ['name', PEOPLE_LIMITS.name],
    ['bio', PEOPLE_LIMITS.bio],
  ] as const)('the profile form and auth.updateProfile agree on the %s', async (field, limit) => {
    for (const [size, expected] of [
      [limit, 'ok'],
      [limit + 1, 'refused'],
    ] as const) {
      const values = { name: 'Ada Lovelace', bio: '', [field]: letters(size) };
      const form = formAnswer(profileSchema, ['name', 'bio'], values, field);
      const procedure = await procedureAnswer(instructor.auth.updateProfile({ [field]: letters(size) }));
      expect({ size, form, procedure }).toEqual({ size, form: expected, procedure: expected });
    }
  });

  it('the token form and auth.createApiToken agree on the name', async () => {
    for (const [size, expected] of [
      [PEOPLE_LIMITS.tokenName, 'ok'],
      [PEOPLE_LIMITS.tokenName + 1, 'refused'],
    ] as const) {
      const form = formAnswer(tokenNameSchema, ['name'], { name: letters(size) }, 'name');
      const procedure = await procedureAnswer(instructor.auth.createApiToken({ name: letters(size) }));
      expect({ size, form, procedure }).toEqual({ size, form: expected, procedure: expected });
    }
  });

  it('the password form and auth.changePassword agree on the new password', async () => {
    for (const [size, expected] of [
      [PEOPLE_LIMITS.passwordMin - 1, 'refused'],
      [PEOPLE_LIMITS.passwordMin, 'ok'],
      [PEOPLE_LIMITS.password, 'ok'],
      [PEOPLE_LIMITS.password + 1, 'refused'],
    ] as const) {
      const values = { currentPassword: TEST_PASSWORD, newPassword: letters(size) };
      const form = formAnswer(changePasswordSchema, PASSWORD_FIELD_ORDER, values, 'newPassword');
      // A person of its own each time: a change ends the sessions of the one who made it.
      const changer = createCaller(await contextFor(services, await createTestUser(services, 'regular')));
      const procedure = await procedureAnswer(changer.auth.changePassword(values));
      expect({ size, form, procedure }).toEqual({ size, form: expected, procedure: expected });
    }
  });

  it.each([
    ['name', PEOPLE_LIMITS.name, letters],
    ['email', PEOPLE_LIMITS.email, email],
  ] as const)('the invitation form and users.invite agree on the %s', async (field, limit, valueOf) => {
    for (const [size, expected] of [
      [limit, 'ok'],
      [limit + 1, 'refused'],
    ] as const) {
      const values = { name: 'Grace Hopper', email: `${field}${size}@school.org`, role: 'regular' };
      const person = { ...values, [field]: valueOf(size) };
      const form = formAnswer(newPerson, NEW_PERSON_FIELDS, person, field);
      const procedure = await procedureAnswer(admin.users.invite({ ...person, role: 'regular' }));
      expect({ size, form, procedure }).toEqual({ size, form: expected, procedure: expected });
    }
  });
});

describe('ids in forms and procedures', () => {
  it('the id every form checks is the one course.get takes', async () => {
    // A well-formed id of no course is NOT_FOUND: the procedure took it as an id.
    const longest = letters(ID_MAX_LENGTH);
    expect(idSchema.safeParse(longest).success).toBe(true);
    expect(await outcome(instructor.course.get({ courseId: longest }))).toBe('NOT_FOUND');
    const tooLong = letters(ID_MAX_LENGTH + 1);
    expect(idSchema.safeParse(tooLong).success).toBe(false);
    expect(await outcome(instructor.course.get({ courseId: tooLong }))).toBe('BAD_REQUEST');
  });
});

describe('the catalog’s input sizes and course.list', () => {
  it.each([
    ['search', SEARCH_MAX_LENGTH],
    ['category', COURSE_LIMITS.category],
    ['tag', COURSE_LIMITS.tag],
  ] as const)('the %s input’s maxLength is what course.list takes', async (filter, maxLength) => {
    expect(await procedureAnswer(instructor.course.list({ [filter]: letters(maxLength) }))).toBe('ok');
    expect(await procedureAnswer(instructor.course.list({ [filter]: letters(maxLength + 1) }))).toBe(
      'refused',
    );
  });
});
