/** One team's page on the Teams admin pages; `person` is its "Add a member" search. */
export function teamHref(teamId: string, person?: string): string {
  const path = `/admin/teams/${encodeURIComponent(teamId)}`;
  return person ? `${path}?${new URLSearchParams({ person }).toString()}` : path;
}
