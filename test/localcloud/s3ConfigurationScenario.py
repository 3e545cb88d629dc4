# S3 bucket configurations and object tagging through boto3 against the local cloud (argv[1]: endpoint). Each
# check asserts what AWS answers; the script prints the checks it ran and exits non-zero on the first mismatch.
import json
import sys

import boto3
from scenarioChecks import check, failure, report

s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
sqs = boto3.client("sqs", endpoint_url=sys.argv[1], region_name="us-east-1")


s3.create_bucket(Bucket="config-bucket")


@check("bucket tagging")
def bucket_tagging():
    error, status = failure(s3.get_bucket_tagging, Bucket="config-bucket")
    assert (error["Code"], error["Message"], error["BucketName"], status) == (
        "NoSuchTagSet",
        "The TagSet does not exist",
        "config-bucket",
        404,
    ), error
    tags = [{"Key": "team", "Value": "payments"}, {"Key": "env", "Value": "dev"}]
    s3.put_bucket_tagging(Bucket="config-bucket", Tagging={"TagSet": tags})
    assert s3.get_bucket_tagging(Bucket="config-bucket")["TagSet"] == tags
    error, _ = failure(
        s3.put_bucket_tagging,
        Bucket="config-bucket",
        Tagging={"TagSet": [{"Key": "a", "Value": "1"}, {"Key": "a", "Value": "2"}]},
    )
    assert (error["Code"], error["Message"]) == ("InvalidTag", "Cannot provide multiple Tags with the same key"), error
    error, _ = failure(
        s3.put_bucket_tagging, Bucket="config-bucket", Tagging={"TagSet": [{"Key": "aws:x", "Value": "1"}]}
    )
    assert error["Code"] == "InvalidTag", error
    error, _ = failure(
        s3.put_bucket_tagging, Bucket="config-bucket", Tagging={"TagSet": [{"Key": "k" * 129, "Value": "1"}]}
    )
    assert error["Message"] == "The TagKey you have provided is too long, max 128", error
    s3.delete_bucket_tagging(Bucket="config-bucket")
    assert failure(s3.get_bucket_tagging, Bucket="config-bucket")[0]["Code"] == "NoSuchTagSet"


@check("object tagging")
def object_tagging():
    s3.put_object(Bucket="config-bucket", Key="tagged", Body=b"x", Tagging="a=1&b=two%20words")
    assert s3.get_object(Bucket="config-bucket", Key="tagged")["TagCount"] == 2
    assert s3.get_object_tagging(Bucket="config-bucket", Key="tagged")["TagSet"] == [
        {"Key": "a", "Value": "1"},
        {"Key": "b", "Value": "two words"},
    ]
    s3.put_object_tagging(Bucket="config-bucket", Key="tagged", Tagging={"TagSet": [{"Key": "c", "Value": "3"}]})
    assert s3.get_object_tagging(Bucket="config-bucket", Key="tagged")["TagSet"] == [{"Key": "c", "Value": "3"}]
    too_many = [{"Key": f"k{i}", "Value": "v"} for i in range(11)]
    error, _ = failure(s3.put_object_tagging, Bucket="config-bucket", Key="tagged", Tagging={"TagSet": too_many})
    assert (error["Code"], error["Message"]) == ("BadRequest", "Object tags cannot be greater than 10"), error
    s3.copy_object(Bucket="config-bucket", Key="copied", CopySource="config-bucket/tagged")
    assert s3.get_object_tagging(Bucket="config-bucket", Key="copied")["TagSet"] == [{"Key": "c", "Value": "3"}]
    s3.copy_object(
        Bucket="config-bucket", Key="replaced", CopySource="config-bucket/tagged", TaggingDirective="REPLACE", Tagging="d=4"
    )
    assert s3.get_object_tagging(Bucket="config-bucket", Key="replaced")["TagSet"] == [{"Key": "d", "Value": "4"}]
    s3.delete_object_tagging(Bucket="config-bucket", Key="tagged")
    assert s3.get_object_tagging(Bucket="config-bucket", Key="tagged")["TagSet"] == []
    assert "TagCount" not in s3.get_object(Bucket="config-bucket", Key="tagged")
    error, status = failure(s3.get_object_tagging, Bucket="config-bucket", Key="missing")
    assert (error["Code"], status) == ("NoSuchKey", 404), error


@check("policy")
def policy():
    error, status = failure(s3.get_bucket_policy, Bucket="config-bucket")
    assert (error["Code"], error["Message"], status) == ("NoSuchBucketPolicy", "The bucket policy does not exist", 404)
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::config-bucket/*"}
        ],
    }
    s3.put_bucket_policy(Bucket="config-bucket", Policy=json.dumps(document))
    assert json.loads(s3.get_bucket_policy(Bucket="config-bucket")["Policy"]) == document
    assert s3.get_bucket_policy_status(Bucket="config-bucket")["PolicyStatus"] == {"IsPublic": True}
    error, _ = failure(s3.put_bucket_policy, Bucket="config-bucket", Policy="not json")
    assert (error["Code"], error["Message"]) == (
        "MalformedPolicy",
        "Policies must be valid JSON and the first byte must be '{'",
    ), error
    s3.delete_bucket_policy(Bucket="config-bucket")
    assert failure(s3.get_bucket_policy_status, Bucket="config-bucket")[0]["Code"] == "NoSuchBucketPolicy"


@check("cors")
def cors():
    error, status = failure(s3.get_bucket_cors, Bucket="config-bucket")
    assert (error["Code"], error["Message"], status) == (
        "NoSuchCORSConfiguration",
        "The CORS configuration does not exist",
        404,
    ), error
    rules = [
        {
            "AllowedHeaders": ["*"],
            "AllowedMethods": ["GET", "PUT"],
            "AllowedOrigins": ["https://example.com"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 3000,
        }
    ]
    s3.put_bucket_cors(Bucket="config-bucket", CORSConfiguration={"CORSRules": rules})
    assert s3.get_bucket_cors(Bucket="config-bucket")["CORSRules"] == rules
    error, _ = failure(
        s3.put_bucket_cors,
        Bucket="config-bucket",
        CORSConfiguration={"CORSRules": [{"AllowedMethods": ["PATCH"], "AllowedOrigins": ["*"]}]},
    )
    assert (error["Code"], error["Message"]) == (
        "InvalidRequest",
        "Found unsupported HTTP method in CORS config. Unsupported method is PATCH",
    ), error
    s3.delete_bucket_cors(Bucket="config-bucket")
    assert failure(s3.get_bucket_cors, Bucket="config-bucket")[0]["Code"] == "NoSuchCORSConfiguration"


@check("lifecycle")
def lifecycle():
    error, _ = failure(s3.get_bucket_lifecycle_configuration, Bucket="config-bucket")
    assert error["Code"] == "NoSuchLifecycleConfiguration", error
    rules = [
        {"ID": "expire-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}},
        {
            "ID": "archive",
            "Filter": {"And": {"Prefix": "data/", "Tags": [{"Key": "tier", "Value": "cold"}]}},
            "Status": "Disabled",
            "Transitions": [{"Days": 90, "StorageClass": "GLACIER"}],
        },
    ]
    s3.put_bucket_lifecycle_configuration(Bucket="config-bucket", LifecycleConfiguration={"Rules": rules})
    assert s3.get_bucket_lifecycle_configuration(Bucket="config-bucket")["Rules"] == rules
    error, _ = failure(
        s3.put_bucket_lifecycle_configuration,
        Bucket="config-bucket",
        LifecycleConfiguration={"Rules": [{"ID": "x", "Filter": {"Prefix": ""}, "Status": "Enabled"}]},
    )
    assert (error["Code"], error["Message"]) == (
        "InvalidRequest",
        "At least one action needs to be specified in a rule",
    ), error
    s3.delete_bucket_lifecycle(Bucket="config-bucket")
    assert failure(s3.get_bucket_lifecycle_configuration, Bucket="config-bucket")[0]["Code"] == (
        "NoSuchLifecycleConfiguration"
    )


@check("encryption")
def encryption():
    default = s3.get_bucket_encryption(Bucket="config-bucket")["ServerSideEncryptionConfiguration"]
    assert default["Rules"][0]["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}, default
    kms = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k"}}]}
    s3.put_bucket_encryption(Bucket="config-bucket", ServerSideEncryptionConfiguration=kms)
    assert s3.get_bucket_encryption(Bucket="config-bucket")["ServerSideEncryptionConfiguration"] == kms
    s3.delete_bucket_encryption(Bucket="config-bucket")
    assert s3.get_bucket_encryption(Bucket="config-bucket")["ServerSideEncryptionConfiguration"] == default


@check("website")
def website():
    error, _ = failure(s3.get_bucket_website, Bucket="config-bucket")
    assert (error["Code"], error["Message"]) == (
        "NoSuchWebsiteConfiguration",
        "The specified bucket does not have a website configuration",
    ), error
    s3.put_bucket_website(
        Bucket="config-bucket",
        WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"}},
    )
    site = s3.get_bucket_website(Bucket="config-bucket")
    assert (site["IndexDocument"], site["ErrorDocument"]) == ({"Suffix": "index.html"}, {"Key": "error.html"})
    s3.delete_bucket_website(Bucket="config-bucket")


@check("ownership, public access block, versioning, accelerate, request payment, logging, notifications")
def settings():
    assert s3.get_bucket_ownership_controls(Bucket="config-bucket")["OwnershipControls"] == {
        "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]
    }
    s3.delete_bucket_ownership_controls(Bucket="config-bucket")
    error, _ = failure(s3.get_bucket_ownership_controls, Bucket="config-bucket")
    assert error["Code"] == "OwnershipControlsNotFoundError", error
    s3.put_bucket_ownership_controls(
        Bucket="config-bucket", OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    )
    assert s3.get_bucket_ownership_controls(Bucket="config-bucket")["OwnershipControls"]["Rules"] == [
        {"ObjectOwnership": "ObjectWriter"}
    ]
    block = s3.get_public_access_block(Bucket="config-bucket")["PublicAccessBlockConfiguration"]
    assert block == {k: True for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")}
    s3.delete_public_access_block(Bucket="config-bucket")
    assert failure(s3.get_public_access_block, Bucket="config-bucket")[0]["Code"] == (
        "NoSuchPublicAccessBlockConfiguration"
    )
    assert "Status" not in s3.get_bucket_versioning(Bucket="config-bucket")
    s3.put_bucket_accelerate_configuration(Bucket="config-bucket", AccelerateConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_accelerate_configuration(Bucket="config-bucket")["Status"] == "Enabled"
    assert s3.get_bucket_request_payment(Bucket="config-bucket")["Payer"] == "BucketOwner"
    s3.put_bucket_request_payment(Bucket="config-bucket", RequestPaymentConfiguration={"Payer": "Requester"})
    assert s3.get_bucket_request_payment(Bucket="config-bucket")["Payer"] == "Requester"
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket="config-bucket")
    error, _ = failure(
        s3.put_bucket_logging,
        Bucket="config-bucket",
        BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": "no-such-target", "TargetPrefix": "x/"}},
    )
    assert error["Code"] == "InvalidTargetBucketForLogging", error
    s3.create_bucket(Bucket="config-logs")
    logging = {"TargetBucket": "config-logs", "TargetPrefix": "access/"}
    s3.put_bucket_logging(Bucket="config-bucket", BucketLoggingStatus={"LoggingEnabled": logging})
    assert s3.get_bucket_logging(Bucket="config-bucket")["LoggingEnabled"] == logging
    queue = "arn:aws:sqs:us-east-1:123456789012:events"
    notification = {"QueueConfigurations": [{"QueueArn": queue, "Events": ["s3:ObjectCreated:*"]}]}
    error, status = failure(
        s3.put_bucket_notification_configuration, Bucket="config-bucket", NotificationConfiguration=notification
    )
    assert (error["Code"], error["ArgumentName1"], status) == ("InvalidArgument", queue, 400), error
    queue_url = sqs.create_queue(QueueName="events")["QueueUrl"]
    s3.put_bucket_notification_configuration(Bucket="config-bucket", NotificationConfiguration=notification)
    configured = s3.get_bucket_notification_configuration(Bucket="config-bucket")["QueueConfigurations"]
    assert configured[0]["QueueArn"] == queue and configured[0]["Id"], configured
    s3.put_object(Bucket="config-bucket", Key="reports/q1 2026.csv", Body=b"a,b")
    bodies = []
    for _ in range(5):
        received = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        bodies += [json.loads(message["Body"]) for message in received.get("Messages", [])]
        if len(bodies) >= 2:
            break
    assert bodies[0]["Event"] == "s3:TestEvent" and bodies[0]["Bucket"] == "config-bucket", bodies
    record = bodies[1]["Records"][0]
    assert (record["eventName"], record["s3"]["object"]["key"]) == ("ObjectCreated:Put", "reports/q1+2026.csv"), record
    s3.put_bucket_notification_configuration(Bucket="config-bucket", NotificationConfiguration={})
    s3.delete_object(Bucket="config-bucket", Key="reports/q1 2026.csv")


@check("inventory, metrics, analytics, intelligent tiering")
def keyed():
    inventory = {
        "Id": "weekly",
        "IsEnabled": True,
        "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::config-logs", "Format": "CSV"}},
        "IncludedObjectVersions": "Current",
        "Schedule": {"Frequency": "Weekly"},
    }
    s3.put_bucket_inventory_configuration(Bucket="config-bucket", Id="weekly", InventoryConfiguration=inventory)
    assert s3.get_bucket_inventory_configuration(Bucket="config-bucket", Id="weekly")["InventoryConfiguration"] == (
        inventory
    )
    listed = s3.list_bucket_inventory_configurations(Bucket="config-bucket")
    assert (listed["IsTruncated"], listed["InventoryConfigurationList"]) == (False, [inventory]), listed
    s3.put_bucket_metrics_configuration(Bucket="config-bucket", Id="all", MetricsConfiguration={"Id": "all"})
    assert s3.list_bucket_metrics_configurations(Bucket="config-bucket")["MetricsConfigurationList"] == [{"Id": "all"}]
    s3.delete_bucket_metrics_configuration(Bucket="config-bucket", Id="all")
    error, status = failure(s3.get_bucket_metrics_configuration, Bucket="config-bucket", Id="all")
    assert (error["Code"], status) == ("NoSuchConfiguration", 404), error


report()
