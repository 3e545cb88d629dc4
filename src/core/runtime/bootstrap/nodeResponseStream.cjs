// Lambda response streaming in the local Node.js runtime, as Lambda's runtime interface client offers it:
// `awslambda.streamifyResponse(handler)` marks a handler that writes its answer to a stream
// (`handler(event, responseStream, context)`), and `awslambda.HttpResponseStream.from(stream, metadata)` starts
// the answer with the prelude a function URL reads (the metadata as JSON, then 8 NUL bytes). The local runtime
// collects what the handler writes and answers it in one piece (Invoke, InvokeWithResponseStream, function URLs).
'use strict';

const { Writable } = require('node:stream');

const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const STREAM_RESPONSE = 'response';
const PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';

/** Defines the `awslambda` global handlers reach for. */
function installResponseStreaming() {
  globalThis.awslambda = {
    streamifyResponse(handler) {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      return handler;
    },
    HttpResponseStream: {
      from(stream, prelude) {
        stream.setContentType(PRELUDE_CONTENT_TYPE);
        stream.write(JSON.stringify(prelude ?? {}));
        stream.write(new Uint8Array(8));
        return stream;
      },
    },
  };
}

function isStreamingHandler(handler) {
  return typeof handler === 'function' && handler[HANDLER_STREAMING] === STREAM_RESPONSE;
}

/** A response stream that collects the handler's writes; `done(error, text)` once, when it ends or fails. */
function collectingStream(done) {
  const chunks = [];
  let settled = false;
  const settle = (error, text) => {
    if (settled) return;
    settled = true;
    done(error, text);
  };
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  stream.setContentType = (contentType) => {
    stream.contentType = contentType;
  };
  stream.on('finish', () => settle(null, Buffer.concat(chunks).toString('utf8')));
  stream.on('error', (error) => settle(error));
  return stream;
}

/**
 * Runs a streaming handler: the invocation completes when the stream ends (the handler's promise settling ends
 * it if the handler did not), or fails with the handler's error.
 */
function runStreamingHandler(handler, event, context, complete) {
  const stream = collectingStream((error, text) => (error ? complete(error) : complete(null, text)));
  let returned;
  try {
    returned = handler(event, stream, context);
  } catch (error) {
    complete(error);
    return;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then(
      () => {
        if (!stream.writableEnded) stream.end();
      },
      (error) => complete(error ?? 'handled'),
    );
  }
}

module.exports = { installResponseStreaming, isStreamingHandler, runStreamingHandler };
