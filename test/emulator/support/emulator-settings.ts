/** The shortest code life the stack accepts (deployment-settings.ts), so the expiry test waits one minute. */
export const EMULATOR_CODE_TTL_SECONDS = 60;

/** Set by global-setup.ts for the test files: where `npm run emulator --outputs-file` wrote the outputs. */
export const OUTPUTS_FILE_VARIABLE = 'VOICEGATE_EMULATOR_OUTPUTS_FILE';
