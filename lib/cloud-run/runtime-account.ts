/**
 * Dedicated service accounts for the constructs that run containers (worker pools, jobs) and for the accounts that
 * call them (a schedule's invoker), with ids unique in their stack; the project they run in, read once per construct.
 * @internal
 */
import { Construct } from 'constructs';
import { serviceAccountIdFor } from '../platform/service-account';
import { isUnresolved, stackOf } from '../private/cdktf';
import { dataGoogleProject, ServiceAccount } from '../private/google';

/** The account ids the dedicated accounts of a stack use, by project, found in the construct tree (no module state). */
class AccountIds extends Construct {
  public static of(scope: Construct): AccountIds {
    const stack = stackOf(scope);
    return (stack.node.tryFindChild(AccountIds.ID) as AccountIds | undefined) ?? new AccountIds(stack, AccountIds.ID);
  }

  private static readonly ID = 'cdktf-gcp-serverless.DedicatedAccountIds';
  private readonly owners = new Map<string, string>();

  /** Claims `accountId` in `project` for the construct at `path`; false when another construct holds it. */
  public claim(project: string, accountId: string, path: string): boolean {
    const key = `${project}\n${accountId}`;
    const owner = this.owners.get(key);
    if (owner !== undefined && owner !== path) return false;
    this.owners.set(key, path);
    return true;
  }
}

/** What a dedicated account is for. */
export interface DedicatedAccountOptions {
  /** The workload's name (a worker pool or job name; a token falls back to the construct id). */
  readonly name: string;
  /** What ends the account id: `-wp`, `-job`, `-sch`. Each kind has its own, so kinds never share an id. */
  readonly suffix: string;
  readonly displayName: string;
  readonly project?: string;
  /** The construct id of the account under `scope`. */
  readonly id?: string;
}

/**
 * A service account of its own for `scope` (never a default account). Its id is `<name><suffix>`, cut with a hash
 * of the name past 30 characters; when another construct of the stack already uses that id in the same project (the
 * same name in another region, say), the construct path's hash makes it unique.
 */
export function dedicatedServiceAccount(scope: Construct, options: DedicatedAccountOptions): ServiceAccount {
  const name = isUnresolved(options.name) ? scope.node.id : options.name;
  const project = isUnresolved(options.project) ? scope.node.path : (options.project ?? '');
  const ids = AccountIds.of(scope);
  let accountId = serviceAccountIdFor(name, options.suffix);
  if (!ids.claim(project, accountId, scope.node.path)) {
    accountId = serviceAccountIdFor(name, options.suffix, scope.node.path);
    ids.claim(project, accountId, scope.node.path);
  }
  return new ServiceAccount(scope, options.id ?? 'ServiceAccount', {
    accountId,
    displayName: options.displayName,
    project: options.project,
  });
}

/** The project number of `project` (the provider's when undefined), read once per scope. */
export function projectNumber(scope: Construct, project: string | undefined): string {
  const existing = scope.node.tryFindChild('Project') as { number: string } | undefined;
  if (existing) return existing.number;
  return new (dataGoogleProject())(scope, 'Project', { projectId: project }).number;
}

/** The project id of `project` (the provider's when undefined, where a project IAM member needs one). */
export function projectIdOf(scope: Construct, project: string | undefined): string {
  projectNumber(scope, project);
  return (scope.node.findChild('Project') as unknown as { projectId: string }).projectId;
}
