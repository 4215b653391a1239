import { randomUUID } from 'node:crypto';

type Handler = (event: unknown, context: unknown) => Promise<LambdaResult>;
interface LambdaResult {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/**
 * A small local HTTP API: each request becomes an API Gateway HTTP API payload 2.0 event for the
 * Lambda handler, and its answer a Response, as CloudFront + API Gateway would do it in the cloud.
 */
export function lambdaProxy(handler: Handler) {
  return async (request: Request, sourceIp: string): Promise<Response> => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      if (key !== 'cookie') headers[key] = value;
    });
    const cookies = request.headers.get('cookie')?.split(/;\s*/).filter(Boolean);
    const bytes = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    const body = bytes?.byteLength ? Buffer.from(bytes) : undefined;
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      ...(cookies?.length ? { cookies } : {}),
      headers,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: url.hostname,
        domainPrefix: 'local',
        http: {
          method: request.method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp,
          userAgent: headers['user-agent'] ?? '',
        },
        requestId: randomUUID(),
        routeKey: '$default',
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      ...(body ? { body: body.toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
    };
    const result = await handler(event, { awsRequestId: event.requestContext.requestId });
    const out = new Headers(result.headers ?? {});
    for (const [key, values] of Object.entries(result.multiValueHeaders ?? {}))
      for (const value of values) out.append(key, value);
    for (const cookie of result.cookies ?? []) out.append('set-cookie', cookie);
    const payload = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : null;
    return new Response(result.statusCode === 204 || result.statusCode === 304 ? null : payload, {
      status: result.statusCode,
      headers: out,
    });
  };
}
