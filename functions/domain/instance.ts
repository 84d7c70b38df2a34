/** An EC2 instance as the user knows it: by its alias tag. */
export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface Instance {
  instanceId: string;
  alias: string;
  state: InstanceState | string;
}

/** The tag that names an instance for VoiceGate; IAM conditions use it too (S11). */
export const ALIAS_TAG = 'voicegate:alias';

/** Aliases as speech matches them: "Web" and "web" name the same instance. */
export function sameAlias(alias: string, spoken: string): boolean {
  return alias.trim().toLowerCase() === spoken.trim().toLowerCase();
}
