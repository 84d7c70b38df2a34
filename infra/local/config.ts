import { hostSettings } from '../../functions/config/host-settings';
import { type WholeRange, wholeNumberSetting } from '../../functions/config/whole-number-setting';
import type { Settings } from '../../functions/use-cases/settings';

/** The local stack's settings (docs/local-api.md), read once and checked with the variable's name. */
export interface LocalConfig {
  port: number;
  /** The MQTTS port devices connect to, bound on 127.0.0.1. */
  mqttPort: number;
  dataDir: string;
  skillId: string;
  /** S10 for an exposed HTTPS endpoint: check Alexa's request signature. */
  verifySignature: boolean;
  /** Code lifetime, digits, factor policy and the rest, as every host builds them. */
  settings: Settings;
}

export const LOCAL_DEFAULTS: LocalConfig = {
  port: 3000,
  mqttPort: 8883,
  dataDir: '.voicegate',
  skillId: 'amzn1.ask.skill.voicegate-local',
  verifySignature: false,
  settings: hostSettings('local'),
};

/** Ports to listen on; 0 lets the system pick a free one. */
const LISTEN_PORT: WholeRange = { min: 0, max: 65535 };

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const skillId = env.VOICEGATE_SKILL_ID || LOCAL_DEFAULTS.skillId;
  return {
    port: wholeNumberSetting('PORT', env.PORT, LISTEN_PORT) ?? LOCAL_DEFAULTS.port,
    mqttPort: wholeNumberSetting('VOICEGATE_MQTT_PORT', env.VOICEGATE_MQTT_PORT, LISTEN_PORT) ?? LOCAL_DEFAULTS.mqttPort,
    dataDir: env.VOICEGATE_DATA_DIR || LOCAL_DEFAULTS.dataDir,
    skillId,
    // A real skill id means a real Alexa in front: signatures are checked unless turned off on purpose.
    verifySignature: flag(env, 'VOICEGATE_VERIFY_SIGNATURE', skillId !== LOCAL_DEFAULTS.skillId),
    settings: hostSettings('local', env),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be "true" or "false" (got "${raw}")`);
}
