import { resolve } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/adapters/dynamodb/keys';
import { ROOT } from '../config';

/** Lambda runtime of every function. Node 22 (LTS, supported by Lambda into 2027). */
export const RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * The banner lets CommonJS dependencies bundled into the ESM output still call `require` for
 * Node built-ins (esbuild otherwise emits a "Dynamic require of … is not supported" shim).
 */
export const ESM_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Provided by the Lambda Node.js runtime; not bundled (see AppFunction). */
export const AWS_SDK_EXTERNALS = ['@aws-sdk/*', '@smithy/*'];

/**
 * Loaded on demand, kept out of index.mjs and shipped beside it as node_modules/<name>/index.mjs (bundled with
 * their own dependencies and minified by the same local esbuild), so a cold start never parses them:
 * re2js (`import('re2js')` in forms/lib/re2-regexp.ts, regex rules), file-type (attachment checks only) and
 * jose (the platform's own identity; Cognito mode never loads it) and jsonata (loaded by the first formula,
 * forms/lib/jsonata-loader.ts).
 */
const LAZY: Record<string, string> = {
  re2js: 'build/index.js',
  'file-type': 'index.js',
  jose: 'dist/webapi/index.js',
  'aws-jwt-verify': 'dist/esm/index.js',
  jsonata: 'jsonata.js',
};
export const LAZY_MODULES = Object.keys(LAZY);

/** Shell commands that put each lazy module, bundled and minified, into the asset's node_modules. */
export function lazyModuleCommands(outputDir: string): string[] {
  const esbuild = resolve(ROOT, 'node_modules', '.bin', 'esbuild');
  return LAZY_MODULES.flatMap((name) => {
    const dir = `${outputDir}/node_modules/${name}`;
    const entry = resolve(ROOT, 'node_modules', name, LAZY[name]);
    return [
      `"${esbuild}" "${entry}" --bundle --minify --format=esm --platform=node --target=node20 --log-level=warning --outfile="${dir}/index.mjs"`,
      `echo '{"name":"${name}","type":"module","exports":"./index.mjs"}' > "${dir}/package.json"`,
    ];
  });
}

export interface AppFunctionProps {
  /** Entry file, relative to the repository root, exporting `handler`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: Duration;
  /** Log retention; functions keep 3 months by default. */
  logRetention?: logs.RetentionDays;
  /** X-Ray active tracing (default on). Off in the China regions, where Lambda has no X-Ray integration. */
  xray?: boolean;
}

/**
 * A Lambda function with the house defaults: Node 22 on arm64, one minified ESM file built by the
 * local esbuild (no Docker), source maps on, X-Ray tracing, its own log group with a retention,
 * and its own role that may write only to that log group (no AWSLambdaBasicExecutionRole).
 *
 * Bundling decision: everything is bundled except the AWS SDK v3 (`@aws-sdk/*`, `@smithy/*`), which
 * the Node 22 runtime ships (client-dynamodb and lib-dynamodb included). Bundled, the SDK alone
 * costs about 330 KB minified — over half of the 600 KB budget (docs/decisions.md) — and most of that is
 * credential-provider code (SSO/STS/INI clients) that never runs in Lambda. The trade-off is that
 * the runtime's SDK version is used; the app needs only long-stable DynamoDB document-client calls.
 * Target node20: the bundle must also load on the local Node 20 (cold-load benchmark), and the
 * Node 22 runtime runs node20 output unchanged.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });

    // CDK renders service principals as <service>.amazonaws.com in every partition, aws-cn included.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (execution role)`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(ROOT, props.entry),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: resolve(ROOT, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(15),
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.xray === false ? undefined : lambda.Tracing.ACTIVE,
      awsSdkConnectionReuse: false, // SDK v3 reuses connections by itself
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node20',
        mainFields: ['module', 'main'],
        banner: ESM_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        externalModules: [...AWS_SDK_EXTERNALS, ...LAZY_MODULES],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => lazyModuleCommands(outputDir),
        },
      },
    });

    // The tracing statement CDK adds for X-Ray cannot be scoped: X-Ray has no resource-level permissions.
    if (props.xray !== false)
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support only Resource "*" (no resource-level permissions).',
      });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node 22 is chosen on purpose (docs/decisions.md); moving to Node 24 is a tested upgrade, not a drift.',
    });
  }
}

export type TableAccess = 'read' | 'readWrite';

const READ_ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'];
const WRITE_ITEM_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** ARNs of the table's indexes, one per index in TABLE_SCHEMA (no `index/*` wildcard). */
export function indexArns(table: ITable): string[] {
  return TABLE_SCHEMA.indexes.map((i) => `${table.tableArn}/index/${i.name}`);
}

/**
 * Grants a function access to the single table and its indexes, nothing else: item reads and
 * Query on the table, Query on each named index, and for 'readWrite' the item writes on the table.
 * No Scan (no request path scans), no DescribeTable, no stream or table management actions.
 * Transactions need no extra action: TransactWriteItems is authorised per contained operation.
 * The table uses the AWS-managed key (aws/dynamodb), so callers need no KMS permission.
 */
export function bindTable(fn: lambda.IFunction, table: ITable, access: TableAccess): void {
  grantTableActions(fn, table, {
    table: [...READ_ITEM_ACTIONS, 'dynamodb:Query', ...(access === 'readWrite' ? WRITE_ITEM_ACTIONS : [])],
    indexes: ['dynamodb:Query'],
  });
}

/** Grants exactly the given actions on the table ARN and on each index ARN of TABLE_SCHEMA. */
export function grantTableActions(
  fn: lambda.IFunction,
  table: ITable,
  actions: { table: string[]; indexes?: string[] },
): void {
  const role = fn.role;
  if (!role) throw new Error('grantTableActions: function has no role');
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: 'Table', actions: actions.table, resources: [table.tableArn] }),
  );
  if (actions.indexes?.length) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'TableIndexes', actions: actions.indexes, resources: indexArns(table) }),
    );
  }
}
