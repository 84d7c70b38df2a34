import { applyUpdate, documentWithDelta, type ShadowDocument, type UpdateAccepted } from '../../../infra/local/devices/shadow/shadow-document';

const T = 1_800_000_000;
const update = (body: unknown) => JSON.stringify(body);

function accepted(current: ShadowDocument | undefined, body: unknown, now = T): UpdateAccepted {
  const outcome = applyUpdate(current, update(body), now);
  if (outcome.kind !== 'accepted') throw new Error(`rejected: ${outcome.message}`);
  return outcome;
}

/** The device reported `locked`, then VoiceGate asked for `unlocked`. */
function lockAskedToUnlock(): UpdateAccepted {
  const reported = accepted(undefined, { state: { reported: { lock: 'locked' } } }, T);
  return accepted(reported.document, { state: { desired: { lock: 'unlocked' } } }, T + 5);
}

describe('device shadow semantics (AWS IoT classic shadow)', () => {
  it('starts at version 1 and counts every accepted update', () => {
    const first = accepted(undefined, { state: { reported: { lock: 'locked' } } });
    const second = accepted(first.document, { state: { desired: { lock: 'unlocked' } } });

    expect([first.document.version, second.document.version]).toEqual([1, 2]);
  });

  it('publishes a delta with the desired value that differs from the reported one, stamped when it was desired', () => {
    const { delta, document } = lockAskedToUnlock();

    expect(delta).toEqual({ state: { lock: 'unlocked' }, metadata: { lock: { timestamp: T + 5 } }, version: 2, timestamp: T + 5 });
    expect(document.metadata).toEqual({ desired: { lock: { timestamp: T + 5 } }, reported: { lock: { timestamp: T } } });
  });

  it('has no delta once the device reports the desired value, and keeps desired state', () => {
    const asked = lockAskedToUnlock();

    const done = accepted(asked.document, { state: { reported: { lock: 'unlocked' } } }, T + 6);

    expect(done.delta).toBeUndefined();
    expect(documentWithDelta(done.document)).toEqual({
      state: { desired: { lock: 'unlocked' }, reported: { lock: 'unlocked' } },
      metadata: { desired: { lock: { timestamp: T + 5 } }, reported: { lock: { timestamp: T + 6 } } },
      version: 3,
      timestamp: T + 6,
    });
  });

  it('shows the pending delta to a device that asks for its shadow', () => {
    expect(documentWithDelta(lockAskedToUnlock().document)).toMatchObject({ state: { delta: { lock: 'unlocked' } } });
  });

  it('publishes no delta when desired already equals reported, nor for a report alone', () => {
    const reported = accepted(undefined, { state: { reported: { lock: 'locked' } } });

    expect(reported.delta).toBeUndefined();
    expect(accepted(reported.document, { state: { desired: { lock: 'locked' } } }).delta).toBeUndefined();
  });

  it('accepts the request state with metadata for what it set, and echoes the client token', () => {
    const { accepted: message } = accepted(undefined, { state: { desired: { lock: 'unlocked' } }, clientToken: 'abc' });

    expect(message).toEqual({
      state: { desired: { lock: 'unlocked' } },
      metadata: { desired: { lock: { timestamp: T } } },
      version: 1,
      timestamp: T,
      clientToken: 'abc',
    });
  });

  it('a null value removes its key, and a null section clears it', () => {
    const asked = lockAskedToUnlock();

    const withdrawn = accepted(asked.document, { state: { desired: { lock: null } } });
    const cleared = accepted(asked.document, { state: { desired: null } });

    expect(withdrawn.document.state).toEqual({ reported: { lock: 'locked' } });
    expect(withdrawn.document.metadata.desired).toBeUndefined();
    expect(cleared.document.state).toEqual({ reported: { lock: 'locked' } });
  });

  it('merges nested objects key by key', () => {
    const first = accepted(undefined, { state: { reported: { job: { file: 'a.gcode', progress: 10 } } } });

    const second = accepted(first.document, { state: { reported: { job: { progress: 50 } } } });

    expect(second.document.state.reported).toEqual({ job: { file: 'a.gcode', progress: 50 } });
  });

  it('records the documents before and after each update', () => {
    const asked = lockAskedToUnlock();

    expect(asked.documents).toMatchObject({ previous: { version: 1, state: { reported: { lock: 'locked' } } }, current: { version: 2 } });
    expect(accepted(undefined, { state: { reported: {} } }).documents).toMatchObject({ previous: null });
  });

  describe('rejected updates (the shadow is left unchanged)', () => {
    it.each([
      ['not JSON', '{"state":', 400, 'Invalid JSON'],
      ['no state', update({ desired: { lock: 'unlocked' } }), 400, 'Missing required node: state'],
      ['an unknown section', update({ state: { delta: { lock: 'x' } } }), 400, "State contains an invalid node: 'delta'"],
      ['a section that is not an object', update({ state: { desired: 'unlocked' } }), 400, 'desired node must be an object'],
      ['a bad version', update({ state: { reported: {} }, version: -1 }), 400, 'Invalid version'],
      ['more than 8 KiB', update({ state: { reported: { note: 'x'.repeat(9000) } } }), 413, 'The payload exceeds the maximum size allowed'],
    ])('%s', (_, payload, code, message) => {
      expect(applyUpdate(undefined, payload, T)).toEqual({ kind: 'rejected', code, message });
    });

    it('an update naming a version other than the current one (optimistic locking)', () => {
      const { document } = lockAskedToUnlock();

      expect(applyUpdate(document, update({ state: { reported: { lock: 'unlocked' } }, version: 1 }), T)).toEqual({
        kind: 'rejected',
        code: 409,
        message: 'Version conflict',
      });
      expect(accepted(document, { state: { reported: { lock: 'unlocked' } }, version: 2 }).document.version).toBe(3);
    });
  });
});
