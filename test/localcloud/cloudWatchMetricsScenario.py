# CloudWatch metrics through boto3 against the local cloud (argv[1]: endpoint): PutMetricData with values and
# counts, statistic sets and single values; GetMetricStatistics, GetMetricData (and its paginator), ListMetrics with
# dimension filters; CloudWatch's refusals; a CloudWatch Logs metric filter publishing from PutLogEvents.
# Prints the checks it ran; exits non-zero on the first mismatch.
import datetime
import json
import sys
import time

import boto3
from scenarioChecks import check, failure, report

ENDPOINT = sys.argv[1]
cloudwatch = boto3.client("cloudwatch", endpoint_url=ENDPOINT, region_name="us-east-1")
logs = boto3.client("logs", endpoint_url=ENDPOINT, region_name="us-east-1")
now = datetime.datetime.now(datetime.timezone.utc)
window = {"StartTime": now - datetime.timedelta(minutes=10), "EndTime": now + datetime.timedelta(minutes=2)}


@check("PutMetricData + GetMetricStatistics")
def statistics():
    service = [{"Name": "Service", "Value": "api"}]
    cloudwatch.put_metric_data(
        Namespace="Shop",
        MetricData=[
            {"MetricName": "Latency", "Dimensions": service, "Values": [10, 20, 30], "Counts": [1, 1, 2], "Unit": "Milliseconds", "Timestamp": now},
            {"MetricName": "Orders", "Dimensions": service, "StatisticValues": {"SampleCount": 4, "Sum": 12, "Minimum": 1, "Maximum": 6}, "Timestamp": now},
            {"MetricName": "Orders", "Dimensions": service, "Value": 3, "Timestamp": now},
        ],
    )
    answer = cloudwatch.get_metric_statistics(
        Namespace="Shop", MetricName="Latency", Dimensions=service, Period=60,
        Statistics=["SampleCount", "Sum", "Average", "Minimum", "Maximum"], **window,
    )
    assert answer["Label"] == "Latency" and len(answer["Datapoints"]) == 1, answer
    point = answer["Datapoints"][0]
    got = (point["SampleCount"], point["Sum"], point["Average"], point["Minimum"], point["Maximum"], point["Unit"])
    assert got == (4.0, 90.0, 22.5, 10.0, 30.0, "Milliseconds"), point
    orders = cloudwatch.get_metric_statistics(
        Namespace="Shop", MetricName="Orders", Dimensions=service, Period=300, Statistics=["Sum", "SampleCount"], **window
    )["Datapoints"]
    assert [(p["Sum"], p["SampleCount"]) for p in orders] == [(15.0, 5.0)], orders
    # Another dimension set is another metric.
    other = cloudwatch.get_metric_statistics(
        Namespace="Shop", MetricName="Latency", Dimensions=[{"Name": "Service", "Value": "web"}], Period=60, Statistics=["Sum"], **window
    )
    assert other["Datapoints"] == [], other


@check("GetMetricData + paginator")
def metric_data():
    query = {
        "Id": "latency",
        "MetricStat": {
            "Metric": {"Namespace": "Shop", "MetricName": "Latency", "Dimensions": [{"Name": "Service", "Value": "api"}]},
            "Period": 60,
            "Stat": "Maximum",
        },
        "Label": "max latency",
    }
    answer = cloudwatch.get_metric_data(MetricDataQueries=[query], **window)
    result = answer["MetricDataResults"][0]
    assert (result["Id"], result["Label"], result["Values"], result["StatusCode"]) == ("latency", "max latency", [30.0], "Complete"), result
    pages = cloudwatch.get_paginator("get_metric_data").paginate(MetricDataQueries=[query], **window)
    assert [r["Values"] for page in pages for r in page["MetricDataResults"]] == [[30.0]]


@check("ListMetrics")
def list_metrics():
    listed = cloudwatch.list_metrics(Namespace="Shop")["Metrics"]
    assert sorted(m["MetricName"] for m in listed) == ["Latency", "Orders"], listed
    by_dimension = cloudwatch.list_metrics(Namespace="Shop", Dimensions=[{"Name": "Service", "Value": "api"}], MetricName="Orders")
    assert [m["Dimensions"] for m in by_dimension["Metrics"]] == [[{"Name": "Service", "Value": "api"}]], by_dimension
    pages = cloudwatch.get_paginator("list_metrics").paginate(Namespace="Shop")
    assert sum(len(page["Metrics"]) for page in pages) == 2


@check("refusals")
def refusals():
    error, status = failure(cloudwatch.put_metric_data, Namespace="AWS/Lambda", MetricData=[{"MetricName": "X", "Value": 1}])
    code, message = error["Code"], error["Message"]
    assert (code, status) == ("InvalidParameterValue", 400) and "AWS/Lambda" in message, message
    error, status = failure(
        cloudwatch.put_metric_data, Namespace="Shop", MetricData=[{"MetricName": "X", "Values": [1, 2], "Counts": [1]}]
    )
    code, message = error["Code"], error["Message"]
    assert (code, status) == ("InvalidParameterCombination", 400), message
    error, status = failure(
        cloudwatch.get_metric_statistics, Namespace="Shop", MetricName="Latency", Period=60, **window
    )
    code, message = error["Code"], error["Message"]
    assert (code, message) == ("MissingParameter", "Must specify either Statistics or ExtendedStatistics."), message


@check("metric filter publishes from PutLogEvents")
def metric_filter():
    logs.create_log_group(logGroupName="/shop/api")
    logs.create_log_stream(logGroupName="/shop/api", logStreamName="s")
    logs.put_metric_filter(
        logGroupName="/shop/api",
        filterName="latency",
        filterPattern="{ $.latency = * }",
        metricTransformations=[{"metricName": "ApiLatency", "metricNamespace": "ShopLogs", "metricValue": "$.latency", "unit": "Milliseconds"}],
    )
    stamp = int(time.time() * 1000)
    logs.put_log_events(
        logGroupName="/shop/api",
        logStreamName="s",
        logEvents=[
            {"timestamp": stamp, "message": json.dumps({"latency": 40})},
            {"timestamp": stamp, "message": json.dumps({"latency": 60})},
            {"timestamp": stamp, "message": "no json here"},
        ],
    )
    points = cloudwatch.get_metric_statistics(
        Namespace="ShopLogs", MetricName="ApiLatency", Period=60, Statistics=["Sum", "SampleCount"], **window
    )["Datapoints"]
    assert [(p["Sum"], p["SampleCount"], p["Unit"]) for p in points] == [(100.0, 2.0, "Milliseconds")], points


report()
