import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  CONSOLE_ASSET_PATH,
  CONSOLE_PATH,
  MANUAL_SYNC_PATH,
  OPERATOR_ROUTES,
  REVEL_WEBHOOK_PATH,
  RUN_STATUS_PATH,
  WEBHOOK_PATH,
} from '#functions/core/contract/routes';

export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

export interface SyncHttpApiProps {
  stage: string;
  verifier: IFunction;
  sync: IFunction;
  apiThrottle: Throttle;
  manualRouteThrottle: Throttle;
  operatorRouteThrottle: Throttle;
  logRetention: RetentionDays;
}

/**
 * JSON access log lines. `integrationRequestId` is the Lambda invocation's request id: the
 * `function_request_id` on our log lines and the `requestId` on Lambda's own, so one delivery is
 * followed from API Gateway into the function.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    integrationRequestId: '$context.integration.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** The HTTP API: the webhook, the manual sync routes, throttled, with JSON access logs. */
export class SyncHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: SyncHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: `tripleseat-revel-sync-${props.stage}`,
      description: 'TripleSeat webhook intake and the manual sync routes',
      createDefaultStage: false,
    });
    const verifier = new HttpLambdaIntegration('Verifier', props.verifier);
    const sync = new HttpLambdaIntegration('Sync', props.sync);
    const routes = [
      ...this.api.addRoutes({ path: WEBHOOK_PATH, methods: [HttpMethod.POST], integration: verifier }),
      ...this.api.addRoutes({
        path: MANUAL_SYNC_PATH,
        methods: [HttpMethod.GET, HttpMethod.POST],
        integration: sync,
      }),
      ...this.api.addRoutes({ path: RUN_STATUS_PATH, methods: [HttpMethod.GET], integration: sync }),
      // Revel's order.finalized (README, "TripleSeat sees the Revel order"): the sync function checks
      // X-Revel-Signature, and answers 404 while no Revel webhook secret is configured.
      ...this.api.addRoutes({ path: REVEL_WEBHOOK_PATH, methods: [HttpMethod.POST], integration: sync }),
      // The operator API (docs/operator-api.md): the sync function checks the operator tokens.
      ...OPERATOR_ROUTES.flatMap((route) =>
        this.api.addRoutes({
          path: route.path,
          methods: route.methods.map((method) => HttpMethod[method]),
          integration: sync,
        }),
      ),
      // The operator console's static page and files; its API calls carry the operator's token.
      ...this.api.addRoutes({ path: CONSOLE_PATH, methods: [HttpMethod.GET], integration: sync }),
      ...this.api.addRoutes({ path: CONSOLE_ASSET_PATH, methods: [HttpMethod.GET], integration: sync }),
    ];

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    // $default: the sync handler routes on rawPath, which a named stage would prefix with its name.
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });
    const manual = {
      ThrottlingRateLimit: props.manualRouteThrottle.rateLimit,
      ThrottlingBurstLimit: props.manualRouteThrottle.burstLimit,
    };
    const operatorReads = {
      ThrottlingRateLimit: props.operatorRouteThrottle.rateLimit,
      ThrottlingBurstLimit: props.operatorRouteThrottle.burstLimit,
    };
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = {
      [`GET ${MANUAL_SYNC_PATH}`]: manual,
      [`POST ${MANUAL_SYNC_PATH}`]: manual,
      [`GET ${RUN_STATUS_PATH}`]: manual,
      // Operator writes start the same engine work as the manual route: the same throttle.
      ...Object.fromEntries(
        OPERATOR_ROUTES.flatMap((route) =>
          route.methods.map((method) => [
            `${method} ${route.path}`,
            method === 'GET' ? operatorReads : manual,
          ]),
        ),
      ),
    };
    // Route settings name routes by key; CloudFormation rejects them before the routes exist.
    this.stage.node.addDependency(...routes);
    suppressRouteAuthorization(routes);
  }
}

function suppressRouteAuthorization(routes: HttpRoute[]): void {
  for (const route of routes) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authenticated in the function, by design: TripleSeat signs webhooks with an HMAC over the raw body (checked by the verifier against the secret), Revel signs order.finalized likewise (checked by the sync function), and the manual and operator routes take bearer tokens compared in constant time. The console static files are public by design: the page holds no data, and every API call it makes carries an operator token. API Gateway has no authorizer for HMAC signatures.',
    });
  }
}
