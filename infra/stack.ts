// One stack per local authority: its own table, users, API, functions, schedule and alert topic, so one
// authority's data and load never mix with another's.
import { join } from 'node:path';
import {
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Tags,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { type Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { GROUPS, type Group } from '../functions/api/identity';
import { scopesForGroups } from '../functions/auth/group-scopes';
import { ALERT_RUN_PARTITION, ALERT_RUN_UPDATED_ATTRIBUTES } from '../functions/store/alert-runs';
import { CHANGES_PK, PROJECTION_PK } from '../functions/store/placement-projection';
import { BUNDLING, type EntryName, entryPath, REPO_ROOT, RUNTIME } from './bundling';
import { type AuthorityConfig, alertConfigOf } from './config';
import { API_FUNCTIONS, type ApiFunction, ENTRY_OF, ROUTE_ACCESS } from './route-access';
import { TABLE } from './table';

export const APP_TAG = 'send-sufficiency';
export const stackNameOf = (slug: string) => `send-sufficiency-${slug}`;

/**
 * Read-only table access: what `grantReadData` gives minus the stream actions of a table without streams,
 * and minus Scan, which no code path uses (every read is a key lookup or a Query).
 */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
/**
 * Writes to records and their audit entries: Put only, alone or inside TransactWriteItems (every code path
 * writes a whole new version, conditional on the version read, and an audit entry conditional on its key being
 * new). No function may update or delete a record or an audit entry; IAM cannot see a Put's condition, so a
 * Put over an existing audit entry is refused by that condition (functions/store/audit.ts auditPut).
 */
const RECORD_WRITE_ACTIONS = ['dynamodb:PutItem'];
/**
 * The placement projection's own items (functions/store/placement-projection.ts): any function that reads
 * placements may fold their changes into a new build and delete the folded changes and old builds, but only
 * in the projection's two partitions (dynamodb:LeadingKeys), never a record.
 */
export const PROJECTION_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
export const PROJECTION_PARTITIONS = [PROJECTION_PK, CHANGES_PK];

/** What every API and alerts function reads at cold start (the API serves alert history, so it needs ALERT_CONFIG). */
export const functionEnvironment = (config: AuthorityConfig, tableName: string) => ({
  TABLE_NAME: tableName,
  AUTHORITY: config.slug,
  AUTHORITY_NAME: config.name,
  LA_CODE: config.laCode,
  DASHBOARD_URL: config.dashboardUrl,
  ALERT_CONFIG: JSON.stringify(alertConfigOf(config)),
  LOG_LEVEL: 'INFO',
});

export const alertsEnvironment = (config: AuthorityConfig, tableName: string, topicArn: string) => ({
  ...functionEnvironment(config, tableName),
  POWERTOOLS_SERVICE_NAME: 'send-alerts',
  ALERT_TOPIC_ARN: topicArn,
});

interface FunctionSpec {
  description: string;
  memorySize: number;
  timeout: Duration;
  /** Write actions on the table on top of read access; none means read-only. */
  writes: string[];
}

// API Gateway's HTTP API gives up on an integration after 30 s, so no API function may run longer.
const API_FUNCTION_SPECS: Record<ApiFunction, FunctionSpec> = {
  read: {
    description: 'Every GET route but the files, and the dashboard: read-only table access',
    // One full vCPU: the outturn and the five-year forecast run the model (1,000 draws) on a GET.
    memorySize: 1769,
    timeout: Duration.seconds(29),
    writes: [],
  },
  placements: {
    description: 'Caseworkers: create, change and end placements',
    memorySize: 512,
    timeout: Duration.seconds(10),
    writes: RECORD_WRITE_ACTIONS,
  },
  planning: {
    description: 'Planners: provisions, scenarios and projection runs',
    // 1,769 MB is one full vCPU: projections are CPU-bound simulations.
    memorySize: 1769,
    timeout: Duration.seconds(29),
    writes: RECORD_WRITE_ACTIONS,
  },
  finance: {
    description: 'Finance: budgets',
    memorySize: 512,
    timeout: Duration.seconds(10),
    writes: RECORD_WRITE_ACTIONS,
  },
  exports: {
    description:
      'Export files (placements, census, witan.send inputs, DSG plan) and import progress: read-only',
    // One full vCPU: the multi-year DSG plan runs the forecast's model.
    memorySize: 1769,
    timeout: Duration.seconds(29),
    writes: [],
  },
  imports: {
    description: 'Bulk import of placements (conditional creates, many to a transaction)',
    memorySize: 1769,
    timeout: Duration.seconds(29),
    writes: RECORD_WRITE_ACTIONS,
  },
};

/** Functions log for three months: enough to investigate an incident; the audit trail lives in the table. */
const LOG_RETENTION = RetentionDays.THREE_MONTHS;

export interface SendStackProps extends StackProps {
  config: AuthorityConfig;
}

export class SendStack extends Stack {
  readonly functions: Record<ApiFunction | 'alerts' | 'groupScopes', NodejsFunction>;

  constructor(scope: Construct, id: string, props: SendStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      env: props.env ?? { account: config.account, region: config.region },
      description: `SEND placements and sufficiency for ${config.name} (LA ${config.laCode})`,
    });
    Tags.of(this).add('app', APP_TAG);
    Tags.of(this).add('authority', config.slug);

    const table = this.table();
    const { key, topic } = this.alertTopic(config);
    const deadLetters = this.deadLetterQueue();

    const environment = functionEnvironment(config, table.tableName);
    const cursorKey = this.cursorKey();
    const { userPool, authorizer, signInDomain, client, groupScopes } = this.users(config);
    // The dashboard page signs in through Cognito's hosted UI with the user pool's public client.
    const dashboardSignIn = { AUTH_DOMAIN: signInDomain.baseUrl(), AUTH_CLIENT_ID: client.userPoolClientId };

    const api = Object.fromEntries(
      API_FUNCTIONS.map((name) => {
        const spec = API_FUNCTION_SPECS[name];
        const fn = this.nodeFunction(`${pascal(name)}Function`, ENTRY_OF[name], {
          ...spec,
          environment: {
            ...environment,
            POWERTOOLS_SERVICE_NAME: `send-api-${name}`,
            ...(name === 'read' ? dashboardSignIn : {}),
            ...(servesPaginatedList(name) ? { CURSOR_KEY_SECRET_ARN: cursorKey.secretArn } : {}),
          },
          // The dashboard's static files ship inside the read function only.
          ...(name === 'read' ? { withDashboard: true } : {}),
        });
        grantTable(fn, table, spec.writes);
        if (servesPaginatedList(name)) cursorKey.grantRead(fn);
        return [name, fn];
      }),
    ) as Record<ApiFunction, NodejsFunction>;

    const alerts = this.nodeFunction('AlertsFunction', 'alerts', {
      description: 'Monthly capacity and spend alerts for the authority',
      memorySize: 1769,
      timeout: Duration.minutes(5),
      environment: alertsEnvironment(config, table.tableName, topic.topicArn),
      // The scheduler invokes the function asynchronously, so a run that throws (failed, or in progress
      // elsewhere) is retried by Lambda: twice, about 1 and 2 minutes later, then the event is parked on the
      // queue (and its alarm fires). A run that died holds its month only for its claim's lease (30 s).
      asyncFailure: deadLetters,
    });
    grantTable(alerts, table, RECORD_WRITE_ACTIONS);
    // The one update any function makes: an alert run's claim, lease and outcome, in the runs' own partitions
    // and naming only a run's attributes, so no update can reach a record or an audit entry.
    alerts.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${ALERT_RUN_PARTITION}*`] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ALERT_RUN_UPDATED_ATTRIBUTES },
        },
      }),
    );
    alerts.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    key.grant(alerts, 'kms:GenerateDataKey', 'kms:Decrypt');

    this.functions = { ...api, alerts, groupScopes };

    const httpApi = this.httpApi(config, api, authorizer);
    this.monthlySchedule(config, alerts, deadLetters);
    this.alarms(topic, httpApi, deadLetters);

    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'SignInUrl', { value: signInDomain.baseUrl() });
    new CfnOutput(this, 'AlertTopicArn', { value: topic.topicArn });
    new CfnOutput(this, 'AlertKeyArn', { value: key.keyArn });
  }

  private table(): Table {
    const table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE.timeToLiveAttribute,
    });
    for (const index of TABLE.globalSecondaryIndexes)
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    return table;
  }

  private alertTopic(config: AuthorityConfig) {
    const key = new Key(this, 'AlertKey', {
      description: `Encrypts ${config.name}'s alert topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the encrypted topic, so the service needs the key: for this account's
    // alarms only (aws:SourceAccount), never as a confused deputy for another account's.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: {
            'aws:SourceArn': `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:*`,
          },
        },
      }),
    );
    const topic = new Topic(this, 'AlertTopic', {
      displayName: `SEND sufficiency alerts: ${config.name}`,
      masterKey: key,
      enforceSSL: true,
    });
    for (const recipient of config.alerts.recipients) topic.addSubscription(new EmailSubscription(recipient));
    return { key, topic };
  }

  /**
   * The key pagination cursors are signed with (functions/store/cursor.ts): one per stack, so every instance of
   * a function checks the cursors any other handed out; read once per instance, on first use.
   */
  private cursorKey(): Secret {
    const secret = new Secret(this, 'CursorKey', {
      description: 'HMAC key signing the pagination cursors of the API',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'Signs pagination cursors only: a new value just makes open cursors stale (a 400, and the client lists again). Rotate by replacing the secret value.',
    });
    return secret;
  }

  private deadLetterQueue(): Queue {
    return new Queue(this, 'AlertsDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
  }

  private nodeFunction(
    id: string,
    entry: EntryName,
    options: Omit<FunctionSpec, 'writes'> & {
      environment: Record<string, string>;
      asyncFailure?: Queue;
      withDashboard?: boolean;
    },
  ): NodejsFunction {
    const logGroup = new LogGroup(this, `${id}Logs`, { retention: LOG_RETENTION });
    // Own role with write access to its own log group only, instead of the AWS-managed basic policy.
    const role = new Role(this, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    return new NodejsFunction(this, id, {
      entry: entryPath(entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: Architecture.ARM_64,
      description: options.description,
      memorySize: options.memorySize,
      timeout: options.timeout,
      role,
      logGroup,
      environment: options.environment,
      bundling: { ...BUNDLING, commandHooks: bundlingHooks(entry, options.withDashboard ?? false) },
      ...(options.asyncFailure ? { deadLetterQueue: options.asyncFailure, retryAttempts: 2 } : {}),
    });
  }

  private users(config: AuthorityConfig) {
    const userPool = new UserPool(this, 'Users', {
      userPoolName: stackNameOf(config.slug),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, risky sign-ins) and access-token customisation.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // What each group may do is the route table's (infra/route-access.ts); these say it in words.
    const groupDescriptions: Record<Group, string> = {
      caseworkers:
        'Record, change and end placements; bulk import; read child-level records and their history',
      planners: 'Provisions, scenarios and projections; read child-level records and their history',
      finance: 'Budgets; read placement records and their costs (not their history)',
      readers: 'Aggregates only (summary, projections, spend, outturn, alerts); no child-level record',
    };
    for (const group of GROUPS)
      new CfnUserPoolGroup(this, `${pascal(group)}Group`, {
        userPoolId: userPool.userPoolId,
        groupName: group,
        description: groupDescriptions[group],
      });

    const groupScopes = this.nodeFunction('GroupScopesFunction', 'groupScopes', {
      description: 'Cognito pre-token generation: user groups as access-token scopes',
      memorySize: 256,
      timeout: Duration.seconds(5),
      environment: { POWERTOOLS_SERVICE_NAME: 'send-auth', LOG_LEVEL: 'INFO' },
    });
    userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, groupScopes, LambdaVersion.V2_0);

    const client = userPool.addClient('Dashboard', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [config.dashboardUrl],
        logoutUrls: [config.dashboardUrl],
      },
    });
    const signInDomain = userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: config.cognitoDomainPrefix ?? stackNameOf(config.slug) },
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, { userPoolClients: [client] });
    return { userPool, authorizer, signInDomain, client, groupScopes };
  }

  private httpApi(
    config: AuthorityConfig,
    functions: Record<ApiFunction, NodejsFunction>,
    authorizer: HttpUserPoolAuthorizer,
  ): HttpApi {
    const api = new HttpApi(this, 'Api', {
      apiName: stackNameOf(config.slug),
      description: `SEND sufficiency API for ${config.name}`,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: LOG_RETENTION });
    new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // A few thousand requests a day: these limits only stop a runaway client.
      throttle: { rateLimit: 25, burstLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            user: '$context.authorizer.claims.sub',
            ip: '$context.identity.sourceIp',
          }),
        ),
      },
    });

    const integrations = Object.fromEntries(
      API_FUNCTIONS.map((name) => [
        name,
        new HttpLambdaIntegration(`${pascal(name)}Integration`, functions[name]),
      ]),
    ) as Record<ApiFunction, HttpLambdaIntegration>;
    const noAuthorizer = new HttpNoneAuthorizer();
    for (const route of ROUTE_ACCESS) {
      const [created] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.fn],
        ...(route.groups === 'public'
          ? { authorizer: noAuthorizer }
          : { authorizer, authorizationScopes: scopesForGroups(route.groups) }),
      });
      if (route.groups === 'public' && created)
        Validations.of(created).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason:
            'Static dashboard page and assets, the OpenAPI document and its docs page: no data, and the browser must load the dashboard before it can sign in. Every data route has the JWT authorizer.',
        });
    }
    return api;
  }

  private monthlySchedule(config: AuthorityConfig, alerts: NodejsFunction, deadLetters: Queue) {
    const role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    new Schedule(this, 'MonthlyAlerts', {
      description: `Monthly capacity and spend alerts for ${config.name}`,
      schedule: ScheduleExpression.expression(config.schedule.cron, TimeZone.of(config.schedule.timeZone)),
      target: new LambdaInvoke(alerts, {
        // The handler takes the month from the scheduled time (London), so a late retry still reports the right month.
        input: ScheduleTargetInput.fromObject({ month: ContextAttribute.scheduledTime }),
        // These retries are for delivering the event (throttling, an unavailable service); the function's own
        // failures are retried by Lambda (asyncFailure above).
        retryAttempts: 5,
        maxEventAge: Duration.hours(12),
        deadLetterQueue: deadLetters,
        role,
      }),
    });
    const alertsLogicalId = this.getLogicalId(alerts.node.defaultChild as CfnElement);
    Validations.of(role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${alertsLogicalId}.Arn>:*]`,
      reason:
        "The scheduler's role may invoke the alerts function and its versions/aliases (`:*`), nothing else; the L2 target grants it so.",
    });
  }

  private alarms(topic: Topic, api: HttpApi, deadLetters: Queue) {
    const action = new SnsAction(topic);
    const alarmOn = (id: string, metric: Metric, description: string): Alarm => {
      const alarm = metric.createAlarm(this, id, {
        alarmDescription: description,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      return alarm;
    };
    const period = Duration.minutes(5);
    for (const [name, fn] of Object.entries(this.functions)) {
      alarmOn(`${pascal(name)}Errors`, fn.metricErrors({ period }), `${name} function failed`);
      alarmOn(`${pascal(name)}Throttles`, fn.metricThrottles({ period }), `${name} function was throttled`);
    }
    alarmOn(
      'AlertsDeadLetterDepth',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period }),
      'A monthly alerts run failed after its retries and is parked on the dead-letter queue',
    );
    alarmOn('Api5xx', api.metricServerError({ period }), 'The API returned a server error (5xx)');
  }
}

/**
 * Read access, plus the given write actions, on the table and each of its indexes named one by one
 * (no `index/*` wildcard: a function can reach exactly the indexes the table definition lists).
 */
/** A function that serves `GET /placements`, the one list that pages with cursors. */
const servesPaginatedList = (name: ApiFunction) =>
  ROUTE_ACCESS.some((route) => route.fn === name && route.method === 'GET' && route.path === '/placements');

function grantTable(fn: NodejsFunction, table: Table, writes: string[]) {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...TABLE_READ_ACTIONS, ...writes],
      resources: [
        table.tableArn,
        ...TABLE.globalSecondaryIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`),
      ],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: PROJECTION_WRITE_ACTIONS,
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': PROJECTION_PARTITIONS } },
    }),
  );
}

/**
 * After CDK's esbuild pass: the entry built again by infra/bundling.ts over the same output, with code split
 * (CDK cannot split), so exceljs sits in a chunk read only by the routes that need it; and, for the read
 * function, the dashboard (web/build.ts) built straight into its asset as `web/` beside the bundle, so every
 * synth ships the dashboard of the code being deployed, never a stale web/dist.
 */
const bundlingHooks = (entry: EntryName, withDashboard: boolean) => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (inputDir: string, outputDir: string) => [
    `cd "${inputDir}" && "${process.execPath}" --import tsx --input-type=module -e ` +
      `"const { bundleFunction } = await import('./infra/bundling.ts'); await bundleFunction(process.argv[1], process.argv[2]);" ` +
      `"${entry}" "${outputDir}"`,
    ...(withDashboard
      ? [
          `cd "${inputDir}" && "${process.execPath}" --import tsx --input-type=module -e ` +
            `"const { buildDashboard } = await import('./web/build.ts'); await buildDashboard({ outdir: process.argv[1] });" ` +
            `"${outputDir}/web"`,
        ]
      : []),
  ],
});

const pascal = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_match, _dash, letter: string) => letter.toUpperCase());
