import type { TestProject } from 'vitest/node';
import { type LocalDynamo, startLocalDynamo } from '../../functions/adapters/dynamodb/local-server';

let dynamo: LocalDynamo | undefined;

/** One in-memory DynamoDB Local per test run; every test file creates its own table in it. */
export async function setup(project: TestProject) {
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
