import type { Caller } from '../../server/trpc/root';

/** Who is looking at the page, as `auth.me` reports it; null for a visitor. */
export type Viewer = NonNullable<Awaited<ReturnType<Caller['auth']['me']>>>;
export type Role = Viewer['role'];
