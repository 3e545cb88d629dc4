"""One Lambda execution environment for Python, run by Serverless Workbench's runtime pool (src/core/runtime).

Loads the handler as Lambda's Python runtime interface client (awslambdaric) does, then serves invocations sent as
JSON lines on file descriptor 3, answering on the same pipe (see ../workerProtocol.ts). Standard library only.
"""

import decimal
import importlib
import io
import json
import logging
import os
import resource
import sys
import time
import traceback

OUTPUT_END_MARKER = "\u0000swb-end\u0000"
DEBUG_PORT_VARIABLE = "SERVERLESS_WORKBENCH_DEBUG_PORT"

_channel_in = os.fdopen(3, "rb", buffering=0)
_current_request_id = None


def send(message):
    data = (json.dumps(message) + "\n").encode("utf-8")
    while data:
        written = os.write(3, data)
        data = data[written:]


def interpreter_version():
    return "%d.%d.%d" % sys.version_info[:3]


class LambdaLoggerHandler(logging.Handler):
    """Formats records as Lambda does: `[LEVEL]\\t<time>Z\\t<requestId>\\t<message>`, one log event each."""

    def __init__(self):
        super().__init__()
        self.setFormatter(
            logging.Formatter(
                "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                "%Y-%m-%dT%H:%M:%S",
            )
        )
        self.formatter.converter = time.gmtime

    def emit(self, record):
        try:
            record.aws_request_id = _current_request_id
            send({"type": "log", "timestamp": int(time.time() * 1000), "message": self.format(record)})
        except Exception:  # noqa: BLE001 - a logging failure must never break the function
            self.handleError(record)


class ChannelWriter(io.TextIOBase):
    """sys.stdout/sys.stderr for the function: writes travel on the protocol pipe, in order with log records."""

    def __init__(self, name, fd):
        super().__init__()
        self._name = name
        self._fd = fd

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def write(self, text):
        if text:
            send({"type": "output", "stream": self._name, "text": str(text)})
        return len(text)

    def fileno(self):
        # Libraries asking for the descriptor (faulthandler, subprocess) get the real one, which the pool reads too.
        return self._fd

    def isatty(self):
        return False


class FaultException(Exception):
    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace or []


def load_handler(handler):
    """Mirrors awslambdaric's _get_handler, with its error types and messages."""
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as error:
        raise FaultException("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, error))
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                "Runtime.BuiltInModuleConflict",
                "Cannot use built-in module %s as a handler module" % module_name,
            )
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as error:
        raise FaultException(
            "Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error)
        )
    except SyntaxError as error:
        trace = ['  File "%s" Line %s\n    %s' % (error.filename, error.lineno, error.text)]
        raise FaultException(
            "Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error), trace
        )
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise FaultException(
            "Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name)
        )


class CognitoIdentity:
    def __init__(self, data):
        self.cognito_identity_id = data.get("cognitoIdentityId")
        self.cognito_identity_pool_id = data.get("cognitoIdentityPoolId")


class Client:
    def __init__(self, data):
        self.installation_id = data.get("installation_id")
        self.app_title = data.get("app_title")
        self.app_version_name = data.get("app_version_name")
        self.app_version_code = data.get("app_version_code")
        self.app_package_name = data.get("app_package_name")


class ClientContext:
    def __init__(self, data):
        self.client = Client(data["client"]) if isinstance(data.get("client"), dict) else None
        self.custom = data.get("custom")
        self.env = data.get("env")


class LambdaContext:
    def __init__(self, message):
        self.aws_request_id = message["requestId"]
        self.invoked_function_arn = message["invokedFunctionArn"]
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline_ms = message["deadlineMs"]
        self.identity = CognitoIdentity(_parse_object(message.get("cognitoIdentity")))
        client_context = _parse_object(message.get("clientContext"))
        self.client_context = ClientContext(client_context) if client_context else None

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))

    def log(self, message):
        sys.stdout.write(str(message))


def _parse_object(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
        return value if isinstance(value, dict) else {}
    except ValueError:
        return {}


class _DecimalEncoder(json.JSONEncoder):
    """The runtime serialises Decimal (as boto3's DynamoDB types use) as numbers."""

    def default(self, value):
        if isinstance(value, decimal.Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return super().default(value)


def error_payload(error_type, message, request_id, stack_trace):
    return json.dumps(
        {"errorMessage": message, "errorType": error_type, "requestId": request_id, "stackTrace": stack_trace}
    )


def error_log_message(error_type, message, stack_trace):
    # awslambdaric logs `[ERROR] Type: message` then the traceback, as one event.
    lines = ["[ERROR] %s: %s" % (error_type, message), "Traceback (most recent call last):"]
    lines.extend(frame.rstrip("\n") for frame in stack_trace)
    return "\n".join(lines)


def finish(request_id, payload, error_type=None):
    marker = OUTPUT_END_MARKER.encode("utf-8")
    os.write(1, marker)
    os.write(2, marker)
    message = {
        "type": "result",
        "requestId": request_id,
        "payload": payload,
        "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    if error_type:
        message["errorType"] = error_type
    send(message)


def log_event(text):
    send({"type": "log", "timestamp": int(time.time() * 1000), "message": text})


def run_invocation(handler, message):
    global _current_request_id
    request_id = message["requestId"]
    _current_request_id = request_id
    os.environ["_X_AMZN_TRACE_ID"] = message.get("traceId", "")
    try:
        event = json.loads(message["payload"])
        result = handler(event, LambdaContext(message))
    except Exception as error:  # noqa: BLE001 - every user error becomes the invocation's error payload
        error_type = type(error).__name__
        stack_trace = traceback.format_list(traceback.extract_tb(error.__traceback__)[1:])
        log_event(error_log_message(error_type, str(error), stack_trace))
        finish(request_id, error_payload(error_type, str(error), request_id, stack_trace), error_type)
        return
    try:
        payload = json.dumps(result, cls=_DecimalEncoder)
    except (TypeError, ValueError) as error:
        message_text = "Unable to marshal response: %s" % error
        log_event(error_log_message("Runtime.MarshalError", message_text, []))
        finish(request_id, error_payload("Runtime.MarshalError", message_text, request_id, []), "Runtime.MarshalError")
        return
    finish(request_id, payload)


def start_debugger():
    port = os.environ.pop(DEBUG_PORT_VARIABLE, None)
    if port is None:
        return True
    try:
        import debugpy  # noqa: PLC0415 - optional: only when debugging
    except ImportError:
        send({"type": "debugUnavailable", "message": "debugpy is not installed for %s" % sys.executable})
        return False
    _host, bound_port = debugpy.listen(("127.0.0.1", int(port)))
    send({"type": "debugListening", "port": bound_port})
    debugpy.wait_for_client()
    return True


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    # Python put this bootstrap's folder first on the path; the function's code belongs there instead.
    if sys.path and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
        sys.path.pop(0)
    sys.path.insert(0, task_root)
    sys.stdout = ChannelWriter("stdout", 1)
    sys.stderr = ChannelWriter("stderr", 2)
    root_logger = logging.getLogger()
    for existing in list(root_logger.handlers):
        root_logger.removeHandler(existing)
    root_logger.addHandler(LambdaLoggerHandler())
    if not start_debugger():
        return
    try:
        handler = load_handler(os.environ.get("_HANDLER", ""))
    except FaultException as fault:
        send(
            {
                "type": "initError",
                "errorType": fault.error_type,
                "payload": error_payload(fault.error_type, fault.message, "", fault.trace),
                "logMessage": error_log_message(fault.error_type, fault.message, fault.trace),
                "interpreterVersion": interpreter_version(),
            }
        )
        return
    except Exception as error:  # noqa: BLE001 - top-level code of the module failed
        error_type = type(error).__name__
        stack_trace = traceback.format_list(traceback.extract_tb(error.__traceback__))
        send(
            {
                "type": "initError",
                "errorType": error_type,
                "payload": error_payload(error_type, str(error), "", stack_trace),
                "logMessage": error_log_message(error_type, str(error), stack_trace),
                "interpreterVersion": interpreter_version(),
            }
        )
        return
    send({"type": "ready", "interpreterVersion": interpreter_version()})
    buffered = b""
    while True:
        chunk = _channel_in.read(65536)
        if not chunk:
            return
        buffered += chunk
        while b"\n" in buffered:
            line, buffered = buffered.split(b"\n", 1)
            if line:
                message = json.loads(line)
                if message.get("type") == "invoke":
                    run_invocation(handler, message)


if __name__ == "__main__":
    main()
