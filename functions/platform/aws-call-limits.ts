/**
 * The SDK waits forever for an answer by default; every AWS client here gives up instead, so a hung
 * call fails inside the Lambda's time rather than being killed by its timeout. Two tries each.
 */
export function awsCallLimits(connectionTimeout: number, requestTimeout: number) {
  return {
    requestHandler: { connectionTimeout, requestTimeout, throwOnRequestTimeout: true },
    maxAttempts: 2,
  };
}

/** A local emulator accepts any signature; real AWS credentials must never be sent to one. */
export const localEndpoint = (endpoint: string | undefined) =>
  endpoint === undefined ? {} : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
