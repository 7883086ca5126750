import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { waitForHydration } from './fixtures';

export interface LessonSpec {
  title: string;
  summary?: string;
  html: string;
  preview?: boolean;
  attachment?: string;
}

/** A small text file to attach to a lesson. */
export function writeTestNotes(name = 'reading-notes.txt'): string {
  const dir = mkdtempSync(join(tmpdir(), 'aurora-notes-'));
  const path = join(dir, name);
  writeFileSync(path, 'Reading notes for the lesson.\nPlease read before the next class.\n');
  return path;
}

/** Creates a draft course through /teach as the signed-in instructor; returns its id. */
export async function createCourse(
  page: Page,
  course: { title: string; description: string; category: string; price?: string; tags?: string },
): Promise<string> {
  await page.goto('/teach');
  await page.getByRole('link', { name: 'New course' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'New course' })).toBeVisible();
  await page.getByLabel('Title').fill(course.title);
  await page.getByLabel('Description').fill(course.description);
  await page.getByLabel('Category').fill(course.category);
  await page.getByLabel('Level').selectOption('intermediate');
  await page.getByLabel('Length (hours)').fill('6.5');
  await page.getByLabel('Price (USD)').fill(course.price ?? '0');
  await page.getByLabel('Tags (optional)').fill(course.tags ?? 'science, starter');
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  const id = /\/teach\/courses\/([^/?#]+)/.exec(page.url())?.[1];
  expect(id).toBeTruthy();
  return id ?? '';
}

/** Adds a lesson from the course editor; returns its id. Leaves the page on the lesson editor. */
export async function addLesson(page: Page, courseId: string, lesson: LessonSpec): Promise<string> {
  await page.goto(`/teach/courses/${courseId}/lessons/new`);
  await waitForHydration(page);
  await page.getByLabel('Title').fill(lesson.title);
  if (lesson.summary) await page.getByLabel('Summary (optional)').fill(lesson.summary);
  if (lesson.preview) await page.getByLabel('Free preview').check();
  await page.getByRole('button', { name: 'Edit HTML' }).click();
  await page.getByLabel('Lesson notes').fill(lesson.html);
  await page.getByRole('button', { name: 'Save lesson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: lesson.title })).toBeVisible();
  const id = /\/lessons\/([^/?#]+)/.exec(page.url())?.[1] ?? '';
  expect(id).not.toBe('new');
  if (lesson.attachment) {
    await page.getByLabel('Add a file').setInputFiles(lesson.attachment);
    await page.getByRole('button', { name: 'Upload file' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is attached' })).toBeVisible();
  }
  return id;
}
