/**
 * `npm run soak [-- --quick] [--confirmations N]`: drives N whole confirmations (command →
 * code on the phone → authorize; 10,000 by default) through one local stack process and
 * samples its memory after full GCs (see sampleSchedule). After warm-up RSS must plateau:
 * growth over the last half (the last 5,000 of 10,000) ≤ 5 MB, judged as soak-plateau.ts
 * explains. `--quick` (inside `npm test`) runs a few hundred and only checks that every
 * confirmation succeeded. Prints one row per sample to stdout, progress to stderr; exits 1 on a MISS.
 */
import { mapLimit } from './concurrency';
import { stderrProgress } from './progress';
import { type Growth, lateGrowth, PLATEAU_BYTES, type SoakSample, sampleSchedule } from './soak-plateau';
import { allocatorVariables, BenchStack, type BenchUser, stackEnvironment } from './stack-client';

/** S8 allows 5 codes per user per 15 minutes: each simulated user confirms at most this many. */
const CONFIRMATIONS_PER_USER = 4;
const CONCURRENCY = 20;
const MIN_CONFIRMATIONS = 20;

export interface SoakOptions {
  confirmations: number;
  quick: boolean;
}

export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const options: SoakOptions = { confirmations: 10_000, quick: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--confirmations') options.confirmations = Number(argv[++i]);
    else throw new Error(`unknown option ${arg}; usage: npm run soak -- [--quick] [--confirmations N]`);
  }
  if (options.quick && !argv.includes('--confirmations')) options.confirmations = 300;
  if (!Number.isInteger(options.confirmations) || options.confirmations < MIN_CONFIRMATIONS)
    throw new Error(`--confirmations must be a whole number of at least ${MIN_CONFIRMATIONS}`);
  return options;
}

/** Who makes the `confirmation`-th confirmation: each user makes CONFIRMATIONS_PER_USER in turn. */
function userFor(users: readonly BenchUser[], confirmation: number): BenchUser {
  const user = users[Math.floor(confirmation / CONFIRMATIONS_PER_USER)];
  if (!user) throw new Error(`soak: no user for confirmation ${confirmation} of ${users.length * CONFIRMATIONS_PER_USER}`);
  return user;
}

export async function soak(options: SoakOptions, progress = stderrProgress()): Promise<SoakSample[]> {
  const stack = await BenchStack.start({ label: 'soak' });
  try {
    const users = await stack.createUsers('soak', Math.ceil(options.confirmations / CONFIRMATIONS_PER_USER));
    const samples: SoakSample[] = [{ confirmations: 0, ...(await stack.call('memory', {})) }];
    let done = 0;
    for (const next of sampleSchedule(options.confirmations)) {
      await confirmAll(
        stack,
        Array.from({ length: next - done }, (_, i) => userFor(users, done + i)),
      );
      done = next;
      if (!(await stack.call('idle', { timeoutMs: 60_000 }))) throw new Error('soak: executions still running after their confirmations');
      const sample = { confirmations: done, ...(await stack.call('memory', {})) };
      samples.push(sample);
      progress(
        `soak: ${done} confirmations, RSS ${mib(sample.rss)} MiB (anon ${mib(sample.rssAnon ?? 0)}, file ${mib(sample.rssFile ?? 0)}), heap ${mib(sample.heapUsed)} of ${mib(sample.heapTotal)} MiB, external ${mib(sample.external)} MiB`,
      );
    }
    return samples;
  } finally {
    await stack.stop();
  }
}

async function confirmAll(stack: BenchStack, batch: BenchUser[]): Promise<void> {
  // One user's confirmations one after another: a second command would supersede the first (S13).
  const byUser = new Map<string, BenchUser[]>();
  for (const user of batch) byUser.set(user.userId, [...(byUser.get(user.userId) ?? []), user]);
  await mapLimit([...byUser.values()], CONCURRENCY, async (turns) => {
    for (const user of turns) {
      const done = await stack.confirm(user, 60_000);
      if (done.error) throw new Error(`soak: a confirmation failed: ${done.error}`);
    }
  });
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const options = parseSoakArgs(process.argv.slice(2));
  const samples = await soak(options);
  process.stdout.write(`stack process allocator: ${allocatorVariables(stackEnvironment())}\n`);
  process.stdout.write('confirmations\trss_MiB\tanon_MiB\tfile_MiB\theap_MiB\texternal_MiB\tarrayBuffers_MiB\n');
  for (const s of samples) {
    process.stdout.write(
      `${s.confirmations}\t${mib(s.rss)}\t${mib(s.rssAnon ?? 0)}\t${mib(s.rssFile ?? 0)}\t${mib(s.heapUsed)}\t${mib(s.external)}\t${mib(s.arrayBuffers)}\n`,
    );
  }
  const growth = lateGrowth(samples);
  const span = growth.to.confirmations - growth.from.confirmations;
  const line = (name: string, g: Growth) =>
    `  ${name}: trend ${mib(g.trendBytes)} MiB (${(g.trendBytes / span / 1024).toFixed(2)} KB per confirmation), two samples ${mib(g.twoSampleBytes)} MiB\n`;
  process.stdout.write(
    `Growth over confirmations ${growth.from.confirmations}–${growth.to.confirmations} (least-squares trend of ${growth.samples} samples × ${span}; last minus first):\n` +
      line('RSS ', growth.rss) +
      (growth.rssAnon ? line('anon', growth.rssAnon) : '') +
      (growth.rssFile ? line('file', growth.rssFile) : '') +
      line('heap', growth.heapUsed),
  );
  const verdict = options.quick ? 'SMOKE' : growth.plateau ? 'PASS' : 'MISS';
  const anonTrend = growth.rssAnon ? `, anon trend ${mib(growth.rssAnon.trendBytes)} MiB` : '';
  process.stdout.write(`RSS trend ${mib(growth.rss.trendBytes)} MiB${anonTrend}; target each <= ${mib(PLATEAU_BYTES)} MiB: ${verdict}\n`);
  if (verdict === 'MISS') process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`soak failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}
