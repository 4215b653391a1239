import type { Actor, Page, User } from '../../model';
import type { Deps, PageRequest } from '../../ports';
import { requireRole } from '../support/access';

/** Users a page at a time (admin); the repository never returns password hashes or token state. */
export async function listUsers(deps: Deps, input: { actor: Actor; page: PageRequest }): Promise<Page<User>> {
  requireRole(input.actor, 'admin');
  return deps.users.list(input.page);
}
