/** A linked account and what it may control. */
export type Channel = 'sms' | 'email';

export interface User {
  userId: string;
  phone: string;
  email: string;
  /** Instance aliases this user may control; `*` means every target. */
  targets: string[];
  preferredChannel: Channel;
}

/** S11: a user may act only on targets their policy allows. */
export function mayControl(user: Pick<User, 'targets'>, target: string): boolean {
  return user.targets.includes('*') || user.targets.includes(target);
}

export function destinationFor(user: User, channel: Channel): string {
  return channel === 'sms' ? user.phone : user.email;
}
