"""SNS through boto3: topics, subscriptions to SQS queues (envelope and raw delivery, filter policies), FIFO
topics, tags, errors. Prints one JSON report that snsFidelity.test.ts checks.

Usage: python3 snsScenario.py ENDPOINT
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main() -> None:
    endpoint = sys.argv[1]
    settings = dict(
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )
    sns = boto3.client("sns", **settings)
    sqs = boto3.client("sqs", **settings)
    report = {"errors": {}}

    def error(name, call):
        try:
            call()
            report["errors"][name] = "no error"
        except ClientError as caught:
            report["errors"][name] = caught.response["Error"]["Code"] + ": " + caught.response["Error"]["Message"]

    topic = sns.create_topic(Name="orders", Tags=[{"Key": "team", "Value": "a"}])["TopicArn"]
    report["topic"] = topic
    report["sameTopic"] = sns.create_topic(Name="orders")["TopicArn"] == topic
    attributes = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    report["topicAttributes"] = {name: attributes[name] for name in ("TopicArn", "Owner", "SubscriptionsConfirmed")}

    def queue(name, **attributes):
        url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return url, arn

    all_url, all_arn = queue("all-orders")
    raw_url, raw_arn = queue("big-orders")
    enveloped = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=all_arn)["SubscriptionArn"]
    sns.subscribe(
        TopicArn=topic,
        Protocol="sqs",
        Endpoint=raw_arn,
        Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"size": [{"numeric": [">", 10]}]})},
    )
    report["subscriptionAttributes"] = sns.get_subscription_attributes(SubscriptionArn=enveloped)["Attributes"]["Protocol"]
    report["listed"] = sorted(s["Endpoint"] for s in sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"])
    sns.publish(
        TopicArn=topic,
        Message="small order",
        Subject="new order",
        MessageAttributes={"size": {"DataType": "Number", "StringValue": "3"}},
    )
    sns.publish(TopicArn=topic, Message="big order", MessageAttributes={"size": {"DataType": "Number", "StringValue": "50"}})
    envelopes = [json.loads(m["Body"]) for m in sqs.receive_message(QueueUrl=all_url, MaxNumberOfMessages=10)["Messages"]]
    report["envelopes"] = sorted(
        (e["Type"], e["Message"], e.get("Subject"), e["TopicArn"], e["MessageAttributes"]["size"]["Value"]) for e in envelopes
    )
    raw = sqs.receive_message(QueueUrl=raw_url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])["Messages"]
    report["raw"] = [(m["Body"], m["MessageAttributes"]["size"]["StringValue"]) for m in raw]

    fifo_topic = sns.create_topic(Name="events.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})[
        "TopicArn"
    ]
    fifo_url, fifo_arn = queue("events.fifo", FifoQueue="true")
    sns.subscribe(TopicArn=fifo_topic, Protocol="sqs", Endpoint=fifo_arn, Attributes={"RawMessageDelivery": "true"})
    first = sns.publish(TopicArn=fifo_topic, Message="e1", MessageGroupId="g")
    again = sns.publish(TopicArn=fifo_topic, Message="e1", MessageGroupId="g")
    sns.publish(TopicArn=fifo_topic, Message="e2", MessageGroupId="g")
    report["fifoDeduplicated"] = first["MessageId"] == again["MessageId"] and "SequenceNumber" in first
    report["fifoBodies"] = [m["Body"] for m in sqs.receive_message(QueueUrl=fifo_url, MaxNumberOfMessages=10)["Messages"]]
    error("noGroup", lambda: sns.publish(TopicArn=fifo_topic, Message="x"))

    batch = sns.publish_batch(
        TopicArn=topic,
        PublishBatchRequestEntries=[{"Id": "1", "Message": "b1"}, {"Id": "2", "Message": "b2"}],
    )
    report["batch"] = sorted(entry["Id"] for entry in batch["Successful"])
    sns.tag_resource(ResourceArn=topic, Tags=[{"Key": "env", "Value": "dev"}])
    sns.untag_resource(ResourceArn=topic, TagKeys=["team"])
    report["tags"] = sns.list_tags_for_resource(ResourceArn=topic)["Tags"]
    error("missingTopic", lambda: sns.publish(TopicArn="arn:aws:sns:us-east-1:123456789012:nope", Message="x"))
    error("emptyMessage", lambda: sns.publish(TopicArn=topic, Message=""))
    error("badProtocol", lambda: sns.subscribe(TopicArn=topic, Protocol="carrier-pigeon", Endpoint="x"))
    sns.unsubscribe(SubscriptionArn=enveloped)
    report["afterUnsubscribe"] = len(sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"])
    sns.delete_topic(TopicArn=topic)
    report["topicsLeft"] = [t["TopicArn"] for t in sns.list_topics()["Topics"]]
    print(json.dumps(report))


main()
