"""SQS through boto3 (whatever protocol this boto3 speaks: JSON since 1.31, query before): prints one JSON
report that sqsFidelity.test.ts checks.

Usage: python3 sqsScenario.py ENDPOINT
"""
import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main() -> None:
    endpoint = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else "b3"

    def client(region):
        return boto3.client(
            "sqs",
            endpoint_url=endpoint,
            region_name=region,
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}),
        )

    sqs = client("us-east-1")
    report = {"errors": {}}

    def error(name, call):
        try:
            call()
            report["errors"][name] = "no error"
        except ClientError as caught:
            report["errors"][name] = caught.response["Error"]["Code"] + ": " + caught.response["Error"]["Message"]

    url = sqs.create_queue(QueueName=f"{prefix}-jobs", Attributes={"VisibilityTimeout": "1"}, tags={"team": "a"})[
        "QueueUrl"
    ]
    report["url"] = url
    report["sameUrl"] = sqs.create_queue(QueueName=f"{prefix}-jobs", Attributes={"VisibilityTimeout": "1"})["QueueUrl"] == url
    error("differentAttributes", lambda: sqs.create_queue(QueueName=f"{prefix}-jobs", Attributes={"VisibilityTimeout": "2"}))
    error("missingQueue", lambda: sqs.get_queue_url(QueueName=f"{prefix}-missing"))
    error("badAttribute", lambda: sqs.create_queue(QueueName=f"{prefix}-bad", Attributes={"DelaySeconds": "901"}))
    error("tooMany", lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=11))
    report["byName"] = sqs.get_queue_url(QueueName=f"{prefix}-jobs")["QueueUrl"] == url

    sent = sqs.send_message(
        QueueUrl=url,
        MessageBody="hello",
        MessageAttributes={"timestamp": {"DataType": "Number", "StringValue": "1493147359900"}},
    )
    report["md5Body"] = sent["MD5OfMessageBody"]
    report["md5Attributes"] = sent["MD5OfMessageAttributes"]
    received = sqs.receive_message(
        QueueUrl=url, MessageAttributeNames=["All"], AttributeNames=["ApproximateReceiveCount"], WaitTimeSeconds=1
    )["Messages"]
    report["received"] = [(m["Body"], m["Attributes"], m["MessageAttributes"]["timestamp"]["StringValue"]) for m in received]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    report["inFlight"] = attributes["ApproximateNumberOfMessagesNotVisible"]
    report["queueArn"] = attributes["QueueArn"]
    # Visible again after the one-second visibility timeout, received a second time (long poll waits for it).
    again = sqs.receive_message(QueueUrl=url, AttributeNames=["All"], WaitTimeSeconds=5)["Messages"]
    report["receiveCount"] = again[0]["Attributes"]["ApproximateReceiveCount"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"])
    report["afterDelete"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]

    batch = sqs.send_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two", "DelaySeconds": 60}],
    )
    report["batchSent"] = sorted(entry["Id"] for entry in batch["Successful"])
    report["delayed"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesDelayed"])["Attributes"]
    error("emptyBatch", lambda: sqs.send_message_batch(QueueUrl=url, Entries=[]))
    error("sameIds", lambda: sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "x", "MessageBody": "1"}, {"Id": "x", "MessageBody": "2"}]))
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    deleted = sqs.delete_message_batch(
        QueueUrl=url,
        Entries=[{"Id": "ok", "ReceiptHandle": got[0]["ReceiptHandle"]}, {"Id": "bad", "ReceiptHandle": "nonsense"}],
    )
    report["batchDeleted"] = [entry["Id"] for entry in deleted["Successful"]]
    report["batchFailed"] = [(entry["Id"], entry["Code"]) for entry in deleted["Failed"]]

    sqs.tag_queue(QueueUrl=url, Tags={"env": "dev"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
    report["tags"] = sqs.list_queue_tags(QueueUrl=url)["Tags"]
    sqs.add_permission(QueueUrl=url, Label="send", AWSAccountIds=["111122223333"], Actions=["SendMessage"])
    policy = json.loads(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
    report["policySids"] = [statement["Sid"] for statement in policy["Statement"]]
    sqs.remove_permission(QueueUrl=url, Label="send")

    # FIFO: group order, content-based deduplication.
    fifo = sqs.create_queue(
        QueueName=f"{prefix}-orders.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    )["QueueUrl"]
    first = sqs.send_message(QueueUrl=fifo, MessageBody="o1", MessageGroupId="g")
    duplicate = sqs.send_message(QueueUrl=fifo, MessageBody="o1", MessageGroupId="g")
    report["deduplicated"] = first["MessageId"] == duplicate["MessageId"]
    sqs.send_message(QueueUrl=fifo, MessageBody="o2", MessageGroupId="g")
    error("noGroup", lambda: sqs.send_message(QueueUrl=fifo, MessageBody="x"))
    ordered = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10, AttributeNames=["All"])["Messages"]
    report["fifoBodies"] = [m["Body"] for m in ordered]
    report["fifoGroup"] = ordered[0]["Attributes"]["MessageGroupId"]

    # Dead-letter queue after maxReceiveCount receives.
    dlq = sqs.create_queue(QueueName=f"{prefix}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = sqs.create_queue(
        QueueName=f"{prefix}-source",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"})},
    )["QueueUrl"]
    sqs.send_message(QueueUrl=source, MessageBody="poison")
    sqs.receive_message(QueueUrl=source, VisibilityTimeout=0)
    report["sourceAfterRedrive"] = sqs.receive_message(QueueUrl=source).get("Messages", [])
    dead = sqs.receive_message(QueueUrl=dlq, AttributeNames=["All"])["Messages"]
    report["deadLetter"] = [(m["Body"], m["Attributes"].get("DeadLetterQueueSourceArn", "")) for m in dead]
    report["deadLetterSources"] = sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"]

    # Listing with a prefix and pages; another region is another namespace.
    pages = []
    kwargs = {"QueueNamePrefix": f"{prefix}-", "MaxResults": 2}
    while True:
        page = sqs.list_queues(**kwargs)
        pages.append(len(page.get("QueueUrls", [])))
        if "NextToken" not in page:
            break
        kwargs["NextToken"] = page["NextToken"]
    report["pages"] = pages
    report["otherRegion"] = client("eu-west-1").list_queues(QueueNamePrefix=f"{prefix}-").get("QueueUrls", [])

    sqs.purge_queue(QueueUrl=url)
    error("purgeAgain", lambda: sqs.purge_queue(QueueUrl=url))
    sqs.delete_queue(QueueUrl=url)
    error("deleted", lambda: sqs.get_queue_attributes(QueueUrl=url))
    print(json.dumps(report))


main()
