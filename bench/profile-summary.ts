/**
 * Where a CPU profile's time went, by package: `npx tsx bench/profile-summary.ts FILE.cpuprofile`.
 * Profiles come from `npm run bench -- --cpu-prof DIR` (the stack processes) or `node --cpu-prof`.
 */
import { readFileSync } from 'node:fs';
import { packageOf } from './bundle-report';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: { name: string; ms: number; share: number }[];
  topFunctions: { name: string; where: string; ms: number; share: number }[];
}

/** The bucket a frame's self time goes to: an npm package, node's own code, a V8 pseudo-frame, or the project's folder. */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  if (url.includes('node_modules/')) return packageOf(url);
  const project = /\/(functions|infra|skill|bench|statemachines)\/(.*?)(\/|$)/.exec(url);
  return project ? `(project) ${project[1]}/${project[2]}` : url;
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, { where: string; us: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    total += us;
    const { url, functionName, lineNumber } = node.callFrame;
    const bucket = bucketOf(url, functionName);
    byPackage.set(bucket, (byPackage.get(bucket) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url}:${lineNumber}`;
    const entry = byFunction.get(key) ?? { where: `${bucket}:${lineNumber + 1}`, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const share = (us: number) => Math.round((us / total) * 1000) / 10;
  return {
    totalMs: Math.round(total / 1000),
    byPackage: [...byPackage]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: share(us) })),
    topFunctions: [...byFunction]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([key, { where, us }]) => ({ name: key.slice(0, key.indexOf(' ')), where, ms: Math.round(us / 1000), share: share(us) })),
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npx tsx bench/profile-summary.ts FILE.cpuprofile\n');
    process.exit(2);
  }
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 25);
  process.stdout.write(`total sampled: ${summary.totalMs} ms\n\nby package:\n`);
  for (const p of summary.byPackage) process.stdout.write(`  ${String(p.share).padStart(5)}%  ${String(p.ms).padStart(6)} ms  ${p.name}\n`);
  process.stdout.write('\ntop functions (self time):\n');
  for (const f of summary.topFunctions) process.stdout.write(`  ${String(f.share).padStart(5)}%  ${String(f.ms).padStart(6)} ms  ${f.name}  ${f.where}\n`);
}
