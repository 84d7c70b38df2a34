/** An EC2 instance as the user knows it: by its alias tag. */
export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface Instance {
  instanceId: string;
  alias: string;
  state: InstanceState | string;
}

/** An instance as a command's check needs it: which id carries which alias, state aside. */
export type InstanceAlias = Pick<Instance, 'instanceId' | 'alias'>;

/** For fleets that hold the whole instance anyway (EC2 answers aliases from its tags instead). */
export const aliasesOf = (instances: Instance[]): InstanceAlias[] => instances.map(({ instanceId, alias }) => ({ instanceId, alias }));

/** The tag that names an instance for VoiceGate; IAM conditions use it too (S11). */
export const ALIAS_TAG = 'voicegate:alias';

/** Whether an action can do anything to an instance in this state, decided before any code is sent. */
export type ActionFit = { kind: 'possible' } | { kind: 'already'; state: string } | { kind: 'impossible'; state: string };

/** States each action is refused in: already there, or one EC2 would refuse (IncorrectInstanceState). */
const REFUSED: Record<string, { already: string[]; impossible: string[] }> = {
  start: { already: ['running', 'pending'], impossible: ['stopping', 'shutting-down', 'terminated'] },
  stop: { already: ['stopped', 'stopping'], impossible: ['pending', 'shutting-down', 'terminated'] },
  reboot: { already: [], impossible: ['stopped', 'stopping', 'pending', 'shutting-down', 'terminated'] },
};

export function actionFit(action: string, state: string): ActionFit {
  const refused = REFUSED[action];
  if (refused?.already.includes(state)) return { kind: 'already', state };
  if (refused?.impossible.includes(state)) return { kind: 'impossible', state };
  return { kind: 'possible' };
}

/** EC2's state names as a person says them: "pending" is "starting". */
export function spokenState(state: string): string {
  return SPOKEN_STATES[state] ?? state;
}

const SPOKEN_STATES: Record<string, string> = { pending: 'starting', 'shutting-down': 'shutting down' };

/** Aliases as speech matches them: "Web" and "web" name the same instance. */
export function sameAlias(alias: string, spoken: string): boolean {
  return alias.trim().toLowerCase() === spoken.trim().toLowerCase();
}
