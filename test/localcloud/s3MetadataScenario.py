# S3 Metadata configurations (V1 table, V2 journal/inventory tables) and UpdateObjectEncryption through boto3
# against the local cloud (argv[1]: endpoint). These operations arrived in botocore 1.36-1.40: with an older
# botocore (Debian's python3-boto3) the checks are left to the SDK v3 test and the script says which it ran.
# Prints the checks it ran; exits non-zero on the first mismatch.
import sys

import boto3
from scenarioChecks import check, failure, report

s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1")
ACCOUNT = "123456789012"
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
s3.create_bucket(Bucket="meta-bucket")
s3.create_bucket(Bucket="meta-v1")


def metadata_v2():
    error, status = failure(s3.get_bucket_metadata_configuration, Bucket="meta-bucket")
    assert (error["Code"], status) == ("MetadataConfigurationNotFound", 404), error
    error, _ = failure(
        s3.create_bucket_metadata_configuration,
        Bucket="meta-bucket",
        MetadataConfiguration={"JournalTableConfiguration": {"RecordExpiration": {"Expiration": "ENABLED", "Days": 3}}},
    )
    assert error["Code"] == "InvalidArgument", error
    s3.create_bucket_metadata_configuration(
        Bucket="meta-bucket",
        MetadataConfiguration={
            "JournalTableConfiguration": {
                "RecordExpiration": {"Expiration": "ENABLED", "Days": 30},
                "EncryptionConfiguration": {"SseAlgorithm": "AES256"},
            },
            "InventoryTableConfiguration": {"ConfigurationState": "DISABLED"},
        },
    )
    result = s3.get_bucket_metadata_configuration(Bucket="meta-bucket")["GetBucketMetadataConfigurationResult"]
    configuration = result["MetadataConfigurationResult"]
    table_bucket = f"arn:aws:s3tables:us-east-1:{ACCOUNT}:bucket/aws-s3"
    assert configuration["DestinationResult"] == {
        "TableBucketType": "aws",
        "TableBucketArn": table_bucket,
        "TableNamespace": "b_meta_bucket",
    }, configuration
    journal = configuration["JournalTableConfigurationResult"]
    assert (journal["TableStatus"], journal["TableName"]) == ("ACTIVE", "journal"), journal
    assert journal["TableArn"].startswith(table_bucket + "/table/"), journal
    assert journal["RecordExpiration"] == {"Expiration": "ENABLED", "Days": 30}, journal
    assert "EncryptionConfiguration" not in journal, journal
    assert configuration["InventoryTableConfigurationResult"] == {"ConfigurationState": "DISABLED"}, configuration
    error, status = failure(
        s3.create_bucket_metadata_configuration,
        Bucket="meta-bucket",
        MetadataConfiguration={"JournalTableConfiguration": {"RecordExpiration": {"Expiration": "DISABLED"}}},
    )
    assert status == 409, error
    s3.update_bucket_metadata_inventory_table_configuration(
        Bucket="meta-bucket", InventoryTableConfiguration={"ConfigurationState": "ENABLED"}
    )
    s3.update_bucket_metadata_journal_table_configuration(
        Bucket="meta-bucket", JournalTableConfiguration={"RecordExpiration": {"Expiration": "DISABLED"}}
    )
    configuration = s3.get_bucket_metadata_configuration(Bucket="meta-bucket")["GetBucketMetadataConfigurationResult"][
        "MetadataConfigurationResult"
    ]
    inventory = configuration["InventoryTableConfigurationResult"]
    assert (inventory["ConfigurationState"], inventory["TableStatus"], inventory["TableName"]) == (
        "ENABLED",
        "ACTIVE",
        "inventory",
    ), inventory
    assert configuration["JournalTableConfigurationResult"]["RecordExpiration"] == {"Expiration": "DISABLED"}
    # The V1 operations refuse a V2 configuration with 405.
    assert failure(s3.get_bucket_metadata_table_configuration, Bucket="meta-bucket")[1] == 405
    s3.delete_bucket_metadata_configuration(Bucket="meta-bucket")
    assert failure(s3.delete_bucket_metadata_configuration, Bucket="meta-bucket")[0]["Code"] == "MetadataConfigurationNotFound"
    error, _ = failure(
        s3.update_bucket_metadata_journal_table_configuration,
        Bucket="meta-bucket",
        JournalTableConfiguration={"RecordExpiration": {"Expiration": "DISABLED"}},
    )
    assert error["Code"] == "MetadataConfigurationNotFound", error


def metadata_v1():
    table_bucket = f"arn:aws:s3tables:us-east-1:{ACCOUNT}:bucket/my-tables"
    error, _ = failure(
        s3.create_bucket_metadata_table_configuration,
        Bucket="meta-v1",
        MetadataTableConfiguration={
            "S3TablesDestination": {"TableBucketArn": table_bucket.replace("us-east-1", "eu-west-1"), "TableName": "t"}
        },
    )
    assert error["Code"] == "InvalidRequest", error
    s3.create_bucket_metadata_table_configuration(
        Bucket="meta-v1",
        MetadataTableConfiguration={"S3TablesDestination": {"TableBucketArn": table_bucket, "TableName": "meta_v1"}},
    )
    result = s3.get_bucket_metadata_table_configuration(Bucket="meta-v1")["GetBucketMetadataTableConfigurationResult"]
    destination = result["MetadataTableConfigurationResult"]["S3TablesDestinationResult"]
    assert result["Status"] == "ACTIVE", result
    assert (destination["TableBucketArn"], destination["TableName"], destination["TableNamespace"]) == (
        table_bucket,
        "meta_v1",
        "aws_s3_metadata",
    ), destination
    assert destination["TableArn"].startswith(table_bucket + "/table/"), destination
    # V2's Get reads a V1 configuration as a customer-managed journal table.
    v2 = s3.get_bucket_metadata_configuration(Bucket="meta-v1")["GetBucketMetadataConfigurationResult"][
        "MetadataConfigurationResult"
    ]
    assert v2["DestinationResult"]["TableBucketType"] == "customer", v2
    assert v2["JournalTableConfigurationResult"]["TableArn"] == destination["TableArn"], v2
    s3.delete_bucket_metadata_table_configuration(Bucket="meta-v1")
    error, status = failure(s3.get_bucket_metadata_table_configuration, Bucket="meta-v1")
    assert (error["Code"], status) == ("MetadataConfigurationNotFound", 404), error


def update_object_encryption():
    s3.put_object(Bucket="meta-bucket", Key="doc", Body=b"hello")
    before = s3.head_object(Bucket="meta-bucket", Key="doc")
    assert before["ServerSideEncryption"] == "AES256", before
    s3.update_object_encryption(
        Bucket="meta-bucket",
        Key="doc",
        ObjectEncryption={"SSEKMS": {"KMSKeyArn": KEY_ARN, "BucketKeyEnabled": True}},
    )
    after = s3.head_object(Bucket="meta-bucket", Key="doc")
    assert (after["ServerSideEncryption"], after["SSEKMSKeyId"], after["BucketKeyEnabled"]) == ("aws:kms", KEY_ARN, True)
    assert (after["ETag"], after["LastModified"]) == (before["ETag"], before["LastModified"]), after
    error, status = failure(
        s3.update_object_encryption,
        Bucket="meta-bucket",
        Key="missing",
        ObjectEncryption={"SSEKMS": {"KMSKeyArn": KEY_ARN}},
    )
    assert (error["Code"], status) == ("NoSuchKey", 404), error
    other_account = KEY_ARN.replace(ACCOUNT, "210987654321")
    error, status = failure(
        s3.update_object_encryption,
        Bucket="meta-bucket",
        Key="doc",
        ObjectEncryption={"SSEKMS": {"KMSKeyArn": other_account}},
    )
    assert (error["Code"], status) == ("AccessDenied", 403), error


if hasattr(s3, "create_bucket_metadata_configuration"):
    check("metadata configuration (V2): journal and inventory tables")(metadata_v2)
    check("metadata table configuration (V1)")(metadata_v1)
if hasattr(s3, "update_object_encryption"):
    check("UpdateObjectEncryption")(update_object_encryption)
report()
