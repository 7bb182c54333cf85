// Evaluates the synthesized browser role's policies with an IAM policy simulator.
// runSimulation validates each request (real action, ARN of the right resource type, policy
// grammar) but drops context keys that AWS's metadata does not list for the action, and the
// cognito-identity.amazonaws.com keys are not listed. So the decision comes from
// runUnsafeSimulation with the full context, after the same request passed validation.
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { logicalIdsOf, resolveIntrinsics, type Environment } from './resolve.ts';
import type { CfnTemplate } from './synth.ts';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface PolicyDoc {
  Version: string;
  Statement: Record<string, unknown>[];
}

/** Identity policies attached to a role (by Ref or by literal name) in the given templates. */
export function rolePolicies(
  sources: { template: CfnTemplate; env: Environment }[],
  roleName: string,
): { name: string; policy: PolicyDoc }[] {
  const found: { name: string; policy: PolicyDoc }[] = [];
  for (const { template, env } of sources) {
    const roleIds = logicalIdsOf(template, 'AWS::IAM::Role').filter((id) => env.names[id] === roleName);
    for (const [id, r] of Object.entries(template.Resources)) {
      if (r.Type !== 'AWS::IAM::Policy') continue;
      const roles = (r.Properties?.Roles ?? []) as unknown[];
      const attached = roles.some(
        (x) => x === roleName || (typeof x === 'object' && x !== null && roleIds.includes((x as { Ref?: string }).Ref ?? '')),
      );
      if (attached) {
        found.push({ name: id, policy: resolveIntrinsics(r.Properties?.PolicyDocument, template, env) as PolicyDoc });
      }
    }
    for (const id of roleIds) {
      const inline = (template.Resources[id]?.Properties?.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[];
      for (const p of inline) {
        found.push({ name: p.PolicyName, policy: resolveIntrinsics(p.PolicyDocument, template, env) as PolicyDoc });
      }
    }
  }
  return found;
}

export interface Request {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

export class RoleSimulator {
  constructor(
    private readonly policies: { name: string; policy: PolicyDoc }[],
    private readonly principal: string,
    private readonly account: string,
  ) {}

  async decide(req: Request, identityId: string): Promise<Decision> {
    const simulation: Simulation = {
      identityPolicies: this.policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        principal: this.principal,
        action: req.action,
        resource: { resource: req.resource, accountId: this.account },
        contextVariables: {
          'cognito-identity.amazonaws.com:sub': identityId,
          'aws:SecureTransport': 'true',
          ...req.context,
        },
      },
    };
    const validated = await runSimulation(simulation, {});
    if (validated.resultType === 'error') {
      throw new Error(`simulator rejected ${req.action} on ${req.resource}: ${JSON.stringify(validated.errors)}`);
    }
    return runUnsafeSimulation(simulation, {}) as Decision;
  }
}
