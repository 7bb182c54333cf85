// Synthesizes the CDK app in-process for tests, with a fixed account so ARNs are concrete.
import type { Stack } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type SeoyeonApp } from '../../../infra/cdk/lib/stacks.ts';
import { readSettings } from '../../../infra/cdk/lib/settings.ts';

export const ACCOUNT = '111122223333';
export const EXISTING_INDEX = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

export interface Synthesized extends SeoyeonApp {
  app: App;
  template: Template;
  indexTemplate?: Template;
}

/** `account: null` synthesizes account-agnostic stacks, as `npm run synth` does without credentials. */
export function synthesize(context: Record<string, unknown> = {}, account: string | null = ACCOUNT): Synthesized {
  const app = new App({ context });
  const built = buildApp(app, readSettings((k) => app.node.tryGetContext(k)), account ?? undefined);
  const template = Template.fromStack(built.main);
  return built.index
    ? { app, ...built, template, indexTemplate: Template.fromStack(built.index) }
    : { app, ...built, template };
}

/** The JSON CloudFormation template of a stack (resources with intrinsics left in place). */
export function templateJson(stack: Stack): CfnTemplate {
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}

export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
}
