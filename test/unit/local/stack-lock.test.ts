import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOCK_FILE_NAME, StackAlreadyRunningError, StackLock, runningStackOn } from '../../../infra/local/stack-lock';

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('one stack per data dir', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'voicegate-lock-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a second acquire on a held data dir is refused, naming the holder and its port', () => {
    const lock = StackLock.acquire(dataDir);
    lock.listening({ port: 3456 });

    const second = (() => {
      try {
        StackLock.acquire(dataDir);
      } catch (error) {
        return error;
      }
    })();

    expect(second).toBeInstanceOf(StackAlreadyRunningError);
    expect((second as Error).message).toBe(
      `VoiceGate is already running on data dir ${resolve(dataDir)} (pid ${process.pid}, at http://127.0.0.1:3456/); stop it first or set VOICEGATE_DATA_DIR to another folder.`,
    );
  });

  it('the lock file records pid, port and data dir for the tools to read', () => {
    StackLock.acquire(dataDir).listening({ port: 3456, mqttPort: 8884 });

    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'))).toEqual({
      pid: process.pid,
      dataDir: resolve(dataDir),
      port: 3456,
      mqttPort: 8884,
    });
    expect(runningStackOn(dataDir)).toMatchObject({ port: 3456, mqttPort: 8884 });
  });

  it('a stale lock left by a process that died is taken over', () => {
    const gone = deadPid();
    writeFileSync(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid: gone, dataDir, port: 3000 }));

    expect(runningStackOn(dataDir)).toBeUndefined();
    StackLock.acquire(dataDir);

    expect(runningStackOn(dataDir)?.pid).toBe(process.pid);
  });

  it('a lock file cut short by a crash is taken over', () => {
    writeFileSync(join(dataDir, LOCK_FILE_NAME), '{"pid": 12');

    expect(() => StackLock.acquire(dataDir)).not.toThrow();
  });

  it('release frees the data dir for the next start', () => {
    StackLock.acquire(dataDir).release();

    expect(runningStackOn(dataDir)).toBeUndefined();
    expect(() => StackLock.acquire(dataDir)).not.toThrow();
  });
});
