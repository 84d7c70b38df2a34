import type { Instance } from '../../functions/domain/instance';
import type { User } from '../../functions/domain/user';
import type { UserDirectory } from '../../functions/ports/user-directory';
import type { SimulatedFleet } from './adapters/simulated-fleet';

/** The seeded data of docs/local-api.md: tests and demos rely on these exact values. */
export const SEED_USERS: User[] = [
  { userId: 'alice', phone: '+15555550101', email: 'alice@example.com', targets: ['*'], preferredChannel: 'sms' },
  { userId: 'bob', phone: '+15555550102', email: 'bob@example.com', targets: ['web'], preferredChannel: 'sms' },
];

export const SEED_INSTANCES: Instance[] = [
  { instanceId: 'i-0123456789abcdef0', alias: 'splunk', state: 'stopped' },
  { instanceId: 'i-0123456789abcdef1', alias: 'web', state: 'running' },
  { instanceId: 'i-0123456789abcdef2', alias: 'build', state: 'stopped' },
];

/** Seeds what is missing; existing users and instances keep their state across restarts. */
export async function seed(users: UserDirectory, fleet: SimulatedFleet): Promise<void> {
  await Promise.all([...SEED_USERS.map((user) => users.create(user)), ...SEED_INSTANCES.map((i) => fleet.seed(i))]);
}
