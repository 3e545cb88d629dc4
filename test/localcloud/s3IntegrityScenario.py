# S3 upload integrity and read details through boto3 against the local cloud (argv[1]: endpoint): flexible
# checksums verified (BadDigest / InvalidRequest / InvalidDigest in AWS's words), listings with owners and checksum
# algorithms, GetObject/HeadObject by part number. Prints the checks it ran; exits non-zero on the first mismatch.
import base64
import hashlib
import sys

import boto3
from scenarioChecks import check, failure, report

s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
s3.create_bucket(Bucket="integrity")
DATA = b"123456789"
# The CRC-32C check value of "123456789" (its specification's test vector); CRC-64/NVME is unit-tested (older
# botocore, as Debian's, cannot send it).
CRC32C = base64.b64encode(bytes.fromhex("e3069283")).decode()
SHA1 = base64.b64encode(hashlib.sha1(DATA).digest()).decode()


@check("flexible checksums and Content-MD5 are verified")
def checksums():
    assert s3.put_object(Bucket="integrity", Key="c32c", Body=DATA, ChecksumCRC32C=CRC32C)["ChecksumCRC32C"] == CRC32C
    s3.put_object(Bucket="integrity", Key="csha1", Body=DATA, ChecksumSHA1=SHA1)
    sha256 = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    error, status = failure(s3.put_object, Bucket="integrity", Key="bad", Body=DATA, ChecksumSHA256=sha256)
    assert (error["Code"], error["Message"], status) == (
        "BadDigest",
        "The SHA256 you specified did not match the calculated checksum.",
        400,
    ), error
    error, _ = failure(s3.put_object, Bucket="integrity", Key="bad", Body=DATA, ChecksumCRC32C="AAAAAAAA")
    assert (error["Code"], error["Message"]) == ("InvalidRequest", "Value for x-amz-checksum-crc32c header is invalid."), error
    error, _ = failure(s3.put_object, Bucket="integrity", Key="bad", Body=DATA, ContentMD5="not-an-md5")
    assert (error["Code"], error["Message"]) == ("InvalidDigest", "The Content-MD5 you specified is not valid."), error
    assert failure(s3.head_object, Bucket="integrity", Key="bad")[1] == 404
    head = s3.head_object(Bucket="integrity", Key="csha1", ChecksumMode="ENABLED")
    assert head["ChecksumSHA1"] == SHA1, head


@check("listings: owners (always in V1, on request in V2) and checksum algorithms")
def listings():
    v1 = s3.list_objects(Bucket="integrity", Prefix="c")["Contents"]
    assert all("Owner" in item for item in v1), v1
    v2 = s3.list_objects_v2(Bucket="integrity", Prefix="c")["Contents"]
    assert not any("Owner" in item for item in v2), v2
    owned = s3.list_objects_v2(Bucket="integrity", Prefix="c", FetchOwner=True)["Contents"]
    assert all(item["Owner"]["ID"] for item in owned), owned
    assert {item["Key"]: item.get("ChecksumAlgorithm") for item in owned} == {
        "c32c": ["CRC32C"],
        "csha1": ["SHA1"],
    }, owned


@check("GetObject and HeadObject by part number")
def part_numbers():
    upload = s3.create_multipart_upload(Bucket="integrity", Key="parts")["UploadId"]
    first = b"a" * (5 * 1024 * 1024)
    etags = [
        s3.upload_part(Bucket="integrity", Key="parts", UploadId=upload, PartNumber=number, Body=body)["ETag"]
        for number, body in ((1, first), (2, b"tail"))
    ]
    s3.complete_multipart_upload(
        Bucket="integrity",
        Key="parts",
        UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": n + 1, "ETag": etag} for n, etag in enumerate(etags)]},
    )
    second = s3.get_object(Bucket="integrity", Key="parts", PartNumber=2)
    assert second["Body"].read() == b"tail", second
    assert (second["ContentRange"], second["PartsCount"]) == (f"bytes {len(first)}-{len(first) + 3}/{len(first) + 4}", 2)
    assert s3.head_object(Bucket="integrity", Key="parts", PartNumber=1)["ContentLength"] == len(first)
    error, status = failure(s3.get_object, Bucket="integrity", Key="parts", PartNumber=3)
    assert (error["Code"], status) == ("InvalidPartNumber", 416), error
    single = s3.get_object(Bucket="integrity", Key="c32c", PartNumber=1)
    assert (single["ContentRange"], single["Body"].read()) == ("bytes 0-8/9", DATA), single


report()
