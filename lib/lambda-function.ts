import { join } from 'node:path';
import { type Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import {
  CONSOLE_ENTRY,
  CONSOLE_OUTPUT_DIR,
  CONSOLE_SCRIPT_FILE,
  CONSOLE_STYLES,
  CONSOLE_STYLES_FILE,
  consoleBuildArgs,
} from '#functions/sync/console/console-build';

/**
 * Where a function's AWS SDK comes from (docs/decisions/0004-aws-sdk-bundling.md): `bundled` pins
 * the SDK version we test with; `runtime` leaves @aws-sdk/* and @smithy/* to the copy the Node.js
 * Lambda runtime ships, for a function whose size budget the SDK would break.
 */
export type AwsSdkSource = 'bundled' | 'runtime';

const RUNTIME_SDK_PACKAGES = ['@aws-sdk/*', '@smithy/*'];

/**
 * How every Lambda is bundled. The CDK construct and the bundle-size test both read this, so the
 * budget is measured on exactly what ships.
 */
export function bundleSettings(awsSdk: AwsSdkSource) {
  return {
    target: 'node22',
    format: 'esm',
    minify: true,
    sourcemap: true,
    // Stack traces only need the mappings; the sources would double the asset.
    sourcesContent: false,
    // ESM builds of dependencies first: they tree-shake (the SDK's dist-es especially).
    mainFields: ['module', 'main'],
    // An ESM bundle has no `require`, but CommonJS dependencies call it for Node built-ins
    // (`Dynamic require of "node:https"` at the SDK's first call without this).
    banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
    external: awsSdk === 'runtime' ? [...RUNTIME_SDK_PACKAGES] : [],
  } as const;
}

/** The same build for esbuild's JS API (the bundle budget test). */
export function esbuildOptionsFor(entry: string, awsSdk: AwsSdkSource): BuildOptions {
  const settings = bundleSettings(awsSdk);
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    outfile: 'index.mjs',
    write: false,
    target: settings.target,
    format: settings.format,
    minify: settings.minify,
    sourcemap: settings.sourcemap,
    sourcesContent: settings.sourcesContent,
    mainFields: [...settings.mainFields],
    banner: { js: settings.banner },
    external: [...settings.external],
    logLevel: 'silent',
  };
}

export const lambdaRuntime = Runtime.NODEJS_22_X;

export interface LambdaFunctionProps {
  projectRoot: string;
  /** The handler file, relative to the project root; it exports `handler`. */
  entry: string;
  awsSdk: AwsSdkSource;
  description: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Lambda's filters of the JSON log stream, from the stage file (lib/stage-settings.ts). */
  logLevels: { application: 'debug' | 'info'; system: 'debug' | 'info' | 'warn' };
  /** Files written next to index.mjs in the asset (name → content), e.g. the sync config. */
  assetFiles?: Record<string, string>;
  /** Ships the operator console's built script and styles in `console/` beside index.mjs. */
  console?: boolean;
}

/**
 * The house Lambda: Node.js 22 on ARM64, ESM, minified, source-mapped, JSON logs to its own log
 * group, X-Ray tracing, its own role.
 */
export class LambdaFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    // An own role instead of AWSLambdaBasicExecutionRole, whose logs:* on every log group the
    // account has is wider than the one log group this function writes to.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'])
      Validations.of(this).acknowledge({ id, reason: RUNTIME_REASON });
    // test/infra/secret-and-permissions.test.ts checks that X-Ray's are the only such actions on the role.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        "Tracing.ACTIVE grants xray:PutTraceSegments and xray:PutTelemetryRecords, which accept no resource but '*'; every other statement of the role names its resource.",
    });

    const files = Object.entries(props.assetFiles ?? {});
    const settings = bundleSettings(props.awsSdk);
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.projectRoot, props.entry),
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: lambdaRuntime,
      architecture: Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role,
      logGroup: this.logGroup,
      // JSON: Lambda's START/REPORT lines become objects carrying the requestId our lines carry as
      // function_request_id, and Lambda drops application lines below the stage's level (Advanced
      // Logging Controls; our logger writes JSON with a lower-case `level`, which Lambda reads).
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: APPLICATION_LOG_LEVELS[props.logLevels.application],
      systemLogLevelV2: SYSTEM_LOG_LEVELS[props.logLevels.system],
      // The invocation's segments (init, invocation, overhead) and a trace id on every log line, for
      // a few cents at this volume (X-Ray's free tier is 100,000 traces a month).
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        // `sourceMap: true` ships the map; Node only reads it with this flag.
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        target: settings.target,
        format: OutputFormat.ESM,
        minify: settings.minify,
        sourceMap: settings.sourcemap,
        sourcesContent: settings.sourcesContent,
        mainFields: [...settings.mainFields],
        banner: settings.banner,
        externalModules: [...settings.external],
        // The content travels in the bundler's environment, not in a shell-quoted argument.
        environment: Object.fromEntries(files.map(([, content], i) => [assetFileVariable(i), content])),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            ...files.map(([name], i) => writeAssetFileCommand(assetFileVariable(i), `${outputDir}/${name}`)),
            ...(props.console ? consoleBuildCommands(inputDir, outputDir) : []),
          ],
        },
      },
    });
  }
}

/** Why the runtime is not the newest Lambda offers, for the two cdk-nag rules that ask. */
const RUNTIME_REASON =
  'nodejs22.x on purpose: the code is tested and benchmarked on Node 22 (npm ci installs it; test/toolchain/node-22.test.ts ties the runtime, the bundle target and the toolchain together). nodejs24.x moves with the toolchain, in one change.';

const APPLICATION_LOG_LEVELS = { debug: ApplicationLogLevel.DEBUG, info: ApplicationLogLevel.INFO } as const;
const SYSTEM_LOG_LEVELS = {
  debug: SystemLogLevel.DEBUG,
  info: SystemLogLevel.INFO,
  warn: SystemLogLevel.WARN,
} as const;

const assetFileVariable = (index: number): string => `LAMBDA_ASSET_FILE_${index}`;

/** `node -e` rather than cp/echo: the same command works under bash and Windows cmd. */
function writeAssetFileCommand(variable: string, path: string): string {
  return `node -e "require('node:fs').writeFileSync(process.argv[1], process.env.${variable})" "${path}"`;
}

/**
 * The console's script built by the project's own esbuild (functions/sync/console/console-build.ts)
 * and its style sheet copied, into `console/` beside index.mjs, where the function reads them on the
 * first console request (functions/sync/console/console-files.ts).
 */
export function consoleBuildCommands(inputDir: string, outputDir: string): string[] {
  const folder = `${outputDir}/${CONSOLE_OUTPUT_DIR}`;
  const args = consoleBuildArgs(`${inputDir}/${CONSOLE_ENTRY}`, `${folder}/${CONSOLE_SCRIPT_FILE}`);
  return [
    // From the project root, so the script's module comments name the same paths as the build from source.
    `cd "${inputDir}" && ${[`${inputDir}/node_modules/.bin/esbuild`, ...args].map((arg) => `"${arg}"`).join(' ')}`,
    `node -e "require('node:fs').copyFileSync(process.argv[1], process.argv[2])" "${inputDir}/${CONSOLE_STYLES}" "${folder}/${CONSOLE_STYLES_FILE}"`,
  ];
}
