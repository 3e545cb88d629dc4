// A change set as people read it: one row per resource change (Add, Modify, Remove), replacements marked, in the
// order the console lists them. Shared by the terminal table and the editor's preview.
import type { Change } from '@aws-sdk/client-cloudformation';

/** One resource change. */
export interface ResourceChangeRow {
  action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  /** CloudFormation's Replacement for a Modify: True, False or Conditional; N/A otherwise. */
  replacement: 'True' | 'False' | 'Conditional' | 'N/A';
  /** The properties whose change causes the modification (from Details), for the preview. */
  changedProperties: string[];
  /** One entry per property change (DescribeChangeSet's Details), for the preview's details. */
  details: PropertyChangeDetail[];
}

/** Why one property of a modified resource changes, and whether that replaces the resource. */
export interface PropertyChangeDetail {
  /** The property name (or path / attribute when CloudFormation gives no name). */
  property: string;
  /** Always, Conditionally or Never. */
  requiresRecreation: string;
  /** What caused it: "edited in the template", "parameter Stage", "resource UsersTable (Arn)"... */
  cause: string;
  /** Dynamic: CloudFormation decides during the deployment (a value not known yet). */
  evaluation: 'Static' | 'Dynamic';
}

/** A created change set, ready to show and execute. */
export interface ChangeSetSummary {
  stackName: string;
  stackId?: string;
  changeSetId: string;
  changeSetType: 'CREATE' | 'UPDATE';
  changes: ResourceChangeRow[];
  /** CloudFormation found nothing to change ("No changes to deploy"). */
  empty: boolean;
}

/** Rows from DescribeChangeSet's Changes. */
export function changeRows(changes: readonly Change[]): ResourceChangeRow[] {
  const rows: ResourceChangeRow[] = [];
  for (const change of changes) {
    const resource = change.ResourceChange;
    if (!resource?.LogicalResourceId) continue;
    const action = (resource.Action ?? 'Dynamic') as ResourceChangeRow['action'];
    const replacement =
      action === 'Modify' && resource.Replacement ? (resource.Replacement as ResourceChangeRow['replacement']) : 'N/A';
    const changedProperties = [
      ...new Set(
        (resource.Details ?? [])
          .map((detail) => detail.Target?.Name ?? detail.Target?.Path ?? detail.Target?.Attribute)
          .filter((name): name is string => Boolean(name)),
      ),
    ];
    const details = (resource.Details ?? []).map((detail): PropertyChangeDetail => {
      const target = detail.Target;
      return {
        property: target?.Name ?? target?.Path ?? target?.Attribute ?? '?',
        requiresRecreation: target?.RequiresRecreation ?? 'Never',
        cause: describeChangeSource(detail.ChangeSource, detail.CausingEntity),
        evaluation: detail.Evaluation === 'Dynamic' ? 'Dynamic' : 'Static',
      };
    });
    rows.push({
      action,
      logicalId: resource.LogicalResourceId,
      ...(resource.PhysicalResourceId ? { physicalId: resource.PhysicalResourceId } : {}),
      resourceType: resource.ResourceType ?? '',
      replacement,
      changedProperties,
      details,
    });
  }
  return rows;
}

/** ChangeSource + CausingEntity as a person says it. */
function describeChangeSource(source: string | undefined, entity: string | undefined): string {
  switch (source) {
    case 'DirectModification':
      return 'edited in the template';
    case 'ParameterReference':
      return `parameter ${entity ?? '?'}`;
    case 'ResourceReference':
      return `Ref to ${entity ?? 'a resource'} (its physical ID may change)`;
    case 'ResourceAttribute':
      return `GetAtt ${entity ?? 'an attribute'} (may change)`;
    case 'Automatic':
      return 'nested stack updated automatically';
    default:
      return source ? `${source}${entity ? ` ${entity}` : ''}` : 'changed';
  }
}

/** Counts by action, for one-line summaries ("3 to add, 1 to modify (1 replaced), 0 to remove"). */
export function describeChangeCounts(rows: readonly ResourceChangeRow[]): string {
  const count = (action: ResourceChangeRow['action']) => rows.filter((row) => row.action === action).length;
  const replaced = rows.filter((row) => row.replacement === 'True' || row.replacement === 'Conditional').length;
  return `${count('Add')} to add, ${count('Modify')} to modify${replaced ? ` (${replaced} replaced)` : ''}, ${count('Remove')} to remove`;
}

/** The terminal table SAM CLI prints: Operation, LogicalResourceId, ResourceType, Replacement. */
export function formatChangeTable(rows: readonly ResourceChangeRow[]): string {
  const header = ['Operation', 'LogicalResourceId', 'ResourceType', 'Replacement'];
  const operations: Record<ResourceChangeRow['action'], string> = {
    Add: '+ Add',
    Modify: '* Modify',
    Remove: '- Delete',
    Import: '> Import',
    Dynamic: '? Dynamic',
  };
  const body = rows.map((row) => [operations[row.action], row.logicalId, row.resourceType, row.replacement]);
  return formatTable(header, body);
}

/** A plain text table with a rule under the header. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((sum, width) => sum + width + 2, -2));
  return [rule, line(header), rule, ...rows.map(line), rule].join('\n');
}
