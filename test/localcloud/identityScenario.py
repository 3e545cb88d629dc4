"""Accounts, regions, STS and IAM through boto3: prints one JSON report that identityFidelity.test.ts checks.

Usage: python3 identityScenario.py ENDPOINT ZIP
"""
import json
import sys

import boto3
from botocore.config import Config

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def main() -> None:
    endpoint, zip_path = sys.argv[1], sys.argv[2]

    def client(service, region="us-east-1", **credentials):
        return boto3.client(
            service,
            endpoint_url=endpoint,
            region_name=region,
            aws_access_key_id=credentials.get("key", "test"),
            aws_secret_access_key=credentials.get("secret", "test"),
            aws_session_token=credentials.get("token"),
            config=Config(retries={"max_attempts": 1}),
        )

    report = {"errors": {}}
    sts = client("sts")
    report["identity"] = sts.get_caller_identity()
    report["identity"].pop("ResponseMetadata")
    assumed = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/deployer", RoleSessionName="boto3")
    creds = assumed["Credentials"]
    as_role = client("sts", key=creds["AccessKeyId"], secret=creds["SecretAccessKey"], token=creds["SessionToken"])
    report["assumedArn"] = as_role.get_caller_identity()["Arn"]

    iam = client("iam")
    role = iam.create_role(RoleName="boto3-role", AssumeRolePolicyDocument=json.dumps(TRUST), Path="/app/")["Role"]
    report["roleArn"] = role["Arn"]
    # boto3 decodes IAM's URL-encoded policy documents into dicts.
    report["trustDecoded"] = iam.get_role(RoleName="boto3-role")["Role"]["AssumeRolePolicyDocument"] == TRUST
    policy = iam.create_policy(
        PolicyName="boto3-policy",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}),
    )["Policy"]
    iam.attach_role_policy(RoleName="boto3-role", PolicyArn=policy["Arn"])
    iam.attach_role_policy(
        RoleName="boto3-role", PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    )
    report["attached"] = sorted(
        p["PolicyName"] for p in iam.list_attached_role_policies(RoleName="boto3-role")["AttachedPolicies"]
    )
    iam.put_role_policy(RoleName="boto3-role", PolicyName="inline", PolicyDocument=json.dumps(TRUST))
    report["inline"] = iam.list_role_policies(RoleName="boto3-role")["PolicyNames"]
    try:
        iam.delete_role(RoleName="boto3-role")
    except iam.exceptions.DeleteConflictException as error:
        report["errors"]["deleteAttached"] = error.response["Error"]["Code"]
    try:
        iam.get_role(RoleName="missing")
    except iam.exceptions.NoSuchEntityException as error:
        report["errors"]["missingRole"] = error.response["Error"]["Code"]

    west = client("lambda", "eu-west-1")
    east = client("lambda", "us-east-1")
    with open(zip_path, "rb") as handle:
        created = west.create_function(
            FunctionName="regional",
            Runtime="nodejs20.x",
            Role=role["Arn"],
            Handler="index.handler",
            Code={"ZipFile": handle.read()},
        )
    report["westArn"] = created["FunctionArn"]
    report["eastNames"] = [f["FunctionName"] for f in east.list_functions()["Functions"]]
    try:
        east.get_function(FunctionName="regional")
    except east.exceptions.ResourceNotFoundException:
        report["errors"]["otherRegion"] = "ResourceNotFoundException"
    try:
        west.create_function(
            FunctionName="bad-role", Runtime="nodejs20.x", Role="not-a-role", Handler="index.handler",
            Code={"ZipFile": b"x"},
        )
    except west.exceptions.ClientError as error:
        report["errors"]["badRole"] = error.response["Error"]["Code"]
        report["badRoleMessage"] = error.response["Error"]["Message"]

    client("logs", "ap-south-1").create_log_group(logGroupName="/regional")
    report["southGroups"] = [g["arn"] for g in client("logs", "ap-south-1").describe_log_groups()["logGroups"]]
    report["eastGroups"] = [g["logGroupName"] for g in client("logs").describe_log_groups()["logGroups"]]
    print(json.dumps(report))


main()
