/** Validation of POST /api/dev/users bodies: a clear message for each bad field. */
export interface NewUser {
  userId: string;
  phone: string;
  email: string;
  targets: string[];
}

const USER_ID = /^[A-Za-z0-9._-]{1,64}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const TARGET = /^(\*|[A-Za-z0-9 ._-]{1,64})$/;

export function parseNewUser(body: unknown): NewUser | { error: string } {
  const { userId, phone, email, targets } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof userId !== 'string' || !USER_ID.test(userId)) return { error: 'userId must be 1-64 letters, digits, ".", "_" or "-"' };
  if (typeof phone !== 'string' || !E164.test(phone)) return { error: 'phone must be an E.164 number like +15555550103' };
  if (typeof email !== 'string' || !EMAIL.test(email)) return { error: 'email must be an e-mail address' };
  if (!Array.isArray(targets) || targets.length > 100 || !targets.every((t) => typeof t === 'string' && TARGET.test(t))) {
    return { error: 'targets must be a list of instance aliases, or ["*"] for all' };
  }
  return { userId, phone, email, targets: targets as string[] };
}
