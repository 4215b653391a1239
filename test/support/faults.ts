import type { TestApi } from './api';

/**
 * Fault injection through AWS SDK middleware on the app's own DynamoDB client (the DocumentClient
 * shares the raw client's middleware stack). The hook sits in finalizeRequest below the SDK's retry
 * middleware, so it sees every attempt, including retries.
 */
export type Hook = (ctx: { command: string; input: any; attempt: () => Promise<any> }) => Promise<any>;

export function installFaults(api: TestApi) {
  let hook: Hook | null = null;
  const seen: { command: string; pk?: string }[] = [];
  api.deps.db.raw.middlewareStack.add(
    (next: any, context: any) => async (args: any) => {
      const command = commandOf(context, args);
      seen.push({ command, pk: pkOf(args.input) });
      if (!hook) return next(args);
      return hook({ command, input: args.input, attempt: () => next(args) });
    },
    { step: 'finalizeRequest', name: 'proofFaults', priority: 'low' },
  );
  return {
    set(h: Hook | null) {
      hook = h;
    },
    seen,
    clearSeen() {
      seen.length = 0;
    },
  };
}

export function commandOf(context: any, args: any): string {
  const name = String(context?.commandName ?? '');
  if (name) return name.replace(/Command$/, '');
  if (args?.input?.TransactItems) return 'TransactWriteItems';
  return 'Unknown';
}

/** The partition key of a GetItem/PutItem input, marshalled or not. */
export function pkOf(input: any): string | undefined {
  const pk = input?.Key?.PK ?? input?.Item?.PK;
  if (pk === undefined) return undefined;
  return typeof pk === 'string' ? pk : pk.S;
}

/** Every partition a command reads or writes by key: its Key or Item, or each key of a BatchGetItem. */
export function pksOf(input: any): string[] {
  const one = pkOf(input);
  if (one !== undefined) return [one];
  const tables = Object.values(input?.RequestItems ?? {}) as { Keys?: { PK: unknown }[] }[];
  return tables.flatMap((t) =>
    (t.Keys ?? []).map((k) => (typeof k.PK === 'string' ? k.PK : (k.PK as { S: string }).S)),
  );
}

export function isTransactWrite(command: string, input: any) {
  return /TransactWrite/.test(command) || Array.isArray(input?.TransactItems);
}

export function throttlingError() {
  const e = new Error('Rate of requests exceeds the allowed throughput.') as Error & Record<string, unknown>;
  e.name = 'ThrottlingException';
  e.$retryable = { throttling: true };
  e.$fault = 'client';
  e.$metadata = { httpStatusCode: 400 };
  return e;
}

export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
