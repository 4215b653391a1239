/** forms/lib: the pure library shared by the browser (web/) and the server (functions/). */
export * from './ajv';
export * from './expressions';
export * from './form-logic';
export * from './money';
export * from './rules';
export * from './schema-guard';
export * from './scoring';
export * from './working-days';
