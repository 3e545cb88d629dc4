# What the boto3 scenarios share: named checks run as they are declared, the error a call must fail with, and the
# closing report (the names of the checks that ran, as JSON, which the mocha test counts). A failed assertion
# stops the script with a non-zero exit and its traceback.
import json

from botocore.exceptions import ClientError

ran = []


def check(name):
    """Runs the decorated function at once and records its name."""

    def register(function):
        function()
        ran.append(name)
        return function

    return register


def failed_response(call, **kwargs):
    """The whole error response of a call that must fail (headers included)."""
    try:
        call(**kwargs)
    except ClientError as error:
        return error.response
    raise AssertionError(f"{getattr(call, '__name__', call)} succeeded")


def failure(call, **kwargs):
    """The error document and HTTP status of a call that must fail."""
    response = failed_response(call, **kwargs)
    return response["Error"], response["ResponseMetadata"]["HTTPStatusCode"]


def report():
    print(json.dumps(ran))
