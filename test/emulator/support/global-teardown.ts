/** Stops the emulator started by global-setup.ts (npm, tsx, moto_server and the Lambda environments). */
export default async function stopEmulator(): Promise<void> {
  const child = globalThis.voiceGateEmulator;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGINT');
  await exited;
}
