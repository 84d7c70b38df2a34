import { GetThingShadowCommand, IoTDataPlaneClient, IoTDataPlaneServiceException, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane';
import { mockClient } from 'aws-sdk-client-mock';
import { IotShadowGateway } from '../../functions/adapters/aws/iot/iot-shadow-gateway';
import { DeviceThrottledError } from '../../functions/ports/device-gateway';

function iotError(name: string): IoTDataPlaneServiceException {
  return new IoTDataPlaneServiceException({ name, $fault: 'client', message: `${name} from IoT`, $metadata: {} });
}

describe('IotShadowGateway when the IoT data plane refuses', () => {
  const iot = mockClient(IoTDataPlaneClient);
  const gateway = new IotShadowGateway(iot as unknown as IoTDataPlaneClient);
  afterEach(() => iot.reset());

  it('sends a classic-shadow desired update for exactly one property', async () => {
    iot.on(UpdateThingShadowCommand).resolves({});

    await gateway.setDesired('front-door', 'lock', 'unlocked');

    const [call] = iot.commandCalls(UpdateThingShadowCommand);
    expect(call?.args[0].input.thingName).toBe('front-door');
    expect(call?.args[0].input.shadowName).toBeUndefined();
    expect(JSON.parse(Buffer.from(call!.args[0].input.payload as Uint8Array).toString())).toEqual({ state: { desired: { lock: 'unlocked' } } });
  });

  it.each(['ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailableException'])('turns %s into DeviceThrottledError', async (name) => {
    iot.on(UpdateThingShadowCommand).rejects(iotError(name));
    iot.on(GetThingShadowCommand).rejects(iotError(name));

    await expect(gateway.setDesired('front-door', 'lock', 'unlocked')).rejects.toBeInstanceOf(DeviceThrottledError);
    await expect(gateway.read('front-door')).rejects.toBeInstanceOf(DeviceThrottledError);
  });

  it('reads a missing shadow as none', async () => {
    iot.on(GetThingShadowCommand).rejects(iotError('ResourceNotFoundException'));

    expect(await gateway.read('front-door')).toBeUndefined();
  });

  it('lets any other error through unchanged', async () => {
    const denied = iotError('ForbiddenException');
    iot.on(UpdateThingShadowCommand).rejects(denied);

    await expect(gateway.setDesired('front-door', 'lock', 'unlocked')).rejects.toBe(denied);
  });

  it('reads the document GetThingShadow returns, including the newest report time', async () => {
    const document = {
      state: { desired: { lock: 'unlocked' }, reported: { lock: 'locked', battery: 80 } },
      metadata: { reported: { lock: { timestamp: 1_800_000_010 }, battery: { timestamp: 1_800_000_020 } } },
      version: 7,
    };
    // The SDK hands the payload over as a Uint8Array (with string helpers the adapter does not use).
    iot.on(GetThingShadowCommand).resolves({ payload: new TextEncoder().encode(JSON.stringify(document)) as never });

    expect(await gateway.read('front-door')).toEqual({
      desired: { lock: 'unlocked' },
      reported: { lock: 'locked', battery: 80 },
      version: 7,
      lastReportAt: 1_800_000_020_000,
    });
  });
});
