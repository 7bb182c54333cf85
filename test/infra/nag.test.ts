// cdk-nag's AwsSolutions pack finds nothing unacknowledged, and every acknowledgement says why.
import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { EXISTING_INDEX, synthesize } from './support/synth.ts';

const CONFIGURATIONS: [string, Record<string, unknown>][] = [
  ['no Kendra', { kendra: 'none' }],
  ['an existing index', { kendra: EXISTING_INDEX }],
  ['an index created in another region', { kendra: 'create', kendraRegion: 'ap-northeast-1' }],
  ['an index created in the same region', { region: 'ap-northeast-1', kendra: 'create', kendraRegion: 'ap-northeast-1' }],
  ['data deleted on destroy', { retainData: 'false', kendra: 'create', kendraEdition: 'ENTERPRISE_EDITION' }],
];

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  const visit = (c: IConstruct): void => {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason });
      }
    }
    c.node.children.forEach(visit);
  };
  visit(root);
  return found;
}

function nagReport(app: App): ReturnType<AwsSolutionsChecks['validateScope']> {
  return new AwsSolutionsChecks().validateScope(app);
}

describe('cdk-nag AwsSolutions', () => {
  it.each(CONFIGURATIONS)('reports no unacknowledged finding with %s', (_name, context) => {
    const { app } = synthesize(context);
    const report = nagReport(app);
    const lines = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(lines).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('flags a finding once its acknowledgement is missing (the check is live)', () => {
    const { app, main } = synthesize();
    // A fresh wildcard statement with no acknowledgement must be reported.
    main.auth.authenticatedRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::some-bucket/*'] }),
    );
    const report = nagReport(app);
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM5[Resource::arn:aws:s3:::some-bucket/*]');
  });

  it('gives every acknowledgement a reason of its own', () => {
    const seen = new Map<string, string>();
    for (const [, context] of CONFIGURATIONS) {
      for (const ack of acknowledgements(synthesize(context).app)) {
        expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
        expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(60);
        seen.set(ack.id.replace(/\[.*$/, ''), ack.reason);
      }
    }
    // The rules this app knowingly departs from; anything new must be looked at, not waved through.
    expect([...seen.keys()].sort()).toEqual(['AwsSolutions-COG2', 'AwsSolutions-COG8', 'AwsSolutions-IAM5', 'AwsSolutions-S1']);
  });
});
