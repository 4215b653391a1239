/**
 * ajv with the house setup (./ajv.ts), loaded on the first check rather than with every module that may need it:
 * a cold start that only reads never compiles ajv. One import, remembered, so a hot path awaits a settled promise.
 */
let loading: Promise<typeof import('./ajv')> | undefined;

export const loadAjv = (): Promise<typeof import('./ajv')> => {
  loading ??= import('./ajv');
  return loading;
};
