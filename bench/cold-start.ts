/**
 * Section 5: each Lambda entry point bundled as for deployment (infra/aws/function-bundle.ts,
 * the same function the CDK stack runs: minified, ESM entry points preferred, AWS SDK bundled
 * in, source map in its own file), its size, and the time a fresh Node process takes to load
 * it and handle a first request — next to a reference handler bundled the same way that does
 * one DynamoDB GetItem + PutItem (bench/reference-handler.ts), probed in the same rounds.
 *
 * Two kinds of first request, because a real one needs AWS:
 * - "aws-emulator" (used for the target when moto_server is installed): a real first
 *   request whose AWS calls (Secrets Manager, DynamoDB, SNS, EventBridge, EC2) go to a
 *   local moto_server through the real SDK, via AWS_ENDPOINT_URL. Loopback replaces the
 *   network, so this is our code's cold cost plus moto's answer times.
 * - "refused": a first request the handler turns away before any AWS call (the skill: a
 *   wrong skill id; the workflow functions: missing configuration, since they build their
 *   AWS clients before parsing the payload). Load and middleware only, no AWS at all.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleFunction, HANDLER_FILE, RUNTIME_PROVIDED_MODULES } from '../infra/aws/function-bundle';
import { largestPackages, outputOf, staticClosure } from './bundle-report';
import { intentRequest } from '../infra/local/chat/envelope';
import { lambdaEnvironment } from './lambda-env';
import { type MotoFixture, startMotoFixture } from './moto-fixture';
import type { Progress } from './progress';
import { type MiddleHalf, pairedRatios, percentile, round, spread, type Spread } from './stats';

const ROOT = resolve(__dirname, '..');
const PROBE = join(__dirname, 'cold-start-probe.cjs');

export const ENTRY_POINTS = ['functions/handlers/skill.ts', 'functions/handlers/issue-challenge.ts', 'functions/handlers/perform-action.ts'];
/** One DynamoDB GetItem + PutItem: what each function's cold start is compared with. */
export const REFERENCE_ENTRY = 'bench/reference-handler.ts';

/**
 * aws-emulator: a real first request against moto_server; refused: turned away before any
 * AWS call; sdk-external: the aws-emulator (or refused) request with a bundle that leaves
 * @aws-sdk/* out, loaded from node_modules as the Lambda runtime's own copy would be.
 */
export type ProbeMode = 'aws-emulator' | 'refused' | 'sdk-external';

export interface ProbeRun {
  bootMs: number;
  loadMs: number;
  firstRequestMs: number;
  totalMs: number;
  /** CPU time the process spent in the load and the first request (user + system): what a loaded machine disturbs least. */
  cpuMs: number;
  outcome: string;
  /** Only in the untimed run that lists them: the files the load and the first request read. */
  loadedFiles: string[];
}

export interface BundleResult {
  name: string;
  entry: string;
  /**
   * What a cold start loads, minified, the AWS SDK included: the handler file, the chunks it
   * imports, and the chunks its first request (in the target mode) imported. The target's measure.
   */
  bytes: number;
  /** The handler file and the chunks it imports: what every cold start loads, before any request. */
  entryBytes: number;
  /** Every file of the asset, chunks no first request loads included. */
  totalBytes: number;
  /** For comparison: every file with @aws-sdk/* left to the Lambda runtime. */
  bytesWithoutAwsSdk: number;
  /** The skill: what a cold "start <instance>" loads, from the launch's files plus the EC2 and Step Functions chunks. */
  startCommandBytes?: number;
  /** The biggest contributors to the bundle, by package. */
  largestPackages: { name: string; bytes: number }[];
  /** Per mode: medians over fresh processes, in ms. */
  modes: Partial<Record<ProbeMode, ModeResult>>;
  /**
   * Load + first request over the reference handler's in the same round, in the target mode
   * (moto only): median (the target's measure) and middle half of the rounds.
   */
  referenceRatios?: Spread;
  /** The same for CPU time. */
  referenceCpuRatios?: Spread;
}

export interface ModeResult {
  runs: ProbeRun[];
  medianLoadMs: number;
  medianFirstRequestMs: number;
  medianTotalMs: number;
  maxTotalMs: number;
  /** Load + first request: its middle half (25th–75th percentile) around medianTotalMs. */
  totalMiddleHalfMs: MiddleHalf;
  medianCpuMs: number;
}

export interface ColdStartResult {
  /** Rounds in the target mode; the other modes run OTHER_MODE_RUNS at most. */
  runsPerBundle: number;
  /** The machine's 1-minute load average as the probes began and ended (timing is only as quiet as this). */
  loadAverage: { start: number; end: number };
  /** The mode the target is checked against. */
  targetMode: ProbeMode;
  note: string;
  bundles: BundleResult[];
  /** The reference handler (aws-emulator mode only: its first request needs DynamoDB). */
  reference?: { bytes: number; run: ModeResult };
}

/** The modes beside the target are there for comparison: fewer rounds keep the section short. */
const OTHER_MODE_RUNS = 5;

export async function measureColdStart(runs: number, progress: Progress): Promise<ColdStartResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'voicegate-bundles-'));
  // The sdk-external bundles import @aws-sdk/* from here, as the runtime's own copy would be found.
  symlinkSync(join(ROOT, 'node_modules'), join(outDir, 'node_modules'), 'dir');
  let moto: MotoFixture | undefined;
  try {
    progress('cold start: bundling the three Lambda entry points and the reference handler as the CDK stack does (minified, SDK included)');
    const bundles = await Promise.all(ENTRY_POINTS.map((entry) => bundle(entry, outDir)));
    const reference = await bundle(REFERENCE_ENTRY, outDir);
    moto = await startMotoFixture(progress).catch((error: Error) => {
      progress(`cold start: moto_server unavailable (${error.message}); only the "refused" first request is measured`);
      return undefined;
    });
    const modes = moto ? (['aws-emulator', 'refused', 'sdk-external'] as const) : (['refused', 'sdk-external'] as const);
    const targetMode: ProbeMode = moto ? 'aws-emulator' : 'refused';
    // One untimed run each, listing the files a cold start reads (the listing hook costs time).
    const loaded = new Map<string, Set<string>>();
    for (const b of moto ? [reference, ...bundles] : bundles) {
      loaded.set(b.name, new Set((await probeOnce(b, targetMode, moto, { listLoaded: true })).loadedFiles));
    }
    const samples = new Map<string, ProbeRun[]>();
    const loadAtStart = loadavg()[0] as number;
    for (const mode of modes) {
      // Rounds, not one bundle after another: every bundle sees the same machine load.
      const probed = mode === 'aws-emulator' ? [reference, ...bundles] : bundles;
      const rounds = mode === targetMode ? runs : Math.min(runs, OTHER_MODE_RUNS);
      for (let i = 0; i < rounds; i++) {
        for (const b of probed) {
          const key = `${b.name}/${mode}`;
          samples.set(key, [...(samples.get(key) ?? []), await probeOnce(b, mode, moto)]);
        }
      }
    }
    const loadAtEnd = loadavg()[0] as number;
    const summary = (name: string, mode: ProbeMode) => summarize(samples.get(`${name}/${mode}`));
    const referenceRun = summary(reference.name, 'aws-emulator');
    const againstReference = (main: ModeResult | undefined) => {
      if (!referenceRun || !main) return {};
      const paired = (read: (run: ProbeRun) => number) => pairedRatios(main.runs.map(read), referenceRun.runs.map(read));
      return { referenceRatios: paired((r) => r.totalMs), referenceCpuRatios: paired((r) => r.cpuMs) };
    };
    const results = bundles.map((b): BundleResult => {
      const byMode: BundleResult['modes'] = Object.fromEntries(modes.map((mode) => [mode, summary(b.name, mode)]));
      const main = byMode[targetMode];
      for (const [mode, run] of Object.entries(byMode)) {
        if (run) progress(`cold start: ${b.name} (${mode}): load + first request ${run.medianTotalMs} ms (median of ${run.runs.length})`);
      }
      const loadedFiles = loaded.get(b.name) ?? new Set<string>();
      return {
        name: b.name,
        entry: b.entry,
        bytes: sizeOf(loadedFiles),
        entryBytes: b.entryBytes,
        totalBytes: b.totalBytes,
        bytesWithoutAwsSdk: b.bytesWithoutAwsSdk,
        ...(b.name === 'skill' && { startCommandBytes: sizeOf(new Set([...loadedFiles, ...b.filesLoadedBy(START_COMMAND_MODULES)])) }),
        largestPackages: b.largestPackages,
        modes: byMode,
        ...againstReference(main),
      };
    });
    const referenceBytes = sizeOf(loaded.get(reference.name) ?? new Set());
    if (referenceRun) progress(`cold start: reference handler (GetItem + PutItem): ${round(referenceBytes / 1024, 1)} KiB, ${referenceRun.medianTotalMs} ms`);
    return {
      runsPerBundle: runs,
      loadAverage: { start: round(loadAtStart), end: round(loadAtEnd) },
      targetMode,
      note: moto
        ? 'First request = a real request whose AWS calls go to a local moto_server (AWS_ENDPOINT_URL); "refused" = turned away before any AWS call.'
        : 'moto_server was not available: first request = one the handler refuses before any AWS call (load and middleware only).',
      bundles: results,
      ...(referenceRun && { reference: { bytes: referenceBytes, run: referenceRun } }),
    };
  } finally {
    await moto?.stop();
    unlinkSync(join(outDir, 'node_modules')); // the link only, before the folder goes
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** One fresh process: a real first request (moto), one refused before AWS, or the same with the SDK left out. */
async function probeOnce(b: Bundle, mode: ProbeMode, moto: MotoFixture | undefined, { listLoaded = false } = {}): Promise<ProbeRun> {
  const answering = mode === 'refused' ? undefined : moto;
  if (mode === 'aws-emulator' && !answering) throw new Error('cold start: the aws-emulator probe needs moto_server');
  const real = answering !== undefined;
  const { event, env } = answering ? await answering.request(b.name) : refusedRequest(b.name);
  const listing: Record<string, string> = listLoaded ? { BENCH_LIST_LOADED: '1' } : {};
  const run = await probe(mode === 'sdk-external' ? b.fileWithoutAwsSdk : b.file, event, { ...env, ...listing });
  const expected = real ? 'ok' : 'refused';
  if (!run.outcome.startsWith(expected)) throw new Error(`cold start: ${b.name} (${mode}) should be ${expected}, got: ${run.outcome}`);
  return run;
}

function summarize(samples: ProbeRun[] | undefined): ModeResult | undefined {
  if (!samples?.length) return undefined;
  const { median: medianTotalMs, ...totalMiddleHalfMs } = spread(samples.map((s) => s.totalMs));
  return {
    runs: samples,
    medianLoadMs: median(samples.map((s) => s.loadMs)),
    medianFirstRequestMs: median(samples.map((s) => s.firstRequestMs)),
    medianTotalMs,
    maxTotalMs: Math.max(...samples.map((s) => s.totalMs)),
    totalMiddleHalfMs,
    medianCpuMs: median(samples.map((s) => s.cpuMs)),
  };
}

interface Bundle {
  name: string;
  entry: string;
  file: string;
  fileWithoutAwsSdk: string;
  entryBytes: number;
  totalBytes: number;
  bytesWithoutAwsSdk: number;
  largestPackages: { name: string; bytes: number }[];
  /** The files a cold start reads to run the given on-demand modules (./functions/wiring/on-demand/). */
  filesLoadedBy(modules: string[]): Set<string>;
}

/** What a "start <instance>" adds to a launch: the instance list and starting the workflow. */
const START_COMMAND_MODULES = ['on-demand/ec2-instances.ts', 'on-demand/sfn-workflow.ts'];

/** As the CDK stack bundles each entry point, and again with @aws-sdk/* left to the runtime. */
async function bundle(entry: string, outDir: string): Promise<Bundle> {
  const name = entry === REFERENCE_ENTRY ? 'reference' : basename(entry, '.ts');
  const dir = join(outDir, name);
  const dirWithoutAwsSdk = join(outDir, `${name}.no-sdk`);
  const { metafile } = await bundleFunction(join(ROOT, entry), dir, { logLevel: 'silent' });
  await bundleFunction(join(ROOT, entry), dirWithoutAwsSdk, { logLevel: 'silent', external: ['@aws-sdk/*', ...RUNTIME_PROVIDED_MODULES] });
  const closure = (sources: string[]) =>
    absolute(
      metafile,
      staticClosure(
        metafile,
        sources.flatMap((source) => outputOf(metafile, source) ?? []),
      ),
    );
  return {
    name,
    entry,
    file: join(dir, HANDLER_FILE),
    fileWithoutAwsSdk: join(dirWithoutAwsSdk, HANDLER_FILE),
    entryBytes: sizeOf(closure([entry])),
    totalBytes: sizeOf(codeFiles(dir)),
    bytesWithoutAwsSdk: sizeOf(codeFiles(dirWithoutAwsSdk)),
    largestPackages: largestPackages(metafile),
    filesLoadedBy: closure,
  };
}

/** Metafile output paths are relative to esbuild's working directory, this process's. */
const absolute = (metafile: Metafile, paths: Set<string>) => new Set([...paths].filter((path) => path in metafile.outputs).map((path) => resolve(path)));

/** The bundle's code files (ES modules), source maps left out. */
function codeFiles(dir: string): Set<string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
  return new Set(files.map((file) => join(dir, file)));
}

const sizeOf = (files: Set<string>) => [...files].reduce((sum, file) => sum + statSync(file).size, 0);

function refusedRequest(name: string): { event: unknown; env: Record<string, string> } {
  if (name === 'skill') {
    // Every setting present; the envelope names another skill, so the guard refuses it (S10).
    return { event: intentRequest('ListInstancesIntent', {}, { skillId: 'amzn1.ask.skill.someone-else' }), env: lambdaEnvironment() };
  }
  // The workflow functions read their settings and build their clients before parsing the
  // payload: without settings they stop there, before any AWS call.
  return { event: { command: { commandId: randomUUID() } }, env: { AWS_REGION: 'us-east-1' } };
}

async function probe(bundleFile: string, event: unknown, env: Record<string, string>): Promise<ProbeRun> {
  const child = spawn(process.execPath, [PROBE, bundleFile], {
    env: {
      PATH: process.env.PATH ?? '',
      // As the function's environment in infra/aws/constructs/voicegate-function.ts sets them.
      POWERTOOLS_SERVICE_NAME: 'voicegate',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      ...env,
      BENCH_EVENT: JSON.stringify(event),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`cold-start probe of ${basename(bundleFile)} printed no result (exit ${code}): ${stderr.slice(0, 500)}`);
  const parsed = JSON.parse(line.slice('BENCH_RESULT '.length)) as {
    fatal?: string;
    bootMs: number;
    loadMs: number;
    firstRequestMs: number;
    loadCpuMs: number;
    firstRequestCpuMs: number;
    outcome: { ok: boolean; result?: unknown; error?: string };
    loadedFiles: string[];
  };
  if (parsed.fatal) throw new Error(`cold-start probe of ${basename(bundleFile)} failed: ${parsed.fatal}`);
  const outcome = parsed.outcome.ok ? `ok ${JSON.stringify(parsed.outcome.result).slice(0, 80)}` : `refused ${parsed.outcome.error}`;
  return {
    bootMs: round(parsed.bootMs),
    loadMs: round(parsed.loadMs),
    firstRequestMs: round(parsed.firstRequestMs),
    totalMs: round(parsed.loadMs + parsed.firstRequestMs),
    cpuMs: round(parsed.loadCpuMs + parsed.firstRequestCpuMs),
    outcome,
    loadedFiles: parsed.loadedFiles.filter((file) => file.startsWith(dirname(bundleFile) + sep)),
  };
}

/** The lower median, as percentile 50 without interpolation is. */
function median(values: number[]): number {
  return round(
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    ),
  );
}
