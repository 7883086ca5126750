/**
 * What the forms add to the shared field rules: reading text boxes into values, and
 * their own words for a field left empty or a number that is none.
 */
import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../app/lib/course-form.server';
import { validate } from '../../app/lib/forms.server';
import { newPerson, orgRoleChange } from '../../app/routes/admin/actions.server';

const course = {
  title: ' Practical SQL ',
  description: 'Query real data.',
  category: 'Data',
  difficulty: 'beginner',
  duration: '2,5',
  price: '0',
  tags: 'SQL, sql, , Joins ,',
};

describe('the course form', () => {
  it('reads a decimal comma and comma-separated tags, tidied as the procedure tidies them', () => {
    expect(validate(courseSchema, course)).toEqual({
      ok: true,
      data: { ...course, title: 'Practical SQL', duration: 2.5, price: 0, tags: ['sql', 'joins'] },
    });
  });

  it('says in its own words when a number is missing or is none', () => {
    expect(validate(courseSchema, { ...course, duration: ' ', price: 'free' })).toEqual({
      ok: false,
      fieldErrors: {
        duration: 'Enter how many hours the course takes, like 4 or 2.5.',
        price: 'Enter the price as a number, like 49 or 0 for free.',
      },
    });
  });
});

describe('the invitation form', () => {
  it('words an empty name and email for the admin, and leaves the rest to the shared rules', () => {
    expect(validate(newPerson, { name: ' ', email: '', role: 'regular' })).toEqual({
      ok: false,
      fieldErrors: { name: 'Enter the person’s name.', email: 'Enter their email address.' },
    });
    expect(validate(newPerson, { name: 'Grace', email: 'not an address', role: 'boss' })).toEqual({
      ok: false,
      fieldErrors: {
        email: 'Enter an email address like name@school.org.',
        role: 'Choose a role: regular, instructor or admin.',
      },
    });
  });
});

describe('the organization role form', () => {
  it('reads the select’s None as no role, keeps a known role and refuses any other', () => {
    const person = { userId: 'u1', name: 'Vera' };
    expect(orgRoleChange.parse({ ...person, orgRole: '' })).toEqual({ ...person, orgRole: null });
    expect(orgRoleChange.parse({ ...person, orgRole: 'viewer' })).toEqual({ ...person, orgRole: 'viewer' });
    expect(validate(orgRoleChange, { ...person, orgRole: 'boss' })).toEqual({
      ok: false,
      fieldErrors: {
        orgRole:
          'Choose an organization role: Organization Owner, Organization Admin, Team Lead, Content Creator, Moderator, Viewer, or none.',
      },
    });
  });
});
