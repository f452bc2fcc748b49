import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONSOLE_ASSET_PATH,
  CONSOLE_PATH,
  MANUAL_SYNC_PATH,
  OPERATOR_ROUTES,
  REVEL_WEBHOOK_PATH,
  RUN_STATUS_PATH,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';
import { logicalId, synthStack, testSettings, testStack } from './stack-fixture';

const WEBHOOK = `POST ${WEBHOOK_PATH}`;
const GET_SYNC = `GET ${MANUAL_SYNC_PATH}`;
const POST_SYNC = `POST ${MANUAL_SYNC_PATH}`;
const RUN_STATUS = `GET ${RUN_STATUS_PATH}`;
const REVEL_WEBHOOK = `POST ${REVEL_WEBHOOK_PATH}`;
const CONSOLE = `GET ${CONSOLE_PATH}`;
const CONSOLE_ASSET = `GET ${CONSOLE_ASSET_PATH}`;
const OPERATOR = OPERATOR_ROUTES.flatMap((r) => r.methods.map((m) => `${m} ${r.path}`));

beforeAll(() => {
  testStack();
});

function integrationTargetOf(routeKey: string): unknown {
  const { template } = testStack();
  const [route] = Object.values(
    template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
  );
  // Target is "integrations/<IntegrationId>", joined from a Ref.
  const integrationId: string | undefined = route?.Properties.Target['Fn::Join'][1][1].Ref;
  const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
  return integrationId === undefined ? undefined : integrations[integrationId]?.Properties.IntegrationUri;
}

describe('the HTTP API', () => {
  it('routes exactly the webhooks, the manual sync, the run status, the operator API and the console', () => {
    const { template } = testStack();
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => r.Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(
      [WEBHOOK, REVEL_WEBHOOK, GET_SYNC, POST_SYNC, RUN_STATUS, ...OPERATOR, CONSOLE, CONSOLE_ASSET].sort(),
    );
    expect(keys).toContain('PUT /api/settings');
    expect(keys).toContain('POST /api/events/{id}/sync');
  });

  it('sends the webhook to the verifier and every manual route to the sync function', () => {
    const { stack } = testStack();
    const verifier = { 'Fn::GetAtt': [logicalId(stack, stack.verifier.function), 'Arn'] };
    const sync = { 'Fn::GetAtt': [logicalId(stack, stack.sync.function), 'Arn'] };
    expect(integrationTargetOf(WEBHOOK)).toEqual(verifier);
    expect(integrationTargetOf(GET_SYNC)).toEqual(sync);
    expect(integrationTargetOf(POST_SYNC)).toEqual(sync);
    expect(integrationTargetOf(RUN_STATUS)).toEqual(sync);
    // Revel's order.finalized writes a TripleSeat note: the sync function holds the engine for it.
    expect(integrationTargetOf(REVEL_WEBHOOK)).toEqual(sync);
    for (const key of OPERATOR) expect(integrationTargetOf(key)).toEqual(sync);
  });

  it('serves the console page and its files from the sync function', () => {
    const { stack } = testStack();
    const sync = { 'Fn::GetAtt': [logicalId(stack, stack.sync.function), 'Arn'] };
    expect(integrationTargetOf(CONSOLE)).toEqual(sync);
    expect(integrationTargetOf(CONSOLE_ASSET)).toEqual(sync);
  });

  it('hands the functions payload format 2.0, the event shape the handlers parse', () => {
    testStack().template.allResourcesProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('throttles the whole API and the manual routes harder', () => {
    const { template } = testStack();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      RouteSettings: {
        [GET_SYNC]: { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 },
        [POST_SYNC]: { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 },
        [RUN_STATUS]: { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 },
      },
    });
  });

  it('creates the routes before the stage whose settings name them (CloudFormation needs that order)', () => {
    const { template } = testStack();
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const routes = Object.keys(template.findResources('AWS::ApiGatewayV2::Route'));
    expect(stage?.DependsOn).toEqual(expect.arrayContaining(routes));
  });

  it('writes JSON access logs carrying the request id to a log group with a retention', () => {
    const { stack, template } = testStack();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [logicalId(stack, stack.http.accessLogs), 'Arn'] },
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const format = stage?.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format)).toMatchObject({ status: '$context.status', routeKey: '$context.routeKey' });
  });

  it('logs the Lambda invocation’s request id on each access log line, to join it to the function’s lines', () => {
    const [stage] = Object.values(testStack().template.findResources('AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format as string);
    expect(format.integrationRequestId).toBe('$context.integration.requestId');
  });

  it('throttles every operator route: writes like the manual routes, reads at the operator throttle', () => {
    const [stage] = Object.values(testStack().template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage?.Properties.RouteSettings as Record<string, unknown>;
    for (const route of OPERATOR_ROUTES)
      for (const method of route.methods)
        expect(settings[`${method} ${route.path}`]).toEqual(
          method === 'GET'
            ? { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 20 }
            : { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 },
        );
  });

  it('follows the stage throttling settings', () => {
    const { template } = synthStack(
      testSettings({
        apiThrottle: { rateLimit: 50, burstLimit: 100 },
        manualRouteThrottle: { rateLimit: 2, burstLimit: 2 },
      }),
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: Match.objectLike({
        [POST_SYNC]: { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 2 },
      }),
    });
  });

  it('prints the webhook and manual sync URLs at the API root', () => {
    const { stack, template } = testStack();
    const api = logicalId(stack, stack.http.api);
    const outputs = template.findOutputs('*');
    expect(JSON.stringify(outputs.WebhookUrl?.Value)).toContain(api);
    expect(JSON.stringify(outputs.WebhookUrl?.Value)).toContain(`${WEBHOOK_PATH}"]]}`);
    expect(JSON.stringify(outputs.ManualSyncUrl?.Value)).toContain(`${MANUAL_SYNC_PATH}"]]}`);
  });
});
