# An AWS_IAM function URL called with requests botocore signs (SigV4, service lambda), as awscurl and the SDKs'
# signers do (argv[1]: the URL, argv[2]: its region). Prints the checks it ran; exits non-zero on a mismatch.
import json
import sys
import urllib.error
import urllib.request

import botocore.session
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest

URL, REGION = sys.argv[1], sys.argv[2]
credentials = botocore.session.get_session().get_credentials()
ran = []


def call(request):
    prepared = request.prepare()
    try:
        with urllib.request.urlopen(
            urllib.request.Request(prepared.url, data=prepared.body, headers=dict(prepared.headers), method=prepared.method)
        ) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def signed(url, region=REGION, service="lambda", body=None, auth=SigV4Auth):
    request = AWSRequest(method="POST" if body else "GET", url=url, data=body, headers={"Content-Type": "application/json"})
    auth(credentials, service, region).add_auth(request)
    return request


status, event = call(signed(URL + "signed/path?x=1", body=b'{"hello": "iam"}'))
assert status == 201, (status, event)
assert event["requestContext"]["authorizer"]["iam"]["accessKey"] == credentials.access_key, event
assert event["requestContext"]["accountId"] == "123456789012", event
assert (event["rawPath"], event["body"], event["isBase64Encoded"]) == ("/signed/path", '{"hello": "iam"}', False), event
ran.append("signed header")

status, event = call(signed(URL + "presigned", auth=SigV4QueryAuth))
assert status == 201 and event["rawPath"] == "/presigned", (status, event)
ran.append("presigned query")

status, answer = call(AWSRequest(method="GET", url=URL))
assert (status, answer) == (403, {"Message": "Forbidden"}), (status, answer)
ran.append("unsigned refused")

status, answer = call(signed(URL, region="eu-west-1"))
assert (status, answer) == (403, {"Message": "Credential should be scoped to a valid region. "}), (status, answer)
status, answer = call(signed(URL, service="s3"))
assert (status, answer) == (403, {"Message": "Credential should be scoped to correct service: 'lambda'. "}), answer
ran.append("scope refused")

print(json.dumps(ran))
