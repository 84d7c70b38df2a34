import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Who holds a data dir: written when a stack starts, read by a second start and by the tools. */
export interface StackLockHolder {
  pid: number;
  /** The HTTP port; absent for the moment between taking the lock and listening. */
  port?: number;
  mqttPort?: number;
  dataDir: string;
}

export const LOCK_FILE_NAME = 'stack.lock';

/** A second stack on the same data dir would corrupt the store: it is refused before anything is opened. */
export class StackAlreadyRunningError extends Error {
  constructor(readonly holder: StackLockHolder) {
    const where = holder.port === undefined ? 'still starting' : `at http://127.0.0.1:${holder.port}/`;
    super(
      `VoiceGate is already running on data dir ${holder.dataDir} (pid ${holder.pid}, ${where}); stop it first or set VOICEGATE_DATA_DIR to another folder.`,
    );
    this.name = 'StackAlreadyRunning';
  }
}

/** The lock this stack holds on its data dir; `release` removes it on a clean stop. */
export class StackLock {
  private constructor(
    private readonly path: string,
    private holder: StackLockHolder,
  ) {}

  /**
   * Takes the data dir's lock (an exclusive create) or throws StackAlreadyRunningError. A lock
   * left by a process that no longer runs (a crash, kill -9) is stale and taken over.
   */
  static acquire(dataDir: string, pid = process.pid): StackLock {
    const path = join(dataDir, LOCK_FILE_NAME);
    const holder: StackLockHolder = { pid, dataDir: resolve(dataDir) };
    for (let attempt = 0; attempt < 2; attempt++) {
      if (createExclusively(path, holder)) return new StackLock(path, holder);
      const current = readHolder(path);
      if (current && isAlive(current.pid)) throw new StackAlreadyRunningError(current);
      rmSync(path, { force: true });
    }
    throw new Error(`could not take ${path}: another process keeps replacing it`);
  }

  /** Records where the stack listens, once it does, for the tools and a second start to read. */
  listening(ports: Pick<StackLockHolder, 'port' | 'mqttPort'>): void {
    this.holder = { ...this.holder, ...ports };
    writeFileSync(this.path, JSON.stringify(this.holder), { mode: 0o600 });
  }

  release(): void {
    if (readHolder(this.path)?.pid === this.holder.pid) rmSync(this.path, { force: true });
  }
}

/** The running stack on `dataDir`, if one holds it: how `npm run chat` and `npm run device` find the port. */
export function runningStackOn(dataDir: string): StackLockHolder | undefined {
  const holder = readHolder(join(dataDir, LOCK_FILE_NAME));
  return holder && isAlive(holder.pid) ? holder : undefined;
}

function createExclusively(path: string, holder: StackLockHolder): boolean {
  try {
    writeFileSync(path, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readHolder(path: string): StackLockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StackLockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.dataDir === 'string' ? (parsed as StackLockHolder) : undefined;
  } catch {
    return undefined; // missing, or cut short by a crash mid-write: nobody holds it
  }
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists under another user. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
