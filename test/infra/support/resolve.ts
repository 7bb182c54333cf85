// Turns a synthesized template's intrinsics into concrete values, so the IAM simulator sees real
// ARNs: each resource gets a known physical name, and Ref/GetAtt/Join are evaluated like CFN would.
import type { CfnTemplate } from './synth.ts';

export interface Environment {
  account: string;
  region: string;
  /** Physical names to give resources, by logical id. */
  names: Record<string, string>;
}

function arnOf(type: string, name: string, env: Environment): string {
  switch (type) {
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${name}`;
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${env.region}:${env.account}:table/${name}`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${env.account}:role/${name}`;
    case 'AWS::Kendra::Index':
      return `arn:aws:kendra:${env.region}:${env.account}:index/${name}`;
    default:
      throw new Error(`no ARN rule for ${type}`);
  }
}

export function resolveIntrinsics(value: unknown, template: CfnTemplate, env: Environment): unknown {
  const go = (v: unknown): unknown => resolveIntrinsics(v, template, env);
  if (Array.isArray(value)) return value.map(go);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const arg = o[key];
    if (key === 'Ref') {
      const ref = arg as string;
      if (ref === 'AWS::AccountId') return env.account;
      if (ref === 'AWS::Region') return env.region;
      if (ref === 'AWS::Partition') return 'aws';
      if (ref === 'AWS::URLSuffix') return 'amazonaws.com';
      const name = env.names[ref];
      if (name === undefined) throw new Error(`no physical name for Ref ${ref}`);
      return name;
    }
    if (key === 'Fn::GetAtt') {
      const [logicalId, attr] = arg as [string, string];
      const resource = template.Resources[logicalId];
      const name = env.names[logicalId];
      if (!resource || name === undefined) throw new Error(`cannot resolve GetAtt ${logicalId}`);
      if (attr === 'Arn') return arnOf(resource.Type, name, env);
      if (attr === 'Id') return name;
      throw new Error(`no rule for GetAtt ${logicalId}.${attr}`);
    }
    if (key === 'Fn::Join') {
      const [sep, parts] = arg as [string, unknown[]];
      return parts.map((p) => String(go(p))).join(sep);
    }
    if (key.startsWith('Fn::')) throw new Error(`unsupported intrinsic ${key}`);
  }
  return Object.fromEntries(keys.map((k) => [k, go(o[k])]));
}

/** Logical ids of resources of one type. */
export function logicalIdsOf(template: CfnTemplate, type: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id]) => id);
}
