import type { User } from '../../../functions/domain/user';
import type { UserDirectory } from '../../../functions/ports/user-directory';
import { freshPerTest, type MakeFixture } from './fixture';

const alice: User = {
  userId: 'user-alice',
  phone: '+15555550101',
  email: 'alice@example.com',
  targets: ['splunk', 'web'],
  preferredChannel: 'sms',
};

export function userDirectoryContract(name: string, makeDirectory: MakeFixture<UserDirectory>): void {
  describe(`UserDirectory contract: ${name}`, () => {
    const directory = freshPerTest(makeDirectory);

    it('does not know a user who was never created', async () => {
      expect(await directory().get(alice.userId)).toBeUndefined();
    });

    it('returns a created user as it was created', async () => {
      expect(await directory().create(alice)).toBe(true);
      expect(await directory().get(alice.userId)).toEqual(alice);
    });

    it('refuses to create the same user twice and keeps the first', async () => {
      await directory().create(alice);

      const again = await directory().create({ ...alice, phone: '+15555550199', targets: ['*'] });

      expect(again).toBe(false);
      expect(await directory().get(alice.userId)).toEqual(alice);
    });
  });
}
