// Which people the list shows: those whose login, name or agent login holds what was typed
// (any case), the disabled ones only when asked; the active ones first, each group in the
// server's order (by login).
import type { AdminUser } from '../api/admin';

export function visiblePeople(users: readonly AdminUser[], filter: { query: string; showDisabled: boolean }): AdminUser[] {
  const q = filter.query.trim().toLowerCase();
  const matches = (u: AdminUser) => !q || [u.login, u.name, u.agentLogin ?? ''].some((s) => s.toLowerCase().includes(q));
  const shown = users.filter((u) => (filter.showDisabled || !u.disabled) && matches(u));
  return [...shown.filter((u) => !u.disabled), ...shown.filter((u) => u.disabled)];
}
