import type { TestProject } from 'vitest/node';
import { type LocalDynamo, startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';

let dynamo: LocalDynamo | undefined;

/** One in-memory DynamoDB Local per test run; every test file creates its own table in it. */
export async function setup(project: TestProject) {
  // An already running DynamoDB Local may be named (a loaded machine can start the JVM slower than its timeout).
  const given = process.env.TEST_DYNAMODB_ENDPOINT;
  if (given) return project.provide('dynamoEndpoint', given);
  dynamo = await startLocalDynamo();
  project.provide('dynamoEndpoint', dynamo.endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
