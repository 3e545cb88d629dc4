# S3 versioning through boto3 against the local cloud (argv[1]: endpoint): versions on PUT, delete markers, reads
# and deletes by version id, ListObjectVersions paging, suspended versioning, and what S3 answers for each miss.
# Prints the checks it ran; exits non-zero on the first mismatch.
import sys

import boto3
from scenarioChecks import check, failed_response, report

s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")


s3.create_bucket(Bucket="versioned")
s3.put_object(Bucket="versioned", Key="doc", Body=b"before versioning")


@check("versions on put, reads by id, delete markers")
def versions():
    assert "Status" not in s3.get_bucket_versioning(Bucket="versioned")
    s3.put_bucket_versioning(Bucket="versioned", VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket="versioned")["Status"] == "Enabled"
    first = s3.put_object(Bucket="versioned", Key="doc", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket="versioned", Key="doc", Body=b"two")["VersionId"]
    assert first != second and first != "null"
    assert s3.get_object(Bucket="versioned", Key="doc", VersionId=first)["Body"].read() == b"one"
    assert s3.get_object(Bucket="versioned", Key="doc", VersionId="null")["Body"].read() == b"before versioning"
    current = s3.head_object(Bucket="versioned", Key="doc")
    assert current["VersionId"] == second, current
    deleted = s3.delete_object(Bucket="versioned", Key="doc")
    assert deleted["DeleteMarker"] is True and deleted["VersionId"] not in (first, second)
    response = failed_response(s3.get_object, Bucket="versioned", Key="doc")
    assert response["Error"]["Code"] == "NoSuchKey"
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "true"
    assert failed_response(s3.get_object, Bucket="versioned", Key="doc", VersionId=deleted["VersionId"])[
        "ResponseMetadata"
    ]["HTTPStatusCode"] == 405
    missing = failed_response(s3.get_object, Bucket="versioned", Key="doc", VersionId="doesnotexist")["Error"]
    assert (missing["Code"], missing["Message"]) == ("NoSuchVersion", "The specified version does not exist."), missing
    assert s3.list_objects_v2(Bucket="versioned")["KeyCount"] == 0
    # Removing the delete marker brings the newest version back.
    undeleted = s3.delete_object(Bucket="versioned", Key="doc", VersionId=deleted["VersionId"])
    assert (undeleted["DeleteMarker"], undeleted["VersionId"]) == (True, deleted["VersionId"]), undeleted
    assert s3.get_object(Bucket="versioned", Key="doc")["Body"].read() == b"two"
    copied = s3.copy_object(Bucket="versioned", Key="copy", CopySource={"Bucket": "versioned", "Key": "doc", "VersionId": first})
    assert copied["CopySourceVersionId"] == first and copied["VersionId"]
    assert s3.get_object(Bucket="versioned", Key="copy")["Body"].read() == b"one"


@check("ListObjectVersions with paging")
def listing():
    listed = s3.list_object_versions(Bucket="versioned", Prefix="doc")
    assert [(v["IsLatest"], v["VersionId"] == "null") for v in listed["Versions"]] == [
        (True, False),
        (False, False),
        (False, True),
    ], listed["Versions"]
    assert "DeleteMarkers" not in listed
    seen = []
    kwargs = {"Bucket": "versioned", "MaxKeys": 2}
    while True:
        page = s3.list_object_versions(**kwargs)
        seen += [(v["Key"], v["VersionId"]) for v in page.get("Versions", [])]
        if not page["IsTruncated"]:
            break
        kwargs.update(KeyMarker=page["NextKeyMarker"], VersionIdMarker=page["NextVersionIdMarker"])
    everything = s3.list_object_versions(Bucket="versioned")
    assert seen == [(v["Key"], v["VersionId"]) for v in everything["Versions"]] and len(seen) == 4, seen
    paginated = [
        v["VersionId"]
        for page in s3.get_paginator("list_object_versions").paginate(Bucket="versioned", PaginationConfig={"PageSize": 1})
        for v in page.get("Versions", [])
    ]
    assert len(paginated) == 4, paginated


@check("suspended versioning, DeleteObjects by version, BucketNotEmpty")
def suspended():
    s3.put_bucket_versioning(Bucket="versioned", VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket="versioned")["Status"] == "Suspended"
    s3.put_object(Bucket="versioned", Key="doc", Body=b"suspended")
    nulls = [v for v in s3.list_object_versions(Bucket="versioned", Prefix="doc")["Versions"] if v["VersionId"] == "null"]
    assert len(nulls) == 1 and nulls[0]["IsLatest"], nulls
    assert s3.delete_object(Bucket="versioned", Key="doc")["VersionId"] == "null"
    assert failed_response(s3.delete_bucket, Bucket="versioned")["Error"]["Code"] == "BucketNotEmpty"
    listed = s3.list_object_versions(Bucket="versioned")
    targets = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in listed["Versions"] + listed["DeleteMarkers"]]
    result = s3.delete_objects(Bucket="versioned", Delete={"Objects": targets})
    assert len(result["Deleted"]) == len(targets) and "Errors" not in result, result
    markers = [d for d in result["Deleted"] if d.get("DeleteMarker")]
    assert len(markers) == 1 and markers[0]["DeleteMarkerVersionId"] == "null", markers
    s3.delete_bucket(Bucket="versioned")


report()
