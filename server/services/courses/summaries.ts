/** Courses as lists and pages show them: with their instructor and how many lessons they have. */
import { Query } from 'node-appwrite';
import type { Backend } from '../../backend/port';
import { findProfile } from '../identity/profiles';
import { avatarUrlOf } from '../identity/viewer';
import { LESSONS } from '../tables';
import { type CourseRecord } from './records';
import type { Difficulty } from '../../../shared/fields/limits';
import { thumbnailUrlOf } from './thumbnails';

export interface InstructorSummary {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface CourseSummary {
  id: string;
  title: string;
  description: string;
  category: string;
  difficulty: Difficulty;
  duration: number;
  price: number;
  tags: string[];
  thumbnailUrl: string | null;
  isPublished: boolean;
  instructor: InstructorSummary;
  lessonCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface CoursePage {
  items: CourseSummary[];
  nextCursor: string | null;
  total: number;
}

async function instructorOf(backend: Backend, userId: string): Promise<InstructorSummary> {
  const profile = await findProfile(backend, userId);
  // A deleted instructor's courses pass to an admin (decision 0007); until then, say so.
  return profile
    ? { id: userId, name: profile.name, avatarUrl: avatarUrlOf(profile.avatar) }
    : { id: userId, name: 'Former instructor', avatarUrl: null };
}

export async function countLessons(backend: Backend, courseId: string): Promise<number> {
  const { total } = await backend.tables.list({
    ...LESSONS,
    queries: [Query.equal('courseId', courseId), Query.select(['$id']), Query.limit(1)],
  });
  return total;
}

export function toSummary(
  course: CourseRecord,
  instructor: InstructorSummary,
  lessonCount: number,
): CourseSummary {
  return {
    id: course.$id,
    title: course.title,
    description: course.description,
    category: course.category,
    difficulty: course.difficulty,
    duration: course.duration,
    price: course.price,
    tags: course.tags,
    thumbnailUrl: thumbnailUrlOf(course.thumbnail),
    isPublished: course.isPublished,
    instructor,
    lessonCount,
    createdAt: course.createdAt,
    updatedAt: course.updatedAt,
  };
}

/** One profile read per distinct instructor, one count per course (an indexed count). */
export async function summarize(backend: Backend, courses: CourseRecord[]): Promise<CourseSummary[]> {
  const instructors = new Map<string, Promise<InstructorSummary>>();
  return Promise.all(
    courses.map(async (course) => {
      let instructor = instructors.get(course.instructor);
      if (!instructor) {
        instructor = instructorOf(backend, course.instructor);
        instructors.set(course.instructor, instructor);
      }
      return toSummary(course, await instructor, await countLessons(backend, course.$id));
    }),
  );
}
