import type { User } from '../domain/user';

/** Linked accounts, their contacts and their policy. */
export interface UserDirectory {
  get(userId: string): Promise<User | undefined>;
  /** Resolves false when the user already exists. */
  create(user: User): Promise<boolean>;
}
