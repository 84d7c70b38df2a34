import type { Instance } from './instance';
import { mayControl, type User } from './user';

/**
 * A command worth suggesting to this user: on the first instance they may control, the
 * action its state allows ("start splunk" while stopped, "stop web" while running), so
 * nobody is told to try something they may not do or that cannot happen.
 */
export function exampleCommand(user: Pick<User, 'targets'>, instances: Instance[]): string | undefined {
  const instance = instances.find((candidate) => mayControl(user, candidate.alias) && candidate.state in ACTION_FOR_STATE);
  return instance && `${ACTION_FOR_STATE[instance.state]} ${instance.alias}`;
}

const ACTION_FOR_STATE: Record<string, string> = { stopped: 'start', running: 'stop' };
