import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIRM_COMMAND_ASL, loadDefinition } from '../../../../infra/local/workflow/asl-definition';

describe('loadDefinition', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'voicegate-asl-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (text: string) => {
    const path = join(dir, 'machine.asl.json');
    writeFileSync(path, text);
    return path;
  };

  it('points at the one definition in statemachines/', () => {
    expect(CONFIRM_COMMAND_ASL.endsWith(join('statemachines', 'confirm-command.asl.json'))).toBe(true);
    expect(existsSync(CONFIRM_COMMAND_ASL)).toBe(true);
  });

  it('fills every ${Name} placeholder as plain text, numbers included, then parses', () => {
    const path = file('{"StartAt":"${First}","States":{"${First}":{"Type":"Wait","Seconds":${Ttl},"Comment":"${First}-${Ttl}"}}}');

    expect(loadDefinition(path, { First: 'Hold', Ttl: 90 })).toEqual({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 90, Comment: 'Hold-90' } } });
  });

  it('refuses a placeholder it was given no value for, naming it and the file', () => {
    const path = file('{"StartAt":"${First}","Comment":"${Missing}"}');

    expect(() => loadDefinition(path, { First: 'Hold' })).toThrow(`${path}: no substitution given for \${Missing}`);
  });

  it('loads the real workflow, starting at "Record Command Requested"', () => {
    const definition = loadDefinition(CONFIRM_COMMAND_ASL, {
      IssueChallengeFunctionArn: 'issue',
      PerformActionFunctionArn: 'perform',
      AuditBusName: 'bus',
      CodeTtlSeconds: 120,
    });

    expect(definition.StartAt).toBe('Record Command Requested');
    expect(definition.States['Send Code And Wait']).toMatchObject({ TimeoutSeconds: 120 });
  });
});
