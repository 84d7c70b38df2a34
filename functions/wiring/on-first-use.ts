import { oncePerContainer } from './once-per-container';

/** A port whose every method answers with a promise, so its first call can wait for the adapter to load. */
type AsyncPort<Port> = { [Method in keyof Port]: (...args: never[]) => Promise<unknown> };

/**
 * A port whose adapter (and the SDK client under it) is imported on the port's first call: a
 * cold start loads only the clients its request uses. The bundle keeps each `import()` as a
 * chunk of its own (infra/aws/function-bundle.ts). A failed load is retried on the next call.
 */
export function onFirstUse<Port extends AsyncPort<Port>>(load: () => Promise<Port>): Port {
  const adapter = oncePerContainer(load);
  return new Proxy({} as Port, {
    get(_, method) {
      // Not a thenable: awaiting the port itself must not call its adapter.
      if (method === 'then') return undefined;
      return async (...args: unknown[]) => {
        const port = await adapter();
        return Reflect.apply(Reflect.get(port, method), port, args);
      };
    },
  });
}
