"""CloudFormation through boto3: prints one JSON report that test/localcloud/cloudFormationBoto3.test.ts checks.

Usage: python3 boto3CloudFormation.py ENDPOINT PACKAGED_TEMPLATE INVALID_SAM_TEMPLATE
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import WaiterError

FAST = {"Delay": 1, "MaxAttempts": 60}


def main() -> None:
    endpoint, packaged, invalid = sys.argv[1], sys.argv[2], sys.argv[3]
    cfn = boto3.client(
        "cloudformation",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"max_attempts": 1}),
    )
    report = {"boto3": boto3.__version__}
    with open(packaged, encoding="utf-8") as handle:
        body = handle.read()
    with open(invalid, encoding="utf-8") as handle:
        invalid_body = handle.read()

    cfn.create_stack(
        StackName="hello-boto3",
        TemplateBody=body,
        Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"],
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "prod"}],
    )
    cfn.get_waiter("stack_create_complete").wait(StackName="hello-boto3", WaiterConfig=FAST)
    stack = cfn.describe_stacks(StackName="hello-boto3")["Stacks"][0]
    report["status"] = stack["StackStatus"]
    report["outputs"] = {output["OutputKey"]: output["OutputValue"] for output in stack["Outputs"]}
    report["parameters"] = {p["ParameterKey"]: p["ParameterValue"] for p in stack["Parameters"]}
    events = []
    for page in cfn.get_paginator("describe_stack_events").paginate(StackName="hello-boto3"):
        events.extend(page["StackEvents"])
    report["firstEvent"] = [events[0]["LogicalResourceId"], events[0]["ResourceStatus"]]
    report["lastEvent"] = [events[-1]["ResourceStatus"], events[-1].get("ResourceStatusReason")]
    report["eventCount"] = len(events)
    processed = cfn.get_template(StackName="hello-boto3", TemplateStage="Processed")["TemplateBody"]
    report["processedTypes"] = sorted({r["Type"] for r in processed["Resources"].values()})
    resources = []
    for page in cfn.get_paginator("list_stack_resources").paginate(StackName="hello-boto3"):
        resources.extend(page["StackResourceSummaries"])
    report["resourceCount"] = len(resources)

    created = cfn.create_change_set(
        StackName="hello-boto3",
        ChangeSetName="review",
        TemplateBody=body,
        Capabilities=["CAPABILITY_IAM"],
        Parameters=[{"ParameterKey": "Stage", "ParameterValue": "dev"}],
    )
    cfn.get_waiter("change_set_create_complete").wait(ChangeSetName=created["Id"], WaiterConfig=FAST)
    change_set = cfn.describe_change_set(ChangeSetName=created["Id"])
    report["changes"] = sorted(
        {c["ResourceChange"]["LogicalResourceId"]: c["ResourceChange"]["Action"] for c in change_set["Changes"]}.items()
    )
    pending = cfn.get_template(StackName="hello-boto3", ChangeSetName="review", TemplateStage="Processed")
    report["changeSetProcessedHasFunction"] = "UsersFunction" in pending["TemplateBody"]["Resources"]
    report["changeSets"] = [s["ChangeSetName"] for s in cfn.list_change_sets(StackName="hello-boto3")["Summaries"]]

    bad = cfn.create_change_set(
        StackName="bad-boto3",
        ChangeSetName="bad",
        ChangeSetType="CREATE",
        TemplateBody=invalid_body,
        Capabilities=["CAPABILITY_IAM"],
    )
    try:
        cfn.get_waiter("change_set_create_complete").wait(ChangeSetName=bad["Id"], WaiterConfig=FAST)
        report["invalidWaiter"] = "succeeded"
    except WaiterError as error:
        report["invalidWaiter"] = "failed"
        report["invalidReason"] = error.last_response.get("StatusReason")

    try:
        cfn.describe_stacks(StackName="missing-boto3")
    except cfn.exceptions.ClientError as error:
        report["missing"] = [error.response["Error"]["Code"], error.response["Error"]["Message"]]
    try:
        cfn.describe_change_set(ChangeSetName="nope", StackName="hello-boto3")
    except cfn.exceptions.ChangeSetNotFoundException as error:
        report["changeSetNotFound"] = error.response["Error"]["Code"]

    cfn.delete_stack(StackName="hello-boto3")
    cfn.get_waiter("stack_delete_complete").wait(StackName="hello-boto3", WaiterConfig=FAST)
    report["deleted"] = [
        s["StackStatus"]
        for s in cfn.list_stacks(StackStatusFilter=["DELETE_COMPLETE"])["StackSummaries"]
        if s["StackName"] == "hello-boto3"
    ]
    print(json.dumps(report))


if __name__ == "__main__":
    main()
