"""CloudWatch Logs breadth through boto3: prints one JSON report that logsBreadthFidelity.test.ts checks.

Usage: python3 logsBreadthScenario.py ENDPOINT
"""
import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main() -> None:
    endpoint = sys.argv[1]
    logs = boto3.client(
        "logs",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}, inject_host_prefix=False),
    )
    report = {"errors": {}}

    def error(name, call):
        try:
            call()
            report["errors"][name] = "no error"
        except ClientError as caught:
            report["errors"][name] = caught.response["Error"]["Code"] + ": " + caught.response["Error"]["Message"]

    group = "/boto3/app"
    logs.create_log_group(logGroupName=group, tags={"team": "a"})
    logs.create_log_stream(logGroupName=group, logStreamName="s")
    now = int(time.time() * 1000)
    put = logs.put_log_events(
        logGroupName=group,
        logStreamName="s",
        logEvents=[
            {"timestamp": now - 2000, "message": "REPORT RequestId: r1\tDuration: 12.5 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t"},
            {"timestamp": now - 1000, "message": json.dumps({"level": "ERROR", "user": "ann"})},
        ],
    )
    report["sequenceTokenLength"] = len(put["nextSequenceToken"])

    logs.put_retention_policy(logGroupName=group, retentionInDays=30)
    report["retention"] = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0].get("retentionInDays")
    error("badRetention", lambda: logs.put_retention_policy(logGroupName=group, retentionInDays=4))

    logs.tag_log_group(logGroupName=group, tags={"env": "dev"})
    report["legacyTags"] = logs.list_tags_log_group(logGroupName=group)["tags"]

    logs.put_metric_filter(
        logGroupName=group,
        filterName="errors",
        filterPattern='{ $.level = "ERROR" }',
        metricTransformations=[{"metricName": "Errors", "metricNamespace": "App", "metricValue": "1"}],
    )
    report["metricFilters"] = [f["filterName"] for f in logs.describe_metric_filters(logGroupName=group)["metricFilters"]]
    report["testMetricFilter"] = logs.test_metric_filter(filterPattern="[a, b]", logEventMessages=["x y", "x"])["matches"]
    error("subscriptionToMissingFunction", lambda: logs.put_subscription_filter(
        logGroupName=group, filterName="f", filterPattern="", destinationArn="arn:aws:lambda:us-east-1:123456789012:function:none"))

    seconds = now // 1000
    query_id = logs.start_query(
        logGroupName=group,
        startTime=seconds - 60,
        endTime=seconds + 60,
        queryString="filter @type = 'REPORT' | stats max(@duration) as slowest, max(@maxMemoryUsed / 1000000) as mb",
    )["queryId"]
    results = logs.get_query_results(queryId=query_id)
    report["queryStatus"] = results["status"]
    report["queryRows"] = [{f["field"]: f["value"] for f in row} for row in results["results"]]
    fields_query = logs.start_query(
        logGroupName=group, startTime=seconds - 60, endTime=seconds + 60, queryString="fields user | filter ispresent(user)")
    report["fieldRows"] = [sorted(f["field"] for f in row) for row in logs.get_query_results(queryId=fields_query["queryId"])["results"]]
    error("malformedQuery", lambda: logs.start_query(logGroupName=group, startTime=0, endTime=1, queryString="stats count("))
    try:
        logs.start_query(logGroupName=group, startTime=0, endTime=1, queryString="fields a | sort | limit 1")
    except logs.exceptions.MalformedQueryException as caught:
        report["queryCompileError"] = caught.response.get("queryCompileError")

    definition = logs.put_query_definition(name="errors", queryString="filter level = 'ERROR'", logGroupNames=[group])
    report["definitions"] = [d["name"] for d in logs.describe_query_definitions()["queryDefinitions"]]
    report["definitionDeleted"] = logs.delete_query_definition(queryDefinitionId=definition["queryDefinitionId"])["success"]

    destination = logs.put_destination(
        destinationName="dest", targetArn="arn:aws:kinesis:us-east-1:123456789012:stream/s", roleArn="arn:aws:iam::123456789012:role/r")
    report["destinationArn"] = destination["destination"]["arn"]
    error("missingDestination", lambda: logs.delete_destination(destinationName="nope"))

    account = logs.put_account_policy(
        policyName="dp", policyType="DATA_PROTECTION_POLICY", policyDocument=json.dumps({"Name": "dp", "Version": "2021-06-01", "Statement": []}))
    report["accountPolicyAccount"] = account["accountPolicy"]["accountId"]
    detector = logs.create_log_anomaly_detector(logGroupArnList=[f"arn:aws:logs:us-east-1:123456789012:log-group:{group}"], detectorName="d")
    report["detectors"] = [d["detectorName"] for d in logs.list_log_anomaly_detectors()["anomalyDetectors"]]
    logs.delete_log_anomaly_detector(anomalyDetectorArn=detector["anomalyDetectorArn"])
    print(json.dumps(report))


if __name__ == "__main__":
    main()
