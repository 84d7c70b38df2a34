import type { Device, Instance } from './api';
import { byId, el, reconcile, setAttr, setClass, setText, timeElement, updateTimeElement } from './dom';
import { plural, stateText } from './format';

interface InstanceParts {
  alias: HTMLElement;
  state: HTMLElement;
}

interface DeviceParts {
  name: HTMLElement;
  owner: HTMLElement;
  state: HTMLElement;
  asked: HTMLElement;
  lastReport: HTMLTimeElement;
  certificate: HTMLElement;
}

/** The simulated EC2 fleet and, right below it, the IoT devices: everything a command can change. */
export class FleetPanel {
  private readonly instanceRows = new WeakMap<HTMLElement, InstanceParts>();
  private readonly deviceRows = new WeakMap<HTMLElement, DeviceParts>();

  renderInstances(instances: readonly Instance[]): void {
    reconcile(
      byId('fleet-body'),
      instances,
      (i) => i.instanceId,
      (i) => this.createInstanceRow(i),
      (row, i) => this.updateInstanceRow(row, i),
    );
    const running = instances.filter((i) => i.state === 'running').length;
    setText(byId('fleet-meta'), instances.length ? `${plural(instances.length, 'instance', 'instances')} · ${running} running` : '');
    byId('fleet-empty').hidden = instances.length > 0;
  }

  renderDevices(devices: readonly Device[]): void {
    reconcile(
      byId('devices-list'),
      devices,
      (d) => d.thingName,
      () => this.createDeviceItem(),
      (item, d) => this.updateDeviceItem(item, d),
    );
    const online = devices.filter((d) => d.connected).length;
    setText(byId('devices-meta'), devices.length ? `${plural(devices.length, 'device', 'devices')} · ${online} connected` : '');
    byId('devices-empty').hidden = devices.length > 0;
  }

  private createInstanceRow(instance: Instance): HTMLElement {
    const parts = { alias: el('th', { attrs: { scope: 'row' } }), state: el('span') };
    const row = el('tr', {}, [parts.alias, el('td', { className: 'mono', text: instance.instanceId }), el('td', {}, [parts.state])]);
    this.instanceRows.set(row, parts);
    return row;
  }

  private updateInstanceRow(row: HTMLElement, instance: Instance): void {
    const parts = this.instanceRows.get(row);
    if (!parts) return;
    setText(parts.alias, instance.alias);
    setClass(parts.state, `ec2 ${/^[a-z-]+$/.test(instance.state) ? instance.state : ''}`);
    setText(parts.state, instance.state);
  }

  private createDeviceItem(): HTMLElement {
    const parts: DeviceParts = {
      name: el('span', { className: 'device-name' }),
      owner: el('span', { className: 'owner' }),
      state: el('span'),
      asked: el('span', { className: 'asked' }),
      lastReport: timeElement(null),
      certificate: el('span', { className: 'mono cert' }),
    };
    const item = el('li', { className: 'thing' }, [
      el('div', { className: 'thing-head' }, [parts.name, parts.owner]),
      el('div', { className: 'thing-state' }, [parts.state, parts.asked]),
      el('div', { className: 'thing-meta' }, ['last report ', parts.lastReport, ' · certificate ', parts.certificate]),
    ]);
    this.deviceRows.set(item, parts);
    return item;
  }

  /** The reported state, and what was asked of the device that it has not reported yet. */
  private updateDeviceItem(item: HTMLElement, device: Device): void {
    const parts = this.deviceRows.get(item);
    if (!parts) return;
    setText(parts.name, `${device.name} (${device.type})`);
    setAttr(parts.name, 'title', device.thingName);
    setText(parts.owner, device.owner);
    setClass(parts.state, `ec2 ${device.connected ? 'running' : 'stopped'}`);
    setText(parts.state, stateText(device.reported) || 'nothing reported');
    setAttr(parts.state, 'title', device.connected ? 'connected over MQTT' : 'not connected');
    const reported = device.reported ?? {};
    const asked = Object.fromEntries(Object.entries(device.desired ?? {}).filter(([key, value]) => reported[key] !== value));
    setText(parts.asked, Object.keys(asked).length ? `asked: ${stateText(asked)}` : '');
    updateTimeElement(parts.lastReport, device.lastReportAt);
    setText(parts.certificate, device.certificateId ? `${device.certificateId.slice(0, 12)}…` : 'none yet');
    setAttr(parts.certificate, 'title', device.certificateId ?? 'No certificate: the device has not registered its CSR');
  }
}
