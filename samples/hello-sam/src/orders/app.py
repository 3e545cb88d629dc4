"""Processes order messages from SQS; on the nightly schedule, reports a summary instead."""
import json
import os


def handler(event, context):
    if event.get("summary"):
        print(f"Nightly summary for stage {os.environ.get('STAGE')}")
        return {"summary": True, "stage": os.environ.get("STAGE")}

    records = event.get("Records", [])
    processed = []
    for record in records:
        order = json.loads(record.get("body") or "{}")
        print(f"Processing order {order.get('orderId')} from {record.get('eventSourceARN')}")
        processed.append(order.get("orderId"))
    return {"processed": processed, "requestId": context.aws_request_id}
