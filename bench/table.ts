/** The one table `npm run bench` prints: every measure, and each target with PASS/MISS. Pure. */
import type { EmulatorResult } from './on-emulator';
import type { BenchResults } from './results';
import { KIB, type TargetRow } from './targets';

const kb = (bytes: number) => `${(bytes / KIB).toFixed(1)} KB`;

export interface TableRow {
  section: string;
  measure: string;
  value: string;
  target?: string;
  verdict?: string;
}

export function tableRows(results: BenchResults): TableRow[] {
  const rows: TableRow[] = [];
  const targets = new Map(results.targets.map((t) => [t.id, t]));
  const withTarget = (row: TableRow, id: string): TableRow => {
    const t: TargetRow | undefined = targets.get(id);
    return t ? { ...row, target: t.target, verdict: t.verdict } : row;
  };
  const { latency, throughput, memory, coldStart, cost, emulator } = results;

  if (latency) {
    const d = latency.requests;
    const triple = (x: { p50: number; p95: number; p99: number }) => `${x.p50} / ${x.p95} / ${x.p99} ms`;
    rows.push({ section: 'Latency', measure: `list instances p50 / p95 / p99 (${d.list.runs} runs)`, value: triple(d.list) });
    rows.push(
      withTarget(
        { section: 'Latency', measure: `command, until the code is on the phone, p50 / p95 / p99 (${d.command.runs})`, value: triple(d.command) },
        'command-p99',
      ),
    );
    rows.push({ section: 'Latency', measure: `authorize, until performed and SUCCEEDED, p50 / p95 / p99 (${d.authorize.runs})`, value: triple(d.authorize) });
    if (latency.errors > 0) rows.push({ section: 'Latency', measure: 'unexpected answers', value: String(latency.errors) });
    for (const kind of ['list', 'command', 'authorize'] as const) {
      const floor = latency.floors[kind];
      const row = {
        section: 'Floor',
        measure: `${kind}: ${floor.steps.join(' + ')}`,
        value: `p50 ${floor.distribution.p50} ms; request = ${latency.p50Ratios[kind]}x`,
      };
      rows.push(kind === 'authorize' ? withTarget(row, 'authorize-floor') : row);
    }
    const after = latency.answerAfterOutcome;
    rows.push({
      section: 'Latency',
      measure: 'answer after the outcome was ready (between polls), p50 / p99',
      value: `command ${after.command.p50} / ${after.command.p99} ms, authorize ${after.authorize.p50} / ${after.authorize.p99} ms`,
    });
  }
  const rounds = throughput?.rounds ?? [];
  const largest = Math.max(...rounds.map((x) => x.users));
  for (const r of rounds) {
    const underWay = r.commandAnswersUnderWay + r.authorizeAnswersUnderWay;
    const row = {
      section: 'Throughput',
      measure: `N = ${r.users.toLocaleString('en-US')} users at once`,
      value: `${r.confirmationsPerSecond} confirmations/s, ${r.errors} errors, p99 ${r.confirmationP99} ms${underWay ? `, ${underWay} "under way" answers` : ''}`,
    };
    rows.push(r.users === largest ? withTarget(row, 'throughput') : row);
  }
  if (memory) {
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    rows.push({
      section: 'Memory',
      measure: `stack RSS with 0 / ${memory.pending.toLocaleString('en-US')} confirmations pending`,
      value: `${mib(memory.idle.rss)} / ${mib(memory.withPending.rss)} MiB`,
    });
    const anon = memory.rssAnonBytesPerPending !== undefined ? ` (${kb(memory.rssAnonBytesPerPending)} anonymous)` : '';
    rows.push(
      withTarget(
        {
          section: 'Memory',
          measure: 'per pending confirmation',
          value: `${kb(memory.rssBytesPerPending)} RSS${anon}, ${kb(memory.heapBytesPerPending)} V8 heap`,
        },
        'memory',
      ),
    );
  }
  if (coldStart) {
    for (const b of coldStart.bundles) {
      rows.push(
        withTarget(
          {
            section: 'Cold start',
            measure: `${b.name} bundle, minified: loaded by a cold start (handler file + static imports; all files; all without @aws-sdk)`,
            value:
              `${kb(b.bytes)} (${kb(b.entryBytes)}; ${kb(b.totalBytes)}; ${kb(b.bytesWithoutAwsSdk)})` +
              (b.startCommandBytes === undefined ? '' : `; a cold "start <instance>" loads ${kb(b.startCommandBytes)}`),
          },
          `bundle:${b.name}`,
        ),
      );
      const main = b.modes[coldStart.targetMode];
      const refused = coldStart.targetMode !== 'refused' ? b.modes.refused : undefined;
      const external = b.modes['sdk-external'];
      if (main) {
        const value =
          `${main.medianTotalMs} ms (load ${main.medianLoadMs} + request ${main.medianFirstRequestMs}; middle half ${main.totalMiddleHalfMs.p25}–${main.totalMiddleHalfMs.p75}; CPU ${main.medianCpuMs})` +
          (refused ? `; refused before AWS: ${refused.medianTotalMs} ms` : '') +
          (external ? `; SDK not bundled: ${external.medianTotalMs} ms` : '');
        rows.push(
          withTarget(
            {
              section: 'Cold start',
              measure: `${b.name} load + first request, median of ${main.runs.length} (${coldStart.targetMode}, load average ${coldStart.loadAverage.start} → ${coldStart.loadAverage.end})`,
              value,
            },
            `first-request:${b.name}`,
          ),
        );
      }
      if (b.referenceRatios && b.referenceCpuRatios) {
        const { p25, median, p75 } = b.referenceRatios;
        const cpu = b.referenceCpuRatios;
        rows.push(
          withTarget(
            {
              section: 'Cold start',
              measure: `${b.name} over the reference handler, same round, median of the rounds`,
              value: `${median}x (middle half ${p25}–${p75}x); CPU time ${cpu.median}x (${cpu.p25}–${cpu.p75}x)`,
            },
            `reference-ratio:${b.name}`,
          ),
        );
      }
    }
  }
  const reference = coldStart?.reference;
  if (reference) {
    const { run } = reference;
    const value = `${kb(reference.bytes)}; ${run.medianTotalMs} ms (load ${run.medianLoadMs} + request ${run.medianFirstRequestMs}; middle half ${run.totalMiddleHalfMs.p25}–${run.totalMiddleHalfMs.p75}; CPU ${run.medianCpuMs})`;
    rows.push({ section: 'Cold start', measure: `reference handler (DynamoDB GetItem + PutItem), median of ${run.runs.length}`, value });
  }
  if (cost) {
    const u = cost.usage;
    const e = cost.estimate;
    rows.push(withTarget({ section: 'Cost', measure: 'state transitions per confirmed command', value: String(u.stateTransitions) }, 'transitions'));
    const calls = u.lambda.map((fn) => `${fn.name} ${fn.invocations}x ${fn.meanMs} ms`).join(', ');
    rows.push({ section: 'Cost', measure: 'function invocations per confirmed command', value: calls });
    rows.push({
      section: 'Cost',
      measure: 'DynamoDB per confirmed command',
      value: `${u.dynamodb.calls} calls = ${u.dynamodb.readUnits} RRU + ${u.dynamodb.writeUnits} WRU`,
    });
    rows.push({ section: 'Cost', measure: 'audit events / SMS per confirmed command', value: `${u.events} / ${u.sms.parts}` });
    for (const name of ['command', 'authorize'] as const) {
      const r = cost.storeCallsPerRequest[name];
      rows.push({
        section: 'Cost',
        measure: `local store calls during one ${name} (on AWS-side tables)`,
        value: `${r.calls} (${r.onAwsTables}), taking ${r.ms} ms summed`,
      });
    }
    rows.push({
      section: 'Cost',
      measure: `per 1,000 confirmed commands, ${cost.prices.region} list prices of ${cost.prices.asOf}`,
      value: `${usd(e.usdPer1000ExcludingSms)} without SMS, ${usd(e.usdPer1000IncludingSms)} with SMS`,
    });
    rows.push({ section: 'Cost', measure: `${e.paidVerification.name}, per 1,000 verifications`, value: usd(e.paidVerification.usdPer1000) });
    rows.push({
      section: 'Cost',
      measure: 'hand-rolled Lambda + PIN table, per 1,000 (modeled)',
      value: `${usd(e.handRolled.usdPer1000ExcludingSms)} without SMS, ${usd(e.handRolled.usdPer1000IncludingSms)} with SMS`,
    });
  }
  if (emulator) rows.push(...emulatorRows(emulator));
  return rows;
}

function emulatorRows(emulator: EmulatorResult): TableRow[] {
  const section = 'On the emulator';
  const perCommand = Object.entries(emulator.callsPerCommand)
    .map(([key, count]) => `${key} ${count}`)
    .join(', ');
  const total = Object.values(emulator.callsPerCommand).reduce((sum, count) => sum + count, 0);
  const answer = (name: string, a: EmulatorResult['commandAnswer']) => ({
    section,
    measure: `${name} answer: calls / in sequence (skill's own: calls / in sequence), Step Functions polls, store polls`,
    value: `${a.calls} / ${a.sequential} (${a.skillCalls} / ${a.skillSequential}), ${a.stepFunctionsPolls} polls, ${a.storePolls} GetItem`,
  });
  return [
    {
      section,
      measure: `AWS API calls per confirmed command, by function and service (mean of ${emulator.commands})`,
      value: `${Math.round(total * 10) / 10}: ${perCommand}`,
    },
    answer('command', emulator.commandAnswer),
    answer('authorize', emulator.authorizeAnswer),
  ];
}

/** Dollars with cents, or with four decimals below a dollar (where cents would read as zero). */
export function usd(amount: number): string {
  return `$${amount >= 1 ? amount.toFixed(2) : amount.toFixed(4)}`;
}

/** A Markdown table, so the same text reads in a terminal and pastes into the README. */
export function renderTable(rows: readonly TableRow[]): string {
  const header = ['Section', 'Measure', 'Value', 'Target', 'Result'];
  const cells = rows.map((r) => [r.section, r.measure, r.value, r.target ?? '', r.verdict ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function machineLine(results: Pick<BenchResults, 'machine' | 'startedAt' | 'durationSeconds' | 'mode'>): string {
  const m = results.machine;
  const gib = (m.memoryBytes / 1024 ** 3).toFixed(1);
  const load = m.loadAverage ? `, load ${m.loadAverage.start}${m.loadAverage.end !== undefined ? ` → ${m.loadAverage.end}` : ''}` : '';
  return `${results.mode === 'quick' ? 'QUICK (smoke) run, counts too small to compare: ' : ''}${m.cpuModel}, ${m.cores} cores, ${gib} GiB, Node ${m.node}, ${m.platform}/${m.arch}; ${results.startedAt}, ${results.durationSeconds} s${load}`;
}
