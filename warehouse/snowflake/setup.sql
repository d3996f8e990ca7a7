-- HealthDw on Snowflake: one-time setup, run by an administrator (ACCOUNTADMIN, or SYSADMIN + SECURITYADMIN
-- for the parts each may do) in a worksheet or with SnowSQL, top to bottom. Every statement can be run again.
--
-- Replace the <...> placeholders first:
--   <bucket>             the drop bucket (the one with raw_files/, processed/, error_files/)
--   <aws_account_id>     the AWS account that owns the bucket
--   <snowflake_s3_role>  the IAM role Snowflake will assume to read the bucket (created in step 7)
--   <rsa_public_key>     the service user's public key, base64 DER without the BEGIN/END lines (step 5)
--
-- Names: every object here is created unquoted, so Snowflake stores it upper case (healthdw_loader is HEALTHDW_LOADER).
-- infra-cdk/stages.json names them as written here; the functions send the stored (upper-case) form, as the SQL API
-- requires (SnowflakeIdentifier). To use a quoted, mixed-case name, quote it both here and in stages.json.
-- ShippedNamesTests checks that every name in stages.json resolves to an object this script creates.
--
-- What the pipeline creates itself, at its first run (SnowflakeWarehouse.EnsureSchemaAsync): the audit tables
-- (load_ledger, write_lock, file_rejections, check_results, drop_publications, alert_window) and one staging table per contract.
-- What it creates per drop: a build_<drop> schema, swapped in as analytics when the drop's checks pass.

------------------------------------------------------------------------------------------------------------------------
-- 1. Database and schemas. staging holds the loaded files, analytics the published star schema, audit the ledger and
--    the check history. Created here so that grants can be given on them before the pipeline first runs.
------------------------------------------------------------------------------------------------------------------------
use role sysadmin;

create database if not exists healthdw
    comment = 'HealthDw: EMR extracts loaded exactly once, modelled into a star schema';
create schema if not exists healthdw.staging   comment = 'One table per file contract; every row keeps its file, version and line';
create schema if not exists healthdw.analytics comment = 'The published star schema; replaced as a whole by a checked build';
create schema if not exists healthdw.audit     comment = 'Load ledger, rejections, check results, publish decisions';

------------------------------------------------------------------------------------------------------------------------
-- 2. A warehouse for the pipeline alone: the smallest size, suspended after 60 s idle, resumed by the next statement.
--    Loads and model builds are short bursts twice a day; an XSMALL suspended most of the day costs little.
------------------------------------------------------------------------------------------------------------------------
create warehouse if not exists healthdw_wh
    warehouse_size = xsmall
    auto_suspend = 60
    auto_resume = true
    initially_suspended = true
    comment = 'HealthDw loads, model builds and checks';

------------------------------------------------------------------------------------------------------------------------
-- 3. The CSV file format, the same rules as the local loader: comma-separated, one header line, '"' quoting with
--    doubled quotes inside, UTF-8 (a BOM is skipped), an empty cell is NULL and nothing else is (no '\N' as NULL), no
--    backslash escapes. The loader's COPY spells these options out itself (so a change here cannot change a load);
--    this named format is for people querying the stage by hand:
--      select $1, $2 from @healthdw.staging.raw_stage/raw_files/<file>.csv (file_format => 'healthdw.staging.csv_format');
------------------------------------------------------------------------------------------------------------------------
create file format if not exists healthdw.staging.csv_format
    type = csv
    field_delimiter = ','
    skip_header = 1
    field_optionally_enclosed_by = '"'
    escape = none
    escape_unenclosed_field = none
    encoding = 'UTF8'
    skip_byte_order_mark = true
    empty_field_as_null = true
    null_if = ()
    error_on_column_count_mismatch = true
    date_format = 'YYYY-MM-DD'
    timestamp_format = 'YYYY-MM-DD HH24:MI:SS'
    comment = 'The vendor''s extracts: RFC 4180 CSV with a header, UTF-8';

------------------------------------------------------------------------------------------------------------------------
-- 4. The pipeline's role, with only what the pipeline does:
--    - run statements on its warehouse;
--    - create and drop its per-drop build schemas (CREATE SCHEMA on the database; it owns what it creates);
--    - own analytics: ALTER SCHEMA analytics SWAP WITH build_<drop> requires owning both schemas;
--    - create tables in staging and audit (the staging tables, the per-load transient tables _load_<id>, the audit
--      tables), which it then owns; it cannot drop or alter the schemas themselves;
--    - read the drop bucket through the stage, with the file format.
--    It cannot create stages or integrations, so it can read no other bucket than the one the stage points at.
------------------------------------------------------------------------------------------------------------------------
use role securityadmin;

create role if not exists healthdw_loader comment = 'The HealthDw pipeline (Lambda steps over the SQL API)';
grant role healthdw_loader to role sysadmin;  -- so administrators can see and fix what the pipeline owns

grant usage on warehouse healthdw_wh to role healthdw_loader;
grant usage on database healthdw to role healthdw_loader;
grant create schema on database healthdw to role healthdw_loader;
grant usage, create table on schema healthdw.staging to role healthdw_loader;
grant usage, create table on schema healthdw.audit to role healthdw_loader;
grant ownership on schema healthdw.analytics to role healthdw_loader copy current grants;
grant usage on file format healthdw.staging.csv_format to role healthdw_loader;
-- The stage's grant is in step 8, once the stage exists.

-- Optional: a read-only role for reports. A schema swap also swaps the grants made on the schemas and their objects,
-- so grant at the database level, on future tables and views, which every build schema's objects then receive.
-- create role if not exists healthdw_reader;
-- grant usage on database healthdw to role healthdw_reader;
-- grant usage on future schemas in database healthdw to role healthdw_reader;
-- grant select on future tables in database healthdw to role healthdw_reader;
-- grant select on future views in database healthdw to role healthdw_reader;

------------------------------------------------------------------------------------------------------------------------
-- 5. The service user the Lambdas sign in as: key-pair authentication only (the SQL API's JWT), no password, no
--    interactive login. Make the key pair once, keep the private key in the pipeline's secret and give only the public
--    key here:
--      openssl genrsa 2048 | openssl pkcs8 -topk8 -inform PEM -out rsa_key.p8 -nocrypt
--      openssl rsa -in rsa_key.p8 -pubout -out rsa_key.pub
--    then paste rsa_key.pub without its BEGIN/END lines. To rotate: set RSA_PUBLIC_KEY_2 to the new key, switch the
--    secret, then unset RSA_PUBLIC_KEY. DESCRIBE USER shows RSA_PUBLIC_KEY_FP, the fingerprint the JWT must name.
------------------------------------------------------------------------------------------------------------------------
use role useradmin;

create user if not exists healthdw_svc
    type = service
    default_role = healthdw_loader
    default_warehouse = healthdw_wh
    default_namespace = healthdw.staging
    rsa_public_key = '<rsa_public_key>'
    comment = 'HealthDw pipeline (SQL API, key-pair JWT)';

use role securityadmin;
grant role healthdw_loader to user healthdw_svc;

------------------------------------------------------------------------------------------------------------------------
-- 6. The storage integration: Snowflake reads the bucket by assuming an IAM role in your AWS account; no AWS key is
--    stored in Snowflake. STORAGE_ALLOWED_LOCATIONS limits every stage made with this integration to the bucket.
------------------------------------------------------------------------------------------------------------------------
use role accountadmin;  -- CREATE INTEGRATION is an account-level privilege

create storage integration if not exists healthdw_s3
    type = external_stage
    storage_provider = 'S3'
    enabled = true
    storage_aws_role_arn = 'arn:aws:iam::<aws_account_id>:role/<snowflake_s3_role>'
    storage_allowed_locations = ('s3://<bucket>/')
    comment = 'HealthDw drop bucket, read-only through the raw stage';

------------------------------------------------------------------------------------------------------------------------
-- 7. Trust, on the AWS side. DESC INTEGRATION shows two values Snowflake generated for this integration:
--      STORAGE_AWS_IAM_USER_ARN  the Snowflake principal that will assume the role;
--      STORAGE_AWS_EXTERNAL_ID   the external id it will present.
--    Put both in the trust policy of <snowflake_s3_role>:
--      Principal: { "AWS": "<STORAGE_AWS_IAM_USER_ARN>" }, Action: sts:AssumeRole,
--      Condition: { "StringEquals": { "sts:ExternalId": "<STORAGE_AWS_EXTERNAL_ID>" } }
--    and give the role s3:GetObject and s3:GetObjectVersion on arn:aws:s3:::<bucket>/* and s3:ListBucket on
--    arn:aws:s3:::<bucket> (the pipeline only reads through Snowflake; moving files is the Lambdas' job).
--    The external id changes if the integration is re-created (CREATE OR REPLACE): update the trust policy then.
------------------------------------------------------------------------------------------------------------------------
desc integration healthdw_s3;

------------------------------------------------------------------------------------------------------------------------
-- 8. The external stage on the bucket's root: an object key (raw_files/<file>.csv) is its path in the stage, which is
--    what the loader's COPY ... FILES = ('<key>') names. Owned by SYSADMIN; the pipeline may only use it.
--    Check it once the trust policy is in place:  list @healthdw.staging.raw_stage/raw_files/;
------------------------------------------------------------------------------------------------------------------------
grant usage on integration healthdw_s3 to role sysadmin;
use role sysadmin;

create stage if not exists healthdw.staging.raw_stage
    storage_integration = healthdw_s3
    url = 's3://<bucket>/'
    file_format = healthdw.staging.csv_format
    comment = 'The drop bucket; the loader COPYs one object key at a time';

use role securityadmin;
grant usage on stage healthdw.staging.raw_stage to role healthdw_loader;
-- So that `healthdw doctor --aws` can read DESC INTEGRATION (USAGE is the privilege it needs) and check that the integration
-- assumes the stack's role. It lets the role name no other bucket: every stage made with the integration is held to
-- STORAGE_ALLOWED_LOCATIONS (this bucket), and the IAM role reads raw_files/ only.
use role accountadmin;
grant usage on integration healthdw_s3 to role healthdw_loader;
