/**
 * The VoiceGate operator console: polls the local JSON API (docs/local-api.md) about once a second
 * and renders each panel with DOM APIs and textContent only. Bundled by esbuild when the
 * stack starts (infra/local/console/bundle.ts).
 */
import { AuditPanel } from './audit-panel';
import { AuthenticatorPanel } from './authenticator-panel';
import { ExecutionDetailPanel } from './execution-detail';
import { ExecutionsPanel } from './executions-panel';
import { FleetPanel } from './fleet-panel';
import { LimitsPanel } from './limits-panel';
import { PhonesPanel } from './phones-panel';
import { Poller, type Changes, type Snapshot } from './poller';

const poller = new Poller(update);
const detail = new ExecutionDetailPanel(
  () => poller.snapshot.audit,
  () => executions.redraw(),
);
const executions = new ExecutionsPanel(detail, () => poller.soon());
const audit = new AuditPanel();
const fleet = new FleetPanel();
const phones = new PhonesPanel();
const limits = new LimitsPanel(() => poller.soon());

async function update(snapshot: Snapshot, changed: Changes): Promise<void> {
  // Executions render on every poll: running durations tick and outcomes follow the audit trail.
  await executions.render(snapshot.executions, snapshot.audit);
  if (changed.audit || changed.instances) {
    const aliases = new Set(snapshot.instances.map((i) => i.alias));
    audit.render(snapshot.audit, (target) => aliases.has(target));
  }
  if (changed.audit) limits.render(snapshot.audit);
  if (changed.outbox) phones.render(snapshot.outbox);
  if (changed.instances) fleet.renderInstances(snapshot.instances);
  if (changed.devices) fleet.renderDevices(snapshot.devices);
  await detail.refresh();
}

new AuthenticatorPanel().start();
limits.start();
detail.openFromAddress();
poller.start();
