/**
 * What a test knows of the emulated deployment: the outputs file and the AWS APIs at its
 * endpoint, nothing else (as an outside check would). Alexa is played by Lambda Invoke calls
 * with real request envelopes; the phone and inbox are moto's record of sent SMS and e-mail.
 */
import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AdminInitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetThingShadowCommand, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane';
import { GetFunctionConfigurationCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { setTimeout as sleep } from 'node:timers/promises';
import { STACK_NAME } from '../../../infra/aws/stack-name';
import { awsClients, emulatorCredentials, type AwsClients } from '../../../infra/emulator/aws-clients';
import { projectPath } from '../../../infra/aws/project-paths';
import { addPerson, tagInstance } from '../../../infra/emulator/seed';
import { ALIAS_TAG } from '../../../functions/domain/instance';
import type { ConfirmationInput } from '../../../functions/ports/workflow-gateway';
import { intentRequest, newSessionId, type SlotValues } from '../../../infra/local/chat/envelope';
import { OUTPUTS_FILE_VARIABLE } from './emulator-settings';

interface OutputsFile {
  VoiceGate: Record<string, string>;
  emulator: { endpointUrl: string; region: string; accountId: string; users: Record<string, { username: string; password: string }> };
}

export interface Person {
  username: string;
  password: string;
  userId: string;
  phone: string;
  email: string;
}

type MotoData = {
  sns?: { SMS?: { phone_number: string; message: string }[] };
  ses?: { Message?: { destinations: { ToAddresses?: string[] }; body: string; subject: string }[] };
};

const POLL_MS = 300;

export class EmulatedAccount {
  readonly outputs: Record<string, string>;
  readonly aws: AwsClients;
  private readonly endpoint: string;
  private readonly tokens = new Map<string, string>();
  private skillId?: string;
  private sessionIds = new Map<string, string>();

  constructor(private readonly file: OutputsFile) {
    this.outputs = file.VoiceGate;
    this.endpoint = file.emulator.endpointUrl;
    this.aws = awsClients({ endpoint: this.endpoint, region: file.emulator.region, accountId: file.emulator.accountId }, 'alexa');
  }

  static open(): EmulatedAccount {
    const path = process.env[OUTPUTS_FILE_VARIABLE];
    if (!path) throw new Error('the emulator was not started (test/emulator/support/global-setup.ts)');
    return new EmulatedAccount(JSON.parse(readFileSync(path, 'utf8')) as OutputsFile);
  }

  /** A seeded person (alice, bob) as the outputs file lists them. */
  seeded(name: string): Pick<Person, 'username' | 'password'> {
    const user = this.file.emulator.users[name];
    if (!user) throw new Error(`no seeded user ${name}`);
    return user;
  }

  /** A person of the test's own, added as docs/deploy.md says, so tests never share send limits or pending commands. */
  async newPerson(targets: string[]): Promise<Person> {
    const tag = randomUUID().slice(0, 8);
    const contact = { phone: `+1555${randomInt(1_000_000, 9_999_999)}`, email: `person-${tag}@example.com` };
    const added = await addPerson(this.aws, this.outputs, { ...contact, targets, preferredChannel: 'sms' });
    return { ...added, ...contact };
  }

  /** An instance of the test's own, tagged for VoiceGate as docs/deploy.md says. */
  async newInstance(state: 'running' | 'stopped'): Promise<{ alias: string; instanceId: string }> {
    const alias = `box${randomInt(100_000, 999_999)}`;
    return { alias, instanceId: await tagInstance(this.aws, alias, state) };
  }

  /**
   * docs/deploy.md's device registration, run as an operator runs it: `npm run device --
   * register <thing> --owner --name --type --aws` with the emulator as the AWS endpoint. The
   * device's key and CSR stay in a folder of the test's own.
   */
  async registerDevice(device: { owner: string; name: string; type: string }): Promise<{ thingName: string; log: string }> {
    const thingName = `voicegate-${randomUUID().slice(0, 8)}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'voicegate-emulator-device-'));
    const { stdout, exitCode } = await this.operatorCommand('device', [
      'register',
      thingName,
      '--owner',
      device.owner,
      '--name',
      device.name,
      '--type',
      device.type,
      '--aws',
      '--data-dir',
      dataDir,
    ]);
    if (exitCode !== 0) throw new Error(`npm run device -- register failed: ${stdout}`);
    return { thingName, log: stdout };
  }

  /** An operator's `npm run <script> -- <args> --stack-name VoiceGate` with the emulator as the AWS endpoint and region. */
  async operatorCommand(script: string, args: string[]): Promise<{ stdout: string; exitCode: number }> {
    const { accessKeyId, secretAccessKey } = emulatorCredentials('operator');
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL: this.endpoint,
      AWS_REGION: this.file.emulator.region,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
    };
    try {
      const { stdout } = await promisify(execFile)('npm', ['run', '-s', script, '--', ...args, '--stack-name', STACK_NAME], { cwd: projectPath(), env });
      return { stdout, exitCode: 0 };
    } catch (error) {
      const failed = error as { code?: unknown; stdout?: string };
      if (typeof failed.code !== 'number') throw error;
      return { stdout: failed.stdout ?? '', exitCode: failed.code };
    }
  }

  /** The thing's classic shadow through the IoT data plane (GetThingShadow). */
  async shadowOf(thingName: string): Promise<{ desired?: Record<string, unknown>; reported?: Record<string, unknown> }> {
    const { payload } = await this.aws.iotData.send(new GetThingShadowCommand({ thingName }));
    return (JSON.parse(Buffer.from(payload!).toString('utf8')) as { state: Record<string, Record<string, unknown>> }).state;
  }

  /** What a device does after acting: reports its state through the IoT data plane (UpdateThingShadow). */
  async reportAsDevice(thingName: string, reported: Record<string, string>): Promise<void> {
    await this.aws.iotData.send(new UpdateThingShadowCommand({ thingName, payload: Buffer.from(JSON.stringify({ state: { reported } })) }));
  }

  /** Account linking's token: Cognito's AdminInitiateAuth with the account-linking client. */
  async accessToken(person: Pick<Person, 'username' | 'password'>): Promise<string> {
    const cached = this.tokens.get(person.username);
    if (cached) return cached;
    const { AuthenticationResult } = await this.aws.cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: this.outputs.UserPoolId,
        ClientId: this.outputs.AccountLinkingClientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: person.username, PASSWORD: person.password },
      }),
    );
    const token = AuthenticationResult!.AccessToken!;
    this.tokens.set(person.username, token);
    return token;
  }

  /** One spoken turn: an intent envelope invoked on the skill function; the speech it answers. */
  async say(person: Pick<Person, 'username' | 'password'>, intent: string, slots: SlotValues = {}): Promise<string> {
    const sessionId = this.sessionIds.get(person.username) ?? newSessionId();
    this.sessionIds.set(person.username, sessionId);
    const envelope = intentRequest(intent, slots, { accessToken: await this.accessToken(person), skillId: await this.theSkillId(), sessionId });
    const { Payload, FunctionError } = await this.aws.lambda.send(
      new InvokeCommand({ FunctionName: this.outputs.SkillFunctionArn, Payload: JSON.stringify(envelope) }),
    );
    const answer = JSON.parse(Buffer.from(Payload!).toString('utf8'));
    if (FunctionError) throw new Error(`the skill function failed: ${answer.errorMessage}`);
    return String(answer.response?.outputSpeech?.ssml ?? answer.response?.outputSpeech?.text ?? '')
      .replace(/<[^>]+>/g, '')
      .trim();
  }

  /**
   * The latest code texted to a person after `after` earlier texts, once their command waits
   * for it: issue-challenge texts the code before it stores the challenge, so a reply spoken
   * the instant the text arrives could find nothing pending yet.
   */
  async codeTexted(person: Pick<Person, 'phone' | 'userId'>, after = 0): Promise<string> {
    const code = await this.waitFor(`an SMS to ${person.phone}`, async () => {
      const texts = ((await this.motoData()).sns?.SMS ?? []).filter((sms) => sms.phone_number === person.phone);
      return texts.length > after ? codeIn(texts.at(-1)!.message) : undefined;
    });
    await this.waitFor('the command to wait for its code', async () => {
      const [latest] = (await this.executionsOf(person.userId)).sort((a, b) => b.startDate!.getTime() - a.startDate!.getTime());
      if (!latest) return undefined;
      const { events = [] } = await this.aws.sfn.send(new GetExecutionHistoryCommand({ executionArn: latest.executionArn, reverseOrder: true }));
      return events.some((event) => event.type === 'TaskSubmitted') ? true : undefined;
    });
    return code;
  }

  async textsTo(phone: string): Promise<string[]> {
    return ((await this.motoData()).sns?.SMS ?? []).filter((sms) => sms.phone_number === phone).map((sms) => sms.message);
  }

  async codeEmailed(address: string): Promise<string> {
    return this.waitFor(`an e-mail to ${address}`, async () => {
      const mail = ((await this.motoData()).ses?.Message ?? []).filter((m) => m.destinations.ToAddresses?.includes(address)).at(-1);
      return mail ? codeIn(mail.body) : undefined;
    });
  }

  async executionsOf(userId: string): Promise<(ExecutionListItem & { input: ConfirmationInput })[]> {
    const { executions = [] } = await this.aws.sfn.send(new ListExecutionsCommand({ stateMachineArn: this.outputs.StateMachineArn }));
    const described = await Promise.all(
      executions.map(async (e) => ({
        ...e,
        input: JSON.parse((await this.aws.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }))).input ?? '{}'),
      })),
    );
    return described.filter((e) => e.input.command?.userId === userId);
  }

  async executionEnds(executionArn: string, timeoutMs = 60_000): Promise<{ status: string; error?: string }> {
    return this.waitFor(
      `execution ${executionArn} to end`,
      async () => {
        const { status, error } = await this.aws.sfn.send(new DescribeExecutionCommand({ executionArn }));
        return status === 'RUNNING' ? undefined : { status: status!, ...(error && { error }) };
      },
      timeoutMs,
    );
  }

  async instanceState(alias: string): Promise<string> {
    const { Reservations = [] } = await this.aws.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: `tag:${ALIAS_TAG}`, Values: [alias] }] }));
    return Reservations[0]!.Instances![0]!.State!.Name!;
  }

  /** The audit events of a command, as the audit rule copied them into its CloudWatch Logs target. */
  async auditTrail(commandId: string): Promise<string[]> {
    const events = await this.aws.logs.send(new FilterLogEventsCommand({ logGroupName: await this.auditLogGroup() }));
    return (events.events ?? [])
      .map((event) => JSON.parse(event.message!) as { 'detail-type': string; detail: { commandId?: string } })
      .filter((event) => event.detail.commandId === commandId)
      .map((event) => event['detail-type']);
  }

  /** The audit rule delivers asynchronously: the trail once a whole command's four events are there. */
  async wholeAuditTrail(commandId: string): Promise<string[]> {
    return this.waitFor('the whole audit trail', async () => {
      const trail = await this.auditTrail(commandId);
      return trail.length >= 4 ? trail : undefined;
    });
  }

  async waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
      await sleep(POLL_MS);
    }
  }

  /** The log group the audit bus's rule targets, found through EventBridge as an operator would. */
  private async auditLogGroup(): Promise<string> {
    const { EventBusName } = { EventBusName: (await this.skillEnvironment()).VOICEGATE_AUDIT_BUS_NAME };
    const { Rules = [] } = await this.aws.events.send(new ListRulesCommand({ EventBusName }));
    for (const rule of Rules) {
      const { Targets = [] } = await this.aws.events.send(new ListTargetsByRuleCommand({ Rule: rule.Name, EventBusName }));
      const logGroup = Targets.map((t) => /:log-group:([^:]+)/.exec(t.Arn ?? '')?.[1]).find(Boolean);
      if (logGroup) return logGroup;
    }
    throw new Error(`no rule on ${EventBusName} targets a log group`);
  }

  private async theSkillId(): Promise<string> {
    this.skillId ??= (await this.skillEnvironment()).VOICEGATE_SKILL_ID!;
    return this.skillId;
  }

  private async skillEnvironment(): Promise<Record<string, string>> {
    const { Environment } = await this.aws.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: this.outputs.SkillFunctionArn }));
    return Environment?.Variables ?? {};
  }

  /** moto's record of sent SMS and e-mail; it can answer 500 while executions run, so a failed read is retried. */
  private async motoData(): Promise<MotoData> {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${this.endpoint}/moto-api/data.json`);
      if (response.ok) return (await response.json()) as MotoData;
      if (attempt === 5) throw new Error(`moto's data.json answered HTTP ${response.status}`);
      await sleep(POLL_MS);
    }
  }
}

function codeIn(message: string): string {
  const code = /code (\d{6,8})/.exec(message)?.[1];
  if (!code) throw new Error('a VoiceGate message without a code');
  return code;
}
