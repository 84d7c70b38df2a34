/**
 * `npm run load`: 1,000 users each run command → code → authorize at once against the
 * local stack (in its own process), then every command's outcome and audit trail is
 * checked: exactly one terminal state, a complete trail, no action twice, none lost.
 * Exits 1 on any defect. Uses the benchmark's stack host and simulated phones.
 */
import { BenchStack } from '../../bench/stack-client';

const USERS = Number(process.env.LOAD_USERS ?? 1000);
const COMPLETE_TRAIL = ['Command Requested', 'Code Sent', 'Code Verified', 'Action Succeeded'];

interface Execution {
  userId: string;
  commandId: string;
  status: string;
}

interface AuditEvent {
  detailType: string;
  detail: { commandId: string };
}

async function main(): Promise<void> {
  const stack = await BenchStack.start({ label: 'load' });
  try {
    process.stderr.write(`creating ${USERS} users\n`);
    const users = await stack.createUsers('load', USERS);
    process.stderr.write(`${USERS} users confirming a command at once\n`);
    const started = performance.now();
    const confirmations = await Promise.all(users.map((user) => stack.confirm(user, 180_000)));
    await stack.call('idle', { timeoutMs: 120_000 });
    const seconds = (performance.now() - started) / 1000;
    const executions = (await get<{ executions: Execution[] }>(stack, '/api/executions')).executions;
    const audit = (await get<{ events: AuditEvent[] }>(stack, '/api/audit')).events;
    const report = judge(
      users.map((u) => u.userId),
      executions,
      audit,
    );
    const answerErrors = confirmations.filter((c) => c.error).length;
    console.log(JSON.stringify({ users: USERS, seconds: Math.round(seconds * 10) / 10, answerErrors, ...report }, null, 2));
    if (answerErrors + report.failures + report.duplicates + report.lost + report.incompleteTrails > 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

function judge(userIds: string[], executions: Execution[], audit: AuditEvent[]) {
  const trails = new Map<string, string[]>();
  for (const event of audit) trails.set(event.detail.commandId, [...(trails.get(event.detail.commandId) ?? []), event.detailType]);
  const wanted = new Set(userIds);
  const ours = executions.filter((e) => wanted.has(e.userId));
  const perUser = new Map<string, Execution[]>();
  for (const execution of ours) perUser.set(execution.userId, [...(perUser.get(execution.userId) ?? []), execution]);
  const succeeded = ours.filter((e) => e.status === 'SUCCEEDED');
  return {
    commands: ours.length,
    succeeded: succeeded.length,
    failures: ours.filter((e) => e.status !== 'SUCCEEDED').length,
    lost: userIds.filter((id) => !perUser.get(id)?.some((e) => e.status === 'SUCCEEDED')).length,
    duplicates: ours.filter((e) => (trails.get(e.commandId) ?? []).filter((t) => t === 'Action Succeeded').length > 1).length,
    incompleteTrails: succeeded.filter((e) => (trails.get(e.commandId) ?? []).join('|') !== COMPLETE_TRAIL.join('|')).length,
  };
}

async function get<T>(stack: BenchStack, path: string): Promise<T> {
  const response = await stack.fetch(path);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

main().catch((error: Error) => {
  console.error(`load run failed: ${error.message}`);
  process.exit(1);
});
