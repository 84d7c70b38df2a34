import type { Instance } from '../domain/instance';
import { mayControl, type User } from '../domain/user';
import type { Deps } from './deps';

/** The instances this user may control, with their state (read-only, no code). */
export async function listInstances(deps: Pick<Deps, 'instances'>, user: User): Promise<Instance[]> {
  const all = await deps.instances.list();
  return all.filter((instance) => mayControl(user, instance.alias));
}
