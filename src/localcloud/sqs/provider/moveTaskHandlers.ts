// Message move tasks (dead-letter queue redrive): StartMessageMoveTask moves every message of a dead-letter queue
// back to the queue it came from (or to DestinationArn) at once, so the task is COMPLETED when it is listed.
import { randomUUID } from 'node:crypto';
import type { ListMessageMoveTasksResultEntry, SqsOperations } from '../../models/generated/sqs';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { redrivePolicyOf } from '../queueAttributes';
import { invalidParameter } from './parameterErrors';
import { nowOf, queueByArn, type SqsProviderContext } from './sqsProviderContext';

interface MoveTask extends ListMessageMoveTasksResultEntry {
  taskId: string;
}

export function moveTaskHandlers(state: SqsProviderContext): ServiceProvider<SqsOperations> {
  return {
    StartMessageMoveTask: (input, context) => {
      const source = queueByArn(state, input.SourceArn, context.accountId);
      if (!source) {
        throw new AwsError(
          'ResourceNotFoundException',
          "The resource that you specified for the SourceArn parameter doesn't exist.",
        );
      }
      const isDeadLetterQueue = state.regions
        .get(source.record.region)
        .list()
        .some((queue) => redrivePolicyOf(queue.record.attributes)?.deadLetterTargetArn === source.arn);
      if (!isDeadLetterQueue) {
        throw invalidParameter('SourceArn', input.SourceArn, 'Source queue must be configured as a Dead Letter Queue.');
      }
      const destination =
        input.DestinationArn === undefined ? undefined : queueByArn(state, input.DestinationArn, context.accountId);
      if (input.DestinationArn !== undefined && !destination) {
        throw new AwsError(
          'ResourceNotFoundException',
          "The resource that you specified for the DestinationArn parameter doesn't exist.",
        );
      }
      const now = nowOf(state);
      let moved = 0;
      for (const message of [...source.record.messages]) {
        const target =
          destination ??
          (message.deadLetterSourceArn ? queueByArn(state, message.deadLetterSourceArn, context.accountId) : undefined);
        if (!target) continue;
        source.remove(message.messageId);
        target.sendMoved(message, now);
        moved++;
      }
      const taskId = randomUUID();
      const task: MoveTask = {
        taskId,
        Status: 'COMPLETED',
        SourceArn: source.arn,
        ...(input.DestinationArn !== undefined ? { DestinationArn: input.DestinationArn } : {}),
        ...(input.MaxNumberOfMessagesPerSecond !== undefined
          ? { MaxNumberOfMessagesPerSecond: input.MaxNumberOfMessagesPerSecond }
          : {}),
        ApproximateNumberOfMessagesMoved: moved,
        ApproximateNumberOfMessagesToMove: moved,
        StartedTimestamp: now,
      };
      state.regions.get(source.record.region).resources.put('moveTasks', taskId, task);
      return { TaskHandle: Buffer.from(JSON.stringify({ taskId, sourceArn: source.arn })).toString('base64') };
    },

    ListMessageMoveTasks: (input, context) => {
      const source = queueByArn(state, input.SourceArn, context.accountId);
      if (!source) {
        throw new AwsError(
          'ResourceNotFoundException',
          "The resource that you specified for the SourceArn parameter doesn't exist.",
        );
      }
      const max = input.MaxResults ?? 1;
      if (max < 1 || max > 10)
        throw invalidParameter('MaxResults', max, "You must enter a number that's between 1 and 10.");
      const tasks = state.regions
        .get(source.record.region)
        .resources.list<MoveTask>('moveTasks')
        .filter((task) => task.SourceArn === source.arn)
        .reverse()
        .slice(0, max);
      return { Results: tasks.map(({ taskId: _taskId, ...entry }) => entry) };
    },

    CancelMessageMoveTask: (input) => {
      // Tasks complete as they start, so there is never one to cancel.
      throw new AwsError('ResourceNotFoundException', `Task does not exist: ${input.TaskHandle}`);
    },
  };
}
