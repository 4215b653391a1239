import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createJixiao, type JixiaoStacks } from '../../infra/jixiao';
import type { AuthStack } from '../../infra/stacks/auth-stack';

/** CloudFormation template JSON: untyped by nature. */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is walked dynamically
export type Cfn = any;

const ROOT = resolve(import.meta.dirname, '../..');

/** The context of cdk.json (feature flags, defaults), so tests synthesize what `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context;
}

export interface Synthesized {
  app: App;
  /** The global (`aws`) shape always has its Auth stack; synthChina is the shape without one. */
  stacks: JixiaoStacks & { auth: AuthStack };
  assembly: CloudAssembly;
  templates: { data: Template; auth: Template; api: Template; web: Template };
  /** Raw JSON templates (for walking every statement / behaviour by hand). */
  json: { data: Cfn; auth: Cfn; api: Cfn; web: Cfn };
  outdir: string;
  /** Removes the temporary cloud assembly (and the fake web build). */
  cleanup(): void;
}

export interface SynthOptions {
  /** Give the app a (tiny, fake) web build so BucketDeployment is part of the synth. */
  withWebBuild?: boolean;
  context?: Record<string, unknown>;
}

/**
 * Builds and synthesizes the real app (infra/jixiao.ts) into a temp directory, once per test file.
 * The web build is pinned to a temp path so the result does not depend on whether web/dist exists.
 */
export function synthJixiao(options: SynthOptions = {}): Synthesized {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-infra-'));
  const outdir = join(work, 'cdk.out');
  const webDist = join(work, 'web-dist');
  if (options.withWebBuild) {
    mkdirSync(join(webDist, 'assets'), { recursive: true });
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>绩效</title><div id="root"></div>');
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app");');
  }
  const app = new App({
    outdir,
    context: { ...cdkJsonContext(), stage: 'test', webDist, ...options.context },
  });
  const created = createJixiao(app);
  const auth = created.auth;
  if (!auth) throw new Error('synthJixiao synthesizes the Cognito shape; use synthChina for the own-identity one');
  const stacks = { ...created, auth };
  const assembly = app.synth();
  const templates = {
    data: Template.fromStack(stacks.data),
    auth: Template.fromStack(stacks.auth),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
  };
  const json = {
    data: templates.data.toJSON(),
    auth: templates.auth.toJSON(),
    api: templates.api.toJSON(),
    web: templates.web.toJSON(),
  };
  return {
    app,
    stacks,
    assembly,
    templates,
    json,
    outdir,
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** Unacknowledged cdk-nag AwsSolutions findings (errors and warnings) of the whole app. */
export function nagViolations(app: App): { rule: string; severity: string; paths: string[] }[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity ?? 'unknown',
    paths: v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId ?? '?'),
  }));
}

/** Resources of a given type in a JSON template, as [logicalId, resource] pairs. */
export function resourcesOf(template: Cfn, type: string): [string, Cfn][] {
  return Object.entries(template.Resources as Record<string, Cfn>).filter(([, r]) => r.Type === type);
}

/** The only resource of a type (fails when there are none or several). */
export function onlyResource(template: Cfn, type: string): [string, Cfn] {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

export const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
