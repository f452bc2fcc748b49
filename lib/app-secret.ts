import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { AppSecrets } from '#functions/platform/app-secrets';

export const PLACEHOLDER = 'REPLACE_ME';

/**
 * What the secret holds until someone fills it (docs/deploy.md). The placeholders fail the app's
 * schema on purpose: a known placeholder signing secret would let anyone sign a webhook.
 */
export const secretTemplate: Omit<AppSecrets, 'syncApiToken'> = {
  tripleseat: { clientId: PLACEHOLDER, clientSecret: PLACEHOLDER },
  revel: { apiKey: PLACEHOLDER, apiSecret: PLACEHOLDER },
  webhookSigningSecrets: [PLACEHOLDER],
  /**
   * Revel's `order.finalized` signing secrets, once Revel has set the webhook up for us; empty: the
   * route answers 404 and the scheduled run alone sees payments (README, "TripleSeat sees the Revel order").
   */
  revelWebhookSecrets: [],
  /** The operator API's named tokens, `{"maria": "<at least 24 characters>"}` (docs/operator-api.md). */
  operatorTokens: {},
};

/** The one secret: every credential, as JSON; the manual route's token is generated on creation. */
export function createAppSecret(scope: Construct, id: string, stage: string): Secret {
  const secret = new Secret(scope, id, {
    description: `tripleseat-revel-sync (${stage}): vendor credentials, webhook signing secrets, sync API token. Fill the ${PLACEHOLDER} values (docs/deploy.md).`,
    generateSecretString: {
      secretStringTemplate: JSON.stringify(secretTemplate),
      generateStringKey: 'syncApiToken',
      passwordLength: 48,
      excludePunctuation: true,
    },
    // Kept when the stack is deleted: vendor credentials are tedious to obtain again.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The values are issued by TripleSeat and Revel and cannot be rotated by a Lambda; they are rotated by hand (webhookSigningSecrets holds old and new during a rotation, docs/deploy.md).',
  });
  return secret;
}
