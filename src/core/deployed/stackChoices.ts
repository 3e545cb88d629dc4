// The stacks a palette command offers to act on: what ListStacks gives, as quick pick rows (name, status, age,
// which stack a nested one belongs to), top-level stacks first since they are the ones people deploy.
import { formatAge } from './displayFormats';
import { readableStatus } from './stackStatus';

/** The ListStacks summary fields the choices read. */
export interface StackSummaryLike {
  StackName?: string | undefined;
  StackStatus?: string | undefined;
  LastUpdatedTime?: Date | undefined;
  CreationTime?: Date | undefined;
  TemplateDescription?: string | undefined;
  ParentId?: string | undefined;
}

export interface StackChoice {
  stackName: string;
  /** `update complete · 5 min ago` */
  description: string;
  /** `nested in orders · Orders API`, when there is something to say. */
  detail: string | undefined;
  nested: boolean;
}

/** `arn:aws:cloudformation:us-east-1:123456789012:stack/orders/guid` -> `orders` (the ID itself otherwise). */
export function stackNameOfId(stackId: string): string {
  return /:stack\/([^/]+)\//.exec(stackId)?.[1] ?? stackId;
}

export function stackChoices(summaries: readonly StackSummaryLike[], now: number = Date.now()): StackChoice[] {
  return summaries
    .filter((summary): summary is StackSummaryLike & { StackName: string } => Boolean(summary.StackName))
    .map((summary) => {
      const updated = summary.LastUpdatedTime ?? summary.CreationTime;
      const detail = [
        summary.ParentId && `nested in ${stackNameOfId(summary.ParentId)}`,
        summary.TemplateDescription?.trim(),
      ].filter(Boolean);
      return {
        stackName: summary.StackName,
        description: [readableStatus(summary.StackStatus ?? 'UNKNOWN'), updated && formatAge(updated, now)]
          .filter(Boolean)
          .join(' · '),
        detail: detail.length > 0 ? detail.join(' · ') : undefined,
        nested: Boolean(summary.ParentId),
      };
    })
    .sort((a, b) => Number(a.nested) - Number(b.nested) || a.stackName.localeCompare(b.stackName));
}
