"""The fidelity scenario through boto3: prints one JSON report that test/localcloud/boto3Fidelity.test.ts checks.

Errors are caught as client.exceptions.<Name>, so a wrong wire shape shows up as an unexpected exception.
Usage: python3 boto3Scenario.py ENDPOINT ZIP_V1 ZIP_V2 WEIGHT
"""
import base64
import json
import sys

import boto3
from botocore.config import Config


def main() -> None:
    endpoint, zip_v1, zip_v2, weight = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    settings = dict(
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}),
    )
    lam = boto3.client("lambda", **settings)
    logs = boto3.client("logs", **settings)
    s3 = boto3.client("s3", **settings)
    report = {}

    with open(zip_v1, "rb") as handle:
        lam.create_function(
            FunctionName="fidelity",
            Runtime="nodejs20.x",
            Role="arn:aws:iam::123456789012:role/r",
            Handler="index.handler",
            Code={"ZipFile": handle.read()},
        )
    first = lam.invoke(FunctionName="fidelity", Payload=b'{"marker":"boto3-first"}', LogType="Tail")
    report["firstPayload"] = json.loads(first["Payload"].read())
    report["firstStatus"] = first["StatusCode"]
    report["logTail"] = base64.b64decode(first["LogResult"]).decode()

    report["v1"] = lam.publish_version(FunctionName="fidelity")["Version"]
    with open(zip_v2, "rb") as handle:
        lam.update_function_code(FunctionName="fidelity", ZipFile=handle.read())
    report["v2"] = lam.publish_version(FunctionName="fidelity")["Version"]
    lam.create_alias(
        FunctionName="fidelity", Name="live", FunctionVersion="1", RoutingConfig={"AdditionalVersionWeights": {"2": weight}}
    )
    executed = {}
    for _ in range(300):
        result = lam.invoke(FunctionName="fidelity", Qualifier="live", Payload=b'{"marker":"routing"}')
        body = json.loads(result["Payload"].read())
        assert body["version"] == result["ExecutedVersion"], (body, result["ExecutedVersion"])
        executed[result["ExecutedVersion"]] = executed.get(result["ExecutedVersion"], 0) + 1
    report["executed"] = executed

    events = logs.filter_log_events(logGroupName="/aws/lambda/fidelity", filterPattern='"marker=boto3-first"')["events"]
    report["filtered"] = [event["message"] for event in events]

    s3.create_bucket(Bucket="fidelity-boto3")
    s3.put_object(Bucket="fidelity-boto3", Key="dir/data.bin", Body=b"\x00\x01boto3")
    report["s3RoundTrip"] = base64.b64encode(s3.get_object(Bucket="fidelity-boto3", Key="dir/data.bin")["Body"].read()).decode()

    # StartLiveTail came with botocore 1.34; it prefixes the host with `stream-` unless told not to.
    if hasattr(logs, "start_live_tail"):
        tail_client = boto3.client("logs", **{**settings, "config": settings["config"].merge(Config(inject_host_prefix=False))})
        session = tail_client.start_live_tail(logGroupIdentifiers=["/aws/lambda/fidelity"], logEventFilterPattern="boto3-live")
        stream = iter(session["responseStream"])
        first = next(stream)
        report["liveTailFirst"] = list(first.keys())
        lam.invoke(FunctionName="fidelity", Payload=b'{"marker":"boto3-live"}')
        for event in stream:
            results = event.get("sessionUpdate", {}).get("sessionResults", [])
            if results:
                report["liveTail"] = results[0]["message"]
                break
        session["responseStream"].close()
    else:
        report["liveTail"] = "unavailable"

    errors = {}
    try:
        lam.get_function(FunctionName="missing-function")
    except lam.exceptions.ResourceNotFoundException:
        errors["missingFunction"] = "ResourceNotFoundException"
    try:
        logs.filter_log_events(logGroupName="/missing/group")
    except logs.exceptions.ResourceNotFoundException:
        errors["missingLogGroup"] = "ResourceNotFoundException"
    try:
        s3.get_object(Bucket="fidelity-boto3", Key="missing-key")
    except s3.exceptions.NoSuchKey:
        errors["missingKey"] = "NoSuchKey"
    try:
        lam.update_alias(FunctionName="fidelity", Name="live", RoutingConfig={"AdditionalVersionWeights": {"2": 1.0}})
    except lam.exceptions.InvalidParameterValueException:
        errors["invalidWeight"] = "InvalidParameterValueException"
    report["errors"] = errors
    report["boto3"] = boto3.__version__
    print(json.dumps(report))


if __name__ == "__main__":
    main()
