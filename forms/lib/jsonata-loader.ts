import type jsonataType from 'jsonata';

export type Jsonata = typeof jsonataType;

let loading: Promise<Jsonata> | undefined;

/**
 * JSONata, loaded on the first expression rather than with the module graph: a Lambda cold start and the
 * browser's first screens never parse it (about 80 KB) unless a formula runs. Every caller is async already.
 */
export function loadJsonata(): Promise<Jsonata> {
  loading ??= import('jsonata').then(
    (m) => (m as unknown as { default?: Jsonata }).default ?? (m as unknown as Jsonata),
  );
  return loading;
}
