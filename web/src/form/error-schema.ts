import type { ErrorSchema } from '@rjsf/utils';

interface PathMessage {
  path: string;
  message: string;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Turns `[{ path: "/a/0/b", message }]` (JSON Pointers, as the API returns) into rjsf's ErrorSchema. */
export function toErrorSchema(errors: readonly PathMessage[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const error of errors) {
    const parts = error.path && error.path !== '/' ? error.path.split('/').slice(1).map(unescapePointer) : [];
    let node = root;
    for (const part of parts) {
      if (part === '__proto__' || part === 'constructor' || part === 'prototype') break;
      if (!Object.hasOwn(node, part)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    if (!Object.hasOwn(node, '__errors')) node.__errors = [];
    const list = node.__errors as string[];
    if (!list.includes(error.message)) list.push(error.message);
  }
  return root as ErrorSchema;
}
