// Events a function receives as a receipt rule action of Amazon SES, and as an action of an AWS IoT rule.
import type { IoTEvent, SESEvent } from 'aws-lambda';
import { regionalArn } from '../template/resolve/stackIdentity';
import { formatMailDate, randomHex, type EventContext } from './eventContext';

/** Options for an SES receipt rule event. */
export interface SesEventOptions {
  /** Default `sender@example.com`. */
  from?: string;
  /** Default `recipient@example.com`. */
  to?: string;
  subject?: string;
  functionName?: string;
}

/** Options for an IoT rule event: the payload a rule's SQL selects. */
export interface IotEventOptions {
  /** The selected payload. Default: a thermostat reading. */
  payload?: unknown;
  /** The MQTT topic, added as `topic` (as `SELECT *, topic() AS topic` does) when given. */
  topic?: string;
}

/** An email received by SES and passed to a Lambda receipt rule action (`SESEvent`). */
export function generateSesEvent(options: SesEventOptions, context: EventContext): SESEvent {
  const from = options.from ?? 'sender@example.com';
  const to = options.to ?? 'recipient@example.com';
  const subject = options.subject ?? 'Hello from SES';
  const messageId = randomHex(context, 32);
  const date = formatMailDate(context.now);
  const pass = { status: 'PASS' as const };
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: context.now.toISOString(),
            source: from,
            messageId,
            destination: [to],
            headersTruncated: false,
            headers: [
              { name: 'Return-Path', value: `<${from}>` },
              { name: 'From', value: from },
              { name: 'Date', value: date },
              { name: 'To', value: to },
              { name: 'Message-ID', value: `<${context.newUuid()}@example.com>` },
              { name: 'Subject', value: subject },
              { name: 'MIME-Version', value: '1.0' },
              { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
            ],
            commonHeaders: {
              returnPath: from,
              from: [from],
              date,
              to: [to],
              messageId: `<${context.newUuid()}@example.com>`,
              subject,
            },
          },
          receipt: {
            timestamp: context.now.toISOString(),
            processingTimeMillis: 574,
            recipients: [to],
            spamVerdict: pass,
            virusVerdict: pass,
            spfVerdict: pass,
            dkimVerdict: pass,
            dmarcVerdict: pass,
            dmarcPolicy: 'reject',
            action: {
              type: 'Lambda',
              functionArn: regionalArn(context, 'lambda', `function:${options.functionName ?? 'my-function'}`),
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}

/** The JSON an IoT rule passes to its Lambda action: whatever its SQL selects (`IoTEvent`). */
export function generateIotEvent(options: IotEventOptions, context: EventContext): IoTEvent<Record<string, unknown>> {
  const payload = options.payload ?? {
    deviceId: 'thermostat-1',
    temperature: 21.5,
    humidity: 48,
    timestamp: context.now.getTime(),
  };
  if (typeof payload === 'string' || typeof payload === 'number') return payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { value: payload };
  return options.topic === undefined
    ? (payload as Record<string, unknown>)
    : { ...(payload as Record<string, unknown>), topic: options.topic };
}
