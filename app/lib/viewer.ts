import type { Caller } from '../../server/trpc/root';

/**
 * Who is looking at the page, as `auth.me` reports it, with what they may do across the
 * organization (`permissions`, as `auth.permissions` answers too) — pages decide what to
 * offer from that, never from the role, which is only shown. Null for a visitor.
 */
export type Viewer = NonNullable<Awaited<ReturnType<Caller['auth']['me']>>>;
export type Role = Viewer['role'];
