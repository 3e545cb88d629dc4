# S3 object-level breadth through boto3 against the local cloud (argv[1]: endpoint): ACLs (canned, grant
# headers, documents), Object Lock (retention, legal holds, default retention, deletes refused), encryption
# (SSE-S3 default, KMS from the bucket default, SSE-C key checks), GetObjectAttributes, storage classes and
# RestoreObject. Prints the checks it ran; exits non-zero on the first mismatch.
import datetime
import sys

import boto3
from scenarioChecks import check, failure, report

s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@check("ACLs")
def acls():
    s3.create_bucket(Bucket="acl-bucket", ACL="public-read")
    acl = s3.get_bucket_acl(Bucket="acl-bucket")
    owner = acl["Owner"]
    assert len(owner["ID"]) == 64, owner
    assert [(g["Grantee"]["Type"], g["Permission"]) for g in acl["Grants"]] == [
        ("CanonicalUser", "FULL_CONTROL"),
        ("Group", "READ"),
    ], acl["Grants"]
    s3.put_bucket_acl(Bucket="acl-bucket", ACL="private")
    assert len(s3.get_bucket_acl(Bucket="acl-bucket")["Grants"]) == 1
    s3.put_bucket_acl(Bucket="acl-bucket", GrantRead=f'uri="{ALL_USERS}"', GrantWrite=f'id="{owner["ID"]}"')
    grants = s3.get_bucket_acl(Bucket="acl-bucket")["Grants"]
    assert [(g["Grantee"].get("URI", g["Grantee"].get("ID")), g["Permission"]) for g in grants] == [
        (ALL_USERS, "READ"),
        (owner["ID"], "WRITE"),
    ], grants
    error, _ = failure(
        s3.put_bucket_acl,
        Bucket="acl-bucket",
        AccessControlPolicy={"Owner": owner, "Grants": [{"Grantee": {"Type": "Group", "URI": "http://x"}, "Permission": "READ"}]},
    )
    assert (error["Code"], error["Message"]) == ("InvalidArgument", "Invalid group uri"), error
    s3.put_object(Bucket="acl-bucket", Key="o", Body=b"x", ACL="public-read-write")
    assert len(s3.get_object_acl(Bucket="acl-bucket", Key="o")["Grants"]) == 3
    s3.put_object_acl(
        Bucket="acl-bucket",
        Key="o",
        AccessControlPolicy={"Owner": owner, "Grants": [{"Grantee": {"Type": "CanonicalUser", "ID": owner["ID"]}, "Permission": "READ"}]},
    )
    assert [g["Permission"] for g in s3.get_object_acl(Bucket="acl-bucket", Key="o")["Grants"]] == ["READ"]
    assert failure(s3.get_object_acl, Bucket="acl-bucket", Key="missing")[0]["Code"] == "NoSuchKey"


@check("Object Lock")
def object_lock():
    s3.create_bucket(Bucket="lock-bucket", ObjectLockEnabledForBucket=True)
    assert s3.get_bucket_versioning(Bucket="lock-bucket")["Status"] == "Enabled"
    config = s3.get_object_lock_configuration(Bucket="lock-bucket")["ObjectLockConfiguration"]
    assert config == {"ObjectLockEnabled": "Enabled"}, config
    s3.create_bucket(Bucket="plain-bucket")
    error, status = failure(s3.get_object_lock_configuration, Bucket="plain-bucket")
    assert (error["Code"], status) == ("ObjectLockConfigurationNotFoundError", 404), error
    s3.put_object(Bucket="plain-bucket", Key="k", Body=b"x")
    assert failure(s3.get_object_retention, Bucket="plain-bucket", Key="k")[0]["Message"] == (
        "Bucket is missing Object Lock Configuration"
    )
    until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    version = s3.put_object(
        Bucket="lock-bucket", Key="k", Body=b"x", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until
    )["VersionId"]
    head = s3.head_object(Bucket="lock-bucket", Key="k")
    assert head["ObjectLockMode"] == "GOVERNANCE" and head["ObjectLockRetainUntilDate"] > until - datetime.timedelta(seconds=2)
    error, status = failure(s3.delete_object, Bucket="lock-bucket", Key="k", VersionId=version)
    assert (error["Code"], status) == ("AccessDenied", 403), error
    s3.put_object_legal_hold(Bucket="lock-bucket", Key="k", LegalHold={"Status": "ON"})
    assert s3.get_object_legal_hold(Bucket="lock-bucket", Key="k")["LegalHold"] == {"Status": "ON"}
    assert failure(
        s3.delete_object, Bucket="lock-bucket", Key="k", VersionId=version, BypassGovernanceRetention=True
    )[0]["Code"] == "AccessDenied"
    s3.put_object_legal_hold(Bucket="lock-bucket", Key="k", LegalHold={"Status": "OFF"})
    s3.delete_object(Bucket="lock-bucket", Key="k", VersionId=version, BypassGovernanceRetention=True)
    s3.put_object_lock_configuration(
        Bucket="lock-bucket",
        ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 1}}},
    )
    s3.put_object(Bucket="lock-bucket", Key="default", Body=b"x")
    retention = s3.get_object_retention(Bucket="lock-bucket", Key="default")["Retention"]
    assert retention["Mode"] == "COMPLIANCE", retention
    assert failure(s3.get_object_legal_hold, Bucket="lock-bucket", Key="default")[0]["Code"] == (
        "NoSuchObjectLockConfiguration"
    )


@check("encryption")
def encryption():
    s3.create_bucket(Bucket="sse-bucket")
    assert s3.put_object(Bucket="sse-bucket", Key="s3", Body=b"x")["ServerSideEncryption"] == "AES256"
    s3.put_bucket_encryption(
        Bucket="sse-bucket",
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "my-key"}, "BucketKeyEnabled": True}]
        },
    )
    put = s3.put_object(Bucket="sse-bucket", Key="kms", Body=b"x")
    assert (put["ServerSideEncryption"], put["SSEKMSKeyId"], put["BucketKeyEnabled"]) == ("aws:kms", "my-key", True), put
    head = s3.head_object(Bucket="sse-bucket", Key="kms")
    assert (head["ServerSideEncryption"], head["SSEKMSKeyId"]) == ("aws:kms", "my-key"), head
    key = "k" * 32
    s3.put_object(Bucket="sse-bucket", Key="customer", Body=b"secret", SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    error, status = failure(s3.get_object, Bucket="sse-bucket", Key="customer")
    assert (error["Code"], status) == ("InvalidRequest", 400), error
    got = s3.get_object(Bucket="sse-bucket", Key="customer", SSECustomerAlgorithm="AES256", SSECustomerKey=key)
    assert got["Body"].read() == b"secret" and got["SSECustomerAlgorithm"] == "AES256"


@check("GetObjectAttributes, storage classes, RestoreObject")
def attributes():
    s3.create_bucket(Bucket="attr-bucket")
    s3.put_object(Bucket="attr-bucket", Key="k", Body=b"hello", ChecksumAlgorithm="SHA256")
    attributes = s3.get_object_attributes(
        Bucket="attr-bucket", Key="k", ObjectAttributes=["ETag", "ObjectSize", "StorageClass", "Checksum"]
    )
    assert attributes["ObjectSize"] == 5 and attributes["StorageClass"] == "STANDARD", attributes
    assert not attributes["ETag"].startswith('"') and "ChecksumSHA256" in attributes["Checksum"], attributes
    error, status = failure(s3.restore_object, Bucket="attr-bucket", Key="k", RestoreRequest={"Days": 1})
    assert (error["Code"], status) == ("InvalidObjectState", 403), error
    s3.put_object(Bucket="attr-bucket", Key="cold", Body=b"frozen", StorageClass="GLACIER")
    listed = s3.list_objects_v2(Bucket="attr-bucket", Prefix="cold")["Contents"]
    assert listed[0]["StorageClass"] == "GLACIER", listed
    error, status = failure(s3.get_object, Bucket="attr-bucket", Key="cold")
    assert (error["Code"], status) == ("InvalidObjectState", 403), error
    restored = s3.restore_object(Bucket="attr-bucket", Key="cold", RestoreRequest={"Days": 2})
    assert restored["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert 'ongoing-request="false"' in s3.head_object(Bucket="attr-bucket", Key="cold")["Restore"]
    assert s3.get_object(Bucket="attr-bucket", Key="cold")["Body"].read() == b"frozen"
    again = s3.restore_object(Bucket="attr-bucket", Key="cold", RestoreRequest={"Days": 2})
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 200
    error, status = failure(s3.put_object, Bucket="attr-bucket", Key="bad", Body=b"x", StorageClass="ICY")
    expected = ("InvalidStorageClass", "The storage class you specified is not valid", "ICY", 400)
    assert (error["Code"], error["Message"], error.get("StorageClassRequested"), status) == expected, error


def form_post(url, fields, file_name, content):
    """POSTs a multipart/form-data form (fields, then the file) with the standard library."""
    import urllib.error
    import urllib.request

    boundary = "----localcloudformboundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@check("presigned POST")
def presigned_post():
    s3.create_bucket(Bucket="post-bucket")
    post = s3.generate_presigned_post(
        "post-bucket",
        "uploads/${filename}",
        Fields={"Content-Type": "text/plain", "x-amz-meta-owner": "form"},
        Conditions=[
            {"Content-Type": "text/plain"},
            ["starts-with", "$key", "uploads/"],
            ["content-length-range", 1, 10],
            {"x-amz-meta-owner": "form"},
            ["starts-with", "$success_action_status", ""],
        ],
    )
    status, text = form_post(post["url"], post["fields"], "hello.txt", b"hello")
    assert status == 204, text
    stored = s3.get_object(Bucket="post-bucket", Key="uploads/hello.txt")
    assert (stored["ContentType"], stored["Metadata"], stored["Body"].read()) == ("text/plain", {"owner": "form"}, b"hello")
    status, text = form_post(post["url"], post["fields"], "big.txt", b"x" * 11)
    assert status == 400 and "<Code>EntityTooLarge</Code>" in text, text
    wrong_type = dict(post["fields"], **{"Content-Type": "image/png"})
    status, text = form_post(post["url"], wrong_type, "a.txt", b"a")
    assert status == 403 and "Policy Condition failed" in text, text
    status, text = form_post(post["url"], dict(post["fields"], success_action_status="201"), "c.txt", b"abc")
    assert status == 201 and "<Key>uploads/c.txt</Key>" in text, text
    # Every form field needs a condition (but the signature, the policy, the file and x-ignore-* fields).
    status, text = form_post(post["url"], dict(post["fields"], **{"x-amz-meta-extra": "1"}), "d.txt", b"d")
    assert status == 403 and "Invalid according to Policy: Extra input fields: x-amz-meta-extra" in text, text
    status, text = form_post(post["url"], dict(post["fields"], **{"x-ignore-note": "1"}), "e.txt", b"e")
    assert status == 204, text


report()
