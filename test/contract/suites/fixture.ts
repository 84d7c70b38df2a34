/** How a contract suite gets a fresh subject (an adapter under test) for every test. */
export interface Fixture<T> {
  subject: T;
  cleanup(): Promise<void>;
}

export type MakeFixture<T> = () => Promise<Fixture<T>>;

/** Registers the hooks; the returned accessor is valid inside tests only. */
export function freshPerTest<T>(make: MakeFixture<T>): () => T {
  let fixture: Fixture<T> | undefined;
  beforeEach(async () => {
    fixture = await make();
  });
  afterEach(async () => {
    await fixture?.cleanup();
    fixture = undefined;
  });
  return () => {
    if (!fixture) throw new Error('the subject is only available inside a test');
    return fixture.subject;
  };
}
