// The deployed stack's properties, for every authority, asserted on the synthesised template (bundling
// skipped). No snapshots: each test names the property it protects.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../functions/alerts/run';
import { GROUPS, type Group } from '../../functions/api/identity';
import { handler as groupScopesHandler, scopesForGroups } from '../../functions/auth/group-scopes';
import { ALERT_RUN_PARTITION, ALERT_RUN_UPDATED_ATTRIBUTES } from '../../functions/store/alert-runs';
import { assembleApp } from '../../infra/assemble';
import { authoritySlugs, loadAuthorityConfig } from '../../infra/config';
import { API_FUNCTIONS, ROUTE_ACCESS } from '../../infra/route-access';
import { PROJECTION_PARTITIONS, PROJECTION_WRITE_ACTIONS, type SendStack } from '../../infra/stack';
import { TABLE } from '../../infra/table';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is untyped; the assertions check its shape.
type Json = any;
type Resources = Record<string, { Type: string; Properties: Json }>;

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

const { stacks } = assembleApp({ bundle: false, builtinCloudFormationValidation: false });
const templates = new Map(stacks.map((stack) => [stack.stackName, Template.fromStack(stack)]));

describe('the app', () => {
  it('has one stack per authority file', () => {
    expect(stacks.map((stack) => stack.stackName)).toEqual(
      authoritySlugs().map((slug) => `send-sufficiency-${slug}`),
    );
  });

  it('synthesises only the authority named in context', () => {
    const one = assembleApp({ bundle: false, context: { authority: 'stockton-on-tees' } });
    expect(one.stacks.map((stack) => stack.stackName)).toEqual(['send-sufficiency-stockton-on-tees']);
  });

  it('fails on an unknown authority, naming its file', () => {
    expect(() => assembleApp({ bundle: false, context: { authority: 'gotham' } })).toThrow(
      /infra\/authorities\/gotham\.json: unknown authority/,
    );
  });
});

describe('cdk-nag AWS Solutions checks', () => {
  /** Synthesises the app in a scratch folder and returns the rule ids of every unacknowledged finding. */
  function nagFindings(build: (outdir: string) => ReturnType<typeof assembleApp>['app']): string[] {
    const outdir = mkdtempSync(join(tmpdir(), 'send-nag-'));
    try {
      build(outdir).synth();
      return [];
    } catch (error) {
      const report = join(outdir, 'validation-report.json');
      if (!existsSync(report)) throw error;
      const { pluginReports } = JSON.parse(readFileSync(report, 'utf8')) as {
        pluginReports: { violations: { ruleName: string }[] }[];
      };
      return pluginReports.flatMap((plugin) => plugin.violations.map((violation) => violation.ruleName));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
  const options = { bundle: false, builtinCloudFormationValidation: false } as const;

  it('passes for every authority with zero unacknowledged findings', () => {
    expect(nagFindings((outdir) => assembleApp({ ...options, outdir }).app)).toEqual([]);
  });

  it('fails synth on a finding nobody acknowledged', () => {
    const findings = nagFindings((outdir) => {
      const { app, stacks } = assembleApp({ ...options, outdir, authorities: ['tameside'] });
      new Queue(stacks[0] as SendStack, 'PlainQueue');
      return app;
    });
    expect(findings).toEqual(expect.arrayContaining([expect.stringContaining('SQS4')]));
  });
});

describe.each(authoritySlugs())('stack for %s', (slug) => {
  const config = loadAuthorityConfig(slug);
  let stack: SendStack;
  let template: Template;
  let resources: Resources;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as never);

  interface Statement {
    Action: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
    Principal?: { Service?: string };
  }
  const statementsOf = (fn: keyof SendStack['functions']): Statement[] => {
    const roleId = stack.getLogicalId(stack.functions[fn].role?.node.defaultChild as never);
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((r) => r.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((r) => r.Properties.PolicyDocument.Statement);
  };
  /** Every action granted to a function's role without a condition, over all its policies. */
  const actionsOf = (fn: keyof SendStack['functions']): string[] =>
    statementsOf(fn)
      .filter((statement) => statement.Condition === undefined)
      .flatMap((statement) => [statement.Action].flat());

  beforeAll(() => {
    stack = stacks.find((candidate) => candidate.stackName === `send-sufficiency-${slug}`) as SendStack;
    template = templates.get(stack.stackName) as Template;
    resources = template.toJSON().Resources;
  });

  it('deploys to the configured account and region, tagged with app and authority', () => {
    expect(stack.account).toBe(config.account);
    expect(stack.region).toBe(config.region);
    const tags = template.findResources('AWS::DynamoDB::Table');
    expect(Object.values(tags)[0]?.Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'app', Value: 'send-sufficiency' },
        { Key: 'authority', Value: slug },
      ]),
    );
  });

  it('keeps its data in one on-demand, encrypted, recoverable, protected table that outlives the stack', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE.timeToLiveAttribute, Enabled: true },
        KeySchema: [
          { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ),
      }),
    });
  });

  it('runs every function on ARM64 and the current Node LTS, with its own log group kept three months', () => {
    template.resourceCountIs('AWS::Lambda::Function', API_FUNCTIONS.length + 2);
    for (const fn of Object.values(stack.functions)) {
      const props = resources[logicalId(fn)]?.Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
      });
      expect(props?.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
      expect(resources[props?.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays).toBe(90);
    }
  });

  it('gives the API and alerts functions their configuration and structured-logging settings', () => {
    const tableRef = { Ref: stack.getLogicalId(stack.node.findChild('Table').node.defaultChild as never) };
    for (const name of [...API_FUNCTIONS, 'alerts'] as const) {
      const env = resources[logicalId(stack.functions[name])]?.Properties.Environment.Variables;
      expect(env).toMatchObject({
        TABLE_NAME: tableRef,
        AUTHORITY: slug,
        AUTHORITY_NAME: config.name,
        LA_CODE: config.laCode,
        DASHBOARD_URL: config.dashboardUrl,
        POWERTOOLS_SERVICE_NAME: expect.stringMatching(/^send-/),
        LOG_LEVEL: 'INFO',
      });
      // No --enable-source-maps: it parses the bundle's source map at every cold start; a logged error's stack
      // is mapped on the error path instead (functions/stack-trace.ts).
      expect(env.NODE_OPTIONS, name).toBeUndefined();
    }
    // Only the read function serves the dashboard, so only it knows how the page signs in.
    for (const name of API_FUNCTIONS) {
      const env = resources[logicalId(stack.functions[name])]?.Properties.Environment.Variables;
      if (name === 'read')
        expect(env).toMatchObject({
          AUTH_CLIENT_ID: { Ref: expect.stringMatching(/^UsersDashboard/) },
          AUTH_DOMAIN: expect.objectContaining({ 'Fn::Join': expect.any(Array) }),
        });
      else expect(env.AUTH_CLIENT_ID).toBeUndefined();
    }
    for (const name of [...API_FUNCTIONS, 'alerts'] as const) {
      const env = resources[logicalId(stack.functions[name])]?.Properties.Environment.Variables;
      expect(JSON.parse(env.ALERT_CONFIG)).toEqual({
        authority: slug,
        authorityName: config.name,
        laCode: config.laCode,
        dashboardUrl: config.dashboardUrl,
        thresholds: config.alerts.thresholds,
        shortfallHorizonsMonths: config.alerts.shortfallHorizonsMonths,
      });
      // Only the alerts function may publish, so only it knows the topic.
      if (name === 'alerts')
        expect(env.ALERT_TOPIC_ARN).toEqual({ Ref: expect.stringMatching(/^AlertTopic/) });
      else expect(env.ALERT_TOPIC_ARN).toBeUndefined();
    }
  });

  it('signs pagination cursors with one secret per stack, readable only by the function that lists placements', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secretId = Object.keys(template.findResources('AWS::SecretsManager::Secret'))[0] as string;
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
    for (const name of API_FUNCTIONS) {
      const env = resources[logicalId(stack.functions[name])]?.Properties.Environment.Variables;
      const lists = name === 'read';
      expect(env.CURSOR_KEY_SECRET_ARN, name).toEqual(lists ? { Ref: secretId } : undefined);
      expect(actionsOf(name).includes('secretsmanager:GetSecretValue'), name).toBe(lists);
    }
    expect(actionsOf('alerts')).not.toContain('secretsmanager:GetSecretValue');
  });

  it('grants each function only what its routes need: readers never write a record', () => {
    for (const reader of ['read', 'exports'] as const) {
      const actions = actionsOf(reader);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      for (const action of [...WRITE_ACTIONS, 'sns:Publish']) expect(actions, reader).not.toContain(action);
    }

    // Records and audit entries are only ever put (whole, conditionally): no writer updates or deletes one.
    for (const writer of ['placements', 'planning', 'finance', 'imports', 'alerts'] as const) {
      const actions = actionsOf(writer);
      expect(actions, writer).toContain('dynamodb:PutItem');
      for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
        expect(actions, writer).not.toContain(action);
      if (writer !== 'alerts') expect(actions, writer).not.toContain('sns:Publish');
    }
    expect(actionsOf('alerts')).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'sns:Publish', 'kms:GenerateDataKey']),
    );
    expect(actionsOf('groupScopes').filter((action) => !action.startsWith('logs:'))).toEqual([]);
    // Nothing scans: every read is a key lookup or a Query.
    const allActions = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement)
      .flatMap((statement: Statement) => [statement.Action].flat());
    expect(allActions).not.toContain('dynamodb:Scan');
    // Every table user may write the placement projection's own items, and only those (by partition key); the
    // alerts function alone may update, and only an alert run's attributes in the runs' partitions.
    const projection = expect.objectContaining({
      Action: PROJECTION_WRITE_ACTIONS,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': PROJECTION_PARTITIONS } },
    });
    for (const fn of API_FUNCTIONS) {
      const conditioned = statementsOf(fn).filter((statement) => statement.Condition !== undefined);
      expect(conditioned, fn).toEqual([projection]);
    }
    expect(statementsOf('alerts').filter((statement) => statement.Condition !== undefined)).toEqual([
      projection,
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Table/), 'Arn'] },
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${ALERT_RUN_PARTITION}*`] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ALERT_RUN_UPDATED_ATTRIBUTES },
        },
      }),
    ]);
    expect(ALERT_RUN_UPDATED_ATTRIBUTES).not.toEqual(expect.arrayContaining(['auditOf']));
    // No function may touch anything but its own log group: no AWS-managed policies.
    template.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('names table indexes one by one, never with a wildcard', () => {
    const resourcesGranted = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement)
      .flatMap((statement: { Resource: unknown }) => [statement.Resource].flat());
    expect(JSON.stringify(resourcesGranted)).not.toContain('/index/*');
    for (const index of TABLE.globalSecondaryIndexes)
      expect(JSON.stringify(resourcesGranted)).toContain(`/index/${index.indexName}`);
  });

  it('has a Cognito user pool with no self sign-up, a strong password policy, MFA and threat protection', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        LambdaConfig: {
          PreTokenGenerationConfig: {
            LambdaArn: { 'Fn::GetAtt': [logicalId(stack.functions.groupScopes), 'Arn'] },
            LambdaVersion: 'V2_0',
          },
        },
      }),
    });
    for (const group of ['caseworkers', 'planners', 'finance', 'readers'])
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', 4);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      CallbackURLs: [config.dashboardUrl],
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  it('routes every API path to the function of its permission set, behind the JWT authorizer and group scopes', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTE_ACCESS.length);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const integrationTarget = Object.fromEntries(
      Object.entries(resources)
        .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Integration')
        .map(([id, r]) => [id, r.Properties.IntegrationUri['Fn::GetAtt'][0]]),
    );
    const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    for (const expected of ROUTE_ACCESS) {
      const route = routes.find((r) => r.Properties.RouteKey === `${expected.method} ${expected.path}`);
      expect(route, `${expected.method} ${expected.path}`).toBeDefined();
      const integrationId = route?.Properties.Target['Fn::Join'][1][1].Ref;
      expect(integrationTarget[integrationId], `${expected.method} ${expected.path}`).toBe(
        logicalId(stack.functions[expected.fn]),
      );
      if (expected.groups === 'public') {
        expect(route?.Properties.AuthorizationType).toBe('NONE');
      } else {
        expect(route?.Properties.AuthorizationType).toBe('JWT');
        expect(route?.Properties.AuthorizationScopes).toEqual(scopesForGroups(expected.groups));
      }
    }
  });

  it('admits at the edge, route by route, exactly the groups the table names', async () => {
    // A signed-in user of one group gets that group's scope in the access token (the pre-token trigger); the
    // JWT authorizer admits a token holding at least one of the route's scopes.
    const routes = Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route');
    for (const group of GROUPS) {
      const token = await groupScopesHandler({
        request: { groupConfiguration: { groupsToOverride: [group] } },
      } as never);
      const scopes: string[] =
        token.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.scopesToAdd ?? [];
      for (const expected of ROUTE_ACCESS.filter((route) => route.groups !== 'public')) {
        const route = routes.find((r) => r.Properties.RouteKey === `${expected.method} ${expected.path}`);
        const admitted = ((route?.Properties.AuthorizationScopes ?? []) as string[]).some((scope) =>
          scopes.includes(scope),
        );
        expect(admitted, `${group} on ${expected.method} ${expected.path}`).toBe(
          (expected.groups as readonly Group[]).includes(group),
        );
      }
    }
  });

  // Which group may call which route is tested route by route in access.test.ts.
  it('sends reads to the read-only functions and import writes to the imports function', () => {
    // Reads go to the read-only functions (read; exports for the files) and nothing else does.
    for (const route of ROUTE_ACCESS)
      expect(['read', 'exports'].includes(route.fn), `${route.method} ${route.path}`).toBe(
        route.method === 'GET',
      );
    // Every import write goes to the imports function, the only one that may batch-write.
    expect(
      ROUTE_ACCESS.filter((route) => route.method === 'POST' && route.path.startsWith('/imports')).map(
        (route) => route.fn,
      ),
    ).toEqual(['imports', 'imports', 'imports']);
    expect(ROUTE_ACCESS.filter((route) => route.groups === 'public').map((route) => route.path)).toEqual([
      '/openapi.json',
      '/docs',
      '/docs/{proxy+}',
      '/',
      '/assets/{proxy+}',
    ]);
  });

  it('throttles the API and logs every request as JSON', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"status":"\\$context.status"'),
      },
    });
  });

  it('runs the alerts monthly at 06:00 London time on the 1st, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 1 * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalId(stack.functions.alerts), 'Arn'] },
        Input: JSON.stringify({ month: '<aws.scheduler.scheduled-time>' }),
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 12 * 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsDeadLetters'), 'Arn'] } },
      }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    // A failed asynchronous run is retried by Lambda too, then parked on the same queue. Its first retry comes
    // about a minute later: by then the claim of a run that died (its lease) has run out.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2 });
    expect(CLAIM_LEASE_MS).toBeLessThan(60_000);
    expect(resources[logicalId(stack.functions.alerts)]?.Properties.DeadLetterConfig).toEqual({
      TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/^AlertsDeadLetters/), 'Arn'] },
    });
  });

  it('publishes alerts to a KMS-encrypted topic that refuses plain HTTP, with an e-mail per recipient', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    // CloudWatch may use the key for this account's alarms only (no confused deputy).
    const keyStatements: Statement[] = Object.values(resources).find((r) => r.Type === 'AWS::KMS::Key')
      ?.Properties.KeyPolicy.Statement;
    const cloudWatch = keyStatements.filter(
      (statement) => statement.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(cloudWatch).toEqual([
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Condition: {
          StringEquals: { 'aws:SourceAccount': config.account },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, `:cloudwatch:${config.region}:${config.account}:alarm:*`],
              ],
            },
          },
        },
      }),
    ]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', config.alerts.recipients.length);
    for (const recipient of config.alerts.recipients)
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: recipient });
  });

  it('alarms on function errors and throttles, dead letters and API 5xx, all to the alert topic', () => {
    const alarms = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    const functionCount = Object.keys(stack.functions).length;
    expect(alarms).toHaveLength(functionCount * 2 + 2);
    const metrics = alarms.map((alarm) => alarm.Properties.MetricName);
    expect(metrics.filter((metric) => metric === 'Errors')).toHaveLength(functionCount);
    expect(metrics.filter((metric) => metric === 'Throttles')).toHaveLength(functionCount);
    expect(metrics).toContain('ApproximateNumberOfMessagesVisible');
    expect(metrics).toContain('5xx');
    for (const alarm of alarms)
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlertTopic/) }]);
  });
});
