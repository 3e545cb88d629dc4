// S3's restXml wire shape: XML documents, `<Error><Code>` errors, request ids in x-amz-request-id.
import type { ServerResponse } from 'node:http';
import type { AwsError } from './awsError';
import { xmlElement } from './xmlShapes';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Sends an XML document with S3's standard headers. */
export function sendXml(response: ServerResponse, requestId: string, status: number, xml: string): void {
  const text = XML_DECLARATION + xml;
  response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(text),
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
  });
  response.end(text);
}

/** Sends an S3 error document; HEAD answers carry no body, so clients see only the status. */
export function sendXmlError(response: ServerResponse, requestId: string, error: AwsError, isHead: boolean): void {
  if (isHead) {
    response.writeHead(error.status, { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId });
    response.end();
    return;
  }
  const extra = Object.entries(error.fields)
    .map(([name, value]) => xmlElement(name, value))
    .join('');
  sendXml(
    response,
    requestId,
    error.status,
    `<Error>${xmlElement('Code', error.code)}${xmlElement('Message', error.message)}${extra}${xmlElement('RequestId', requestId)}${xmlElement('HostId', requestId)}</Error>`,
  );
}
