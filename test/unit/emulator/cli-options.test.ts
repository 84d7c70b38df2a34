import { parseCliOptions } from '../../../infra/emulator/cli-options';

describe('npm run emulator options', () => {
  it('reads seed, outputs file, port, context entries and an existing cloud assembly', () => {
    expect(parseCliOptions(['--seed', '--outputs-file', 'o.json', '--port', '4566', '-c', 'voicegate:codeTtlSeconds=60', '--cdk-out', 'cdk.out'])).toEqual({
      seed: true,
      outputsFile: 'o.json',
      port: 4566,
      context: ['voicegate:codeTtlSeconds=60'],
      cdkOut: 'cdk.out',
      help: false,
    });
  });

  it.each([
    [['--port', 'x'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--outputs-file'], /--outputs-file needs a value/],
    [['-c', 'novalue'], /--context takes key=value/],
    [['--deploy'], /unknown option --deploy/],
  ])('refuses %j with a reason', (args, reason) => {
    expect(() => parseCliOptions(args)).toThrow(reason);
  });
});
