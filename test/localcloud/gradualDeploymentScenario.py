"""CodeDeploy, CloudWatch alarms and API Gateway reads through boto3: prints the JSON report that
gradualDeploymentFidelity.test.ts checks (the same calls its aws CLI run makes).

Usage: python3 gradualDeploymentScenario.py ENDPOINT STACK_JSON
"""
import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def main() -> None:
    endpoint = sys.argv[1]
    stack = json.loads(sys.argv[2])

    def client(name):
        return boto3.client(
            name,
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}),
        )

    codedeploy = client("codedeploy")
    cloudwatch = client("cloudwatch")
    logs = client("logs")

    def until(accept, read):
        deadline = time.time() + 120
        while True:
            answer = read()
            if accept(answer):
                return answer
            if time.time() > deadline:
                raise SystemExit("never satisfied: %r" % (answer,))
            time.sleep(0.2)

    def error_code(call):
        try:
            call()
            return "no error"
        except ClientError as caught:
            return caught.response["Error"]["Code"]

    app = {"applicationName": stack["application"]}
    group = dict(app, deploymentGroupName=stack["deploymentGroup"])

    lines = until(
        lambda answer: answer["events"],
        lambda: logs.filter_log_events(logGroupName=stack["hookLogGroup"], filterPattern="hook-event"),
    )["events"]
    message = lines[0]["message"]
    hook_event = json.loads(message[message.index("hook-event ") + len("hook-event "):])
    deployment_id = hook_event["DeploymentId"]
    in_progress = codedeploy.list_deployments(includeOnlyStatuses=["InProgress"], **group)["deployments"]
    deployment = codedeploy.get_deployment(deploymentId=deployment_id)["deploymentInfo"]
    reported = codedeploy.put_lifecycle_event_hook_execution_status(
        deploymentId=deployment_id,
        lifecycleEventHookExecutionId=hook_event["LifecycleEventHookExecutionId"],
        status="Succeeded",
    )["lifecycleEventHookExecutionId"]
    target = until(
        lambda answer: answer["deploymentTarget"]["lambdaTarget"]["lambdaFunctionInfo"]["targetVersionWeight"] == 10,
        lambda: codedeploy.get_deployment_target(deploymentId=deployment_id, targetId=stack["targetId"]),
    )["deploymentTarget"]
    stopped = codedeploy.stop_deployment(deploymentId=deployment_id, autoRollbackEnabled=True)
    after_stop = until(
        lambda answer: answer["status"] == "Stopped",
        lambda: codedeploy.get_deployment(deploymentId=deployment_id)["deploymentInfo"],
    )
    rollback = codedeploy.get_deployment(deploymentId=after_stop["rollbackInfo"]["rollbackDeploymentId"])

    cloudwatch.set_alarm_state(AlarmName=stack["alarmName"], StateValue="ALARM", StateReason="fidelity")
    alarm = cloudwatch.describe_alarms(AlarmNames=[stack["alarmName"]])["MetricAlarms"][0]
    history = cloudwatch.describe_alarm_history(AlarmName=stack["alarmName"])["AlarmHistoryItems"]

    apigateway = client("apigateway")
    apigatewayv2 = client("apigatewayv2")
    report = {
        "applications": codedeploy.list_applications()["applications"],
        "application": codedeploy.get_application(**app)["application"],
        "deploymentGroups": codedeploy.list_deployment_groups(**app)["deploymentGroups"],
        "group": codedeploy.get_deployment_group(**group)["deploymentGroupInfo"],
        "config": codedeploy.get_deployment_config(
            deploymentConfigName="CodeDeployDefault.LambdaCanary10Percent5Minutes"
        )["deploymentConfigInfo"],
        "inProgress": in_progress,
        "deployment": deployment,
        "hookEvent": hook_event,
        "reported": reported,
        "canary": target,
        "stopped": {"status": stopped["status"], "statusMessage": stopped.get("statusMessage", "")},
        "afterStop": after_stop,
        "rollback": rollback["deploymentInfo"],
        "alarm": alarm,
        "alarmHistory": [item["HistorySummary"] for item in history],
        "restApis": [item["id"] for item in apigateway.get_rest_apis()["items"]],
        "restStages": [item["stageName"] for item in apigateway.get_stages(restApiId=stack["restApiId"])["item"]],
        "httpApis": [item["ApiId"] for item in apigatewayv2.get_apis()["Items"]],
        "httpStages": [item["StageName"] for item in apigatewayv2.get_stages(ApiId=stack["httpApiId"])["Items"]],
        "errors": {
            "missingDeployment": error_code(lambda: codedeploy.get_deployment(deploymentId="d-AAAAAAAAA")),
            "missingGroup": error_code(
                lambda: codedeploy.get_deployment_group(deploymentGroupName="nope", **app)
            ),
            "missingConfig": error_code(lambda: codedeploy.get_deployment_config(deploymentConfigName="nope")),
            "missingApplication": error_code(lambda: codedeploy.get_application(applicationName="nope")),
            "missingRestApi": error_code(lambda: apigateway.get_stages(restApiId="nope")),
        },
    }
    print(json.dumps(report, default=str))


if __name__ == "__main__":
    main()
