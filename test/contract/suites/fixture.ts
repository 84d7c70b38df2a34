/** How a contract suite gets a fresh subject (an adapter under test) for every test. */
export interface Fixture<T> {
  subject: T;
  cleanup(): Promise<void>;
}

export type MakeFixture<T> = () => Promise<Fixture<T>>;

/** Subjects on emulators take a while to set up on a busy machine. */
const HOOK_TIMEOUT_MS = 30_000;

/** Registers the hooks; the returned accessor is valid inside tests only. */
export function freshPerTest<T>(make: MakeFixture<T>): () => T {
  let fixture: Fixture<T> | undefined;
  beforeEach(async () => {
    fixture = await make();
  }, HOOK_TIMEOUT_MS);
  afterEach(async () => {
    await fixture?.cleanup();
    fixture = undefined;
  }, HOOK_TIMEOUT_MS);
  return () => {
    if (!fixture) throw new Error('the subject is only available inside a test');
    return fixture.subject;
  };
}
