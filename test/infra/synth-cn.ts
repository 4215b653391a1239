import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { createJixiao, type JixiaoStacks } from '../../infra/jixiao';
import { type Cfn, cdkJsonContext } from './synth';

/** The context a China deployment needs: region, the ICP-filed domain and its two certificates. */
export const CHINA_CONTEXT = {
  region: 'cn-northwest-1',
  domainName: 'jixiao.example.gov.cn',
  iamCertificateId: 'ASCAEXAMPLE1234567890',
  apiCertificateArn: 'arn:aws-cn:acm:cn-northwest-1:123456789012:certificate/0f0e0d0c-1111-4222-8333-944445555666',
};

export interface SynthesizedChina {
  app: App;
  stacks: JixiaoStacks;
  json: { data: Cfn; api: Cfn; web: Cfn };
  cleanup(): void;
}

/** The real app (infra/jixiao.ts) for a China region, with a fake web build so the upload is part of it. */
export function synthChina(context: Record<string, unknown> = {}): SynthesizedChina {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-infra-cn-'));
  const webDist = join(work, 'web-dist');
  mkdirSync(webDist, { recursive: true });
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><html><head><title>绩效</title></head><body><div id="root"></div></body></html>',
  );
  const app = new App({
    outdir: join(work, 'cdk.out'),
    context: { ...cdkJsonContext(), stage: 'test', webDist, ...CHINA_CONTEXT, ...context },
  });
  const stacks = createJixiao(app);
  const assembly = app.synth();
  const json = (name: string) => assembly.getStackByName(name).template;
  return {
    app,
    stacks,
    json: { data: json(stacks.data.stackName), api: json(stacks.api.stackName), web: json(stacks.web.stackName) },
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}
