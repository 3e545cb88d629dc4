# S3 event notifications delivered to a real local function, and lifecycle headers, through boto3 against the
# local cloud (argv[1]: endpoint). The function logs each event it receives; the checks read them back from
# CloudWatch Logs. Prints the checks it ran; exits non-zero on the first mismatch.
import io
import json
import re
import sys
import time
import zipfile

import boto3
from scenarioChecks import check, report

ENDPOINT = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name="us-east-1")
lambda_client = boto3.client("lambda", endpoint_url=ENDPOINT, region_name="us-east-1")
logs = boto3.client("logs", endpoint_url=ENDPOINT, region_name="us-east-1")
HANDLER = "exports.handler = async (event) => { console.log('S3EVENT ' + JSON.stringify(event)); };\n"


def function_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.js", HANDLER)
    return buffer.getvalue()


def logged_records(function_name, count):
    """The event records the function logged, once `count` have arrived (delivery is asynchronous)."""
    records = []
    for _ in range(150):
        try:
            events = logs.filter_log_events(logGroupName=f"/aws/lambda/{function_name}", filterPattern="S3EVENT")
        except logs.exceptions.ResourceNotFoundException:
            events = {"events": []}
        records = [
            json.loads(event["message"].split("S3EVENT ", 1)[1])["Records"][0]
            for event in events["events"]
        ]
        if len(records) >= count:
            return sorted(records, key=lambda record: record["s3"]["object"]["sequencer"])
        time.sleep(0.2)
    raise AssertionError(f"only {len(records)} of {count} events arrived: {records}")


@check("notifications invoke a function with S3's event records")
def notifications():
    function = lambda_client.create_function(
        FunctionName="on-upload",
        Runtime="nodejs20.x",
        Role="arn:aws:iam::123456789012:role/lambda",
        Handler="index.handler",
        Code={"ZipFile": function_zip()},
    )
    s3.create_bucket(Bucket="events-bucket")
    s3.put_bucket_notification_configuration(
        Bucket="events-bucket",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {
                    "Id": "incoming",
                    "LambdaFunctionArn": function["FunctionArn"],
                    "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "incoming/"}]}},
                }
            ]
        },
    )
    put = s3.put_object(Bucket="events-bucket", Key="incoming/a b.txt", Body=b"hello")
    s3.put_object(Bucket="events-bucket", Key="elsewhere.txt", Body=b"not sent")
    s3.delete_object(Bucket="events-bucket", Key="incoming/a b.txt")
    created, removed = logged_records("on-upload", 2)
    assert (created["eventName"], removed["eventName"]) == ("ObjectCreated:Put", "ObjectRemoved:Delete"), created
    assert (created["eventSource"], created["eventVersion"], created["awsRegion"]) == ("aws:s3", "2.1", "us-east-1")
    obj = created["s3"]["object"]
    assert (obj["key"], obj["size"], obj["eTag"]) == ("incoming/a+b.txt", 5, put["ETag"].strip('"')), obj
    assert created["s3"]["configurationId"] == "incoming", created
    assert created["s3"]["bucket"]["name"] == "events-bucket", created
    assert "size" not in removed["s3"]["object"], removed
    assert obj["sequencer"] < removed["s3"]["object"]["sequencer"]


@check("lifecycle: x-amz-expiration on PUT/HEAD/GET, abort date on multipart uploads")
def lifecycle_headers():
    s3.create_bucket(Bucket="lifecycle-bucket")
    s3.put_bucket_lifecycle_configuration(
        Bucket="lifecycle-bucket",
        LifecycleConfiguration={
            "Rules": [
                {"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 3}},
                {
                    "ID": "stale-uploads",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2},
                },
            ]
        },
    )
    expiration = re.compile(r'^expiry-date="\w{3}, \d{2} \w{3} \d{4} 00:00:00 GMT", rule-id="tmp"$')
    put = s3.put_object(Bucket="lifecycle-bucket", Key="tmp/scratch", Body=b"x")
    assert expiration.match(put["Expiration"]), put.get("Expiration")
    assert s3.head_object(Bucket="lifecycle-bucket", Key="tmp/scratch")["Expiration"] == put["Expiration"]
    assert s3.get_object(Bucket="lifecycle-bucket", Key="tmp/scratch")["Expiration"] == put["Expiration"]
    assert "Expiration" not in s3.put_object(Bucket="lifecycle-bucket", Key="kept", Body=b"y")
    upload = s3.create_multipart_upload(Bucket="lifecycle-bucket", Key="big")
    assert upload["AbortRuleId"] == "stale-uploads", upload
    assert (upload["AbortDate"].hour, upload["AbortDate"].minute) == (0, 0), upload["AbortDate"]
    parts = s3.list_parts(Bucket="lifecycle-bucket", Key="big", UploadId=upload["UploadId"])
    assert parts["AbortDate"] == upload["AbortDate"], parts


report()
