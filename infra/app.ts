import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createJixiao } from './jixiao';

const app = new App();
createJixiao(app);
// cdk-nag: every AwsSolutions finding is either fixed or acknowledged with a reason at the resource.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
