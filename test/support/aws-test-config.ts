/** SDK client settings for an emulator: fixed region, dummy credentials (never real ones). */
export function awsTestConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}
