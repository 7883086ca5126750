/** The arithmetic of progress, kept pure so every writer computes it the same way. */

/** Completed lessons that still exist, as a whole percentage of the course's lessons. */
export function progressOf(completed: readonly string[], lessonIds: readonly string[]): number {
  if (lessonIds.length === 0) return 0;
  return Math.round((100 * completedCount(completed, lessonIds)) / lessonIds.length);
}

/** Completions of deleted lessons stay stored but no longer count. */
export function completedCount(completed: readonly string[], lessonIds: readonly string[]): number {
  const done = new Set(completed);
  return lessonIds.filter((id) => done.has(id)).length;
}

/**
 * `completedAt` for a new progress: kept when still complete, set to `now` on reaching
 * 100, cleared when lessons added later bring it below.
 */
export function completedAtFor(progress: number, previous: string | null, now: Date): string | null {
  if (progress < 100) return null;
  return previous ?? now.toISOString();
}

/**
 * Where to continue: from the last lesson opened or completed, the first lesson not yet
 * completed (that lesson itself when it is not done); otherwise the first uncompleted
 * lesson of the course; null when everything is done.
 */
export function nextLessonOf(
  lessonIds: readonly string[],
  completed: readonly string[],
  lastLessonId: string | null,
): string | null {
  const done = new Set(completed);
  const start = lastLessonId ? Math.max(lessonIds.indexOf(lastLessonId), 0) : 0;
  return lessonIds.slice(start).find((id) => !done.has(id)) ?? lessonIds.find((id) => !done.has(id)) ?? null;
}
