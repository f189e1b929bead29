// One DynamoDB Local (in memory) per test run; test files create their own uniquely named tables on it.
import type { TestProject } from 'vitest/node';
import { buildClis } from '../bin/build.mjs';
import { type DynamoDbLocal, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { announceNodeSupport } from '../infra/local/node-support';

let database: DynamoDbLocal | undefined;

export async function setup(project: TestProject) {
  announceNodeSupport();
  // The CLIs as `npm ci` built them, rebuilt from the current source: tests run exactly what users run.
  await buildClis();
  database = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', database.endpoint);
}

export async function teardown() {
  await database?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
