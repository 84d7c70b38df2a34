import { factorPolicyFromEnv } from '../../functions/config/factor-policy-config';
import type { FactorPolicy } from '../../functions/domain/factor-policy';

/** The local stack's settings (docs/local-api.md), read once and checked with the variable's name. */
export interface LocalConfig {
  port: number;
  /** The MQTTS port devices connect to, bound on 127.0.0.1. */
  mqttPort: number;
  dataDir: string;
  skillId: string;
  codeTtlSeconds: number;
  /** S10 for an exposed HTTPS endpoint: check Alexa's request signature. */
  verifySignature: boolean;
  /** Which factors confirm which action; the built-in default when absent. */
  factorPolicy?: FactorPolicy;
}

export const LOCAL_DEFAULTS: LocalConfig = {
  port: 3000,
  mqttPort: 8883,
  dataDir: '.voicegate',
  skillId: 'amzn1.ask.skill.voicegate-local',
  codeTtlSeconds: 300,
  verifySignature: false,
};

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const skillId = env.VOICEGATE_SKILL_ID || LOCAL_DEFAULTS.skillId;
  return {
    port: integer(env, 'PORT', LOCAL_DEFAULTS.port, 0, 65535),
    mqttPort: integer(env, 'VOICEGATE_MQTT_PORT', LOCAL_DEFAULTS.mqttPort, 0, 65535),
    dataDir: env.VOICEGATE_DATA_DIR || LOCAL_DEFAULTS.dataDir,
    skillId,
    codeTtlSeconds: integer(env, 'VOICEGATE_CODE_TTL_SECONDS', LOCAL_DEFAULTS.codeTtlSeconds, 1, 86400),
    // A real skill id means a real Alexa in front: signatures are checked unless turned off on purpose.
    verifySignature: flag(env, 'VOICEGATE_VERIFY_SIGNATURE', skillId !== LOCAL_DEFAULTS.skillId),
    factorPolicy: factorPolicyFromEnv(env),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be "true" or "false" (got "${raw}")`);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}
