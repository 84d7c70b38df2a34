/** The local stack's settings (LOCAL-API.md), read once and checked with the variable's name. */
export interface LocalConfig {
  port: number;
  dataDir: string;
  skillId: string;
  codeTtlSeconds: number;
}

export const LOCAL_DEFAULTS: LocalConfig = {
  port: 3000,
  dataDir: '.voicegate',
  skillId: 'amzn1.ask.skill.voicegate-local',
  codeTtlSeconds: 300,
};

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  return {
    port: integer(env, 'PORT', LOCAL_DEFAULTS.port, 0, 65535),
    dataDir: env.VOICEGATE_DATA_DIR || LOCAL_DEFAULTS.dataDir,
    skillId: env.VOICEGATE_SKILL_ID || LOCAL_DEFAULTS.skillId,
    codeTtlSeconds: integer(env, 'VOICEGATE_CODE_TTL_SECONDS', LOCAL_DEFAULTS.codeTtlSeconds, 1, 86400),
  };
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
