/** The mail layout: every value escaped, links only http(s), both parts, the list headers. */
import { describe, expect, it } from 'vitest';
import { renderedMailSchema } from '../rendered';
import { renderMail } from './layout';
import { welcomeMail } from './welcome';

const site = { publicUrl: new URL('https://learn.example.org/some/path') };
const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;

describe('renderMail', () => {
  it('escapes every interpolated value in the HTML part and keeps it readable in the text part', () => {
    const mail = renderMail(
      {
        subject: hostile,
        preheader: hostile,
        heading: hostile,
        paragraphs: [hostile, 'Second'],
        action: { label: hostile, url: 'https://learn.example.org/a?b=1&c="2"' },
        footer: hostile,
      },
      site,
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('onerror=alert(2)>');
    // Subject (title), preheader, heading, paragraph, button label, footer: each escaped whole.
    const escaped = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&#39;';
    expect(mail.html.split(escaped).length - 1).toBe(6);
    expect(mail.html).toContain('href="https://learn.example.org/a?b=1&amp;c=%222%22"');
    expect(mail.html).toContain('<html lang="en"');
    expect(mail.text).toContain(hostile);
    expect(mail.text).toContain('Second');
    expect(mail.text).toContain(
      'Manage your email notifications: https://learn.example.org/account#notifications',
    );
    expect(mail.headers).toEqual({
      'List-Unsubscribe': '<https://learn.example.org/account#notifications>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('refuses a link that is not absolute http(s)', () => {
    for (const url of ['javascript:alert(1)', '/relative', 'data:text/html,x', 'mailto:a@b.c']) {
      expect(() =>
        renderMail(
          {
            subject: 's',
            preheader: 'p',
            heading: 'h',
            paragraphs: [],
            action: { label: 'x', url },
            footer: 'f',
          },
          site,
        ),
      ).toThrow(/mail link/);
    }
  });
});

describe('welcomeMail', () => {
  it('names the course, the instructor and links the first lesson, within the outbox limits', () => {
    const mail = welcomeMail(
      {
        learnerName: 'Ada',
        courseTitle: 'Analytical Engines',
        instructorName: 'Charles Babbage',
        firstLessonUrl: 'https://learn.example.org/courses/c1/lessons/l1',
        courseUrl: 'https://learn.example.org/courses/c1',
      },
      site,
    );
    expect(mail.subject).toBe('Welcome to Analytical Engines');
    expect(mail.text).toContain('taught by Charles Babbage');
    expect(mail.text).toContain('Start the first lesson: https://learn.example.org/courses/c1/lessons/l1');
    expect(mail.html).toContain('href="https://learn.example.org/courses/c1/lessons/l1"');
    expect(renderedMailSchema.safeParse(mail).success).toBe(true);
  });

  it('opens the course when it has no lessons yet', () => {
    const mail = welcomeMail(
      {
        learnerName: '',
        courseTitle: 'Soon',
        instructorName: 'Maya',
        firstLessonUrl: null,
        courseUrl: 'https://learn.example.org/courses/c2',
      },
      site,
    );
    expect(mail.text).toContain('Open the course: https://learn.example.org/courses/c2');
    expect(mail.text.startsWith('Welcome to Soon\n\nHi,\n')).toBe(true);
  });
});
