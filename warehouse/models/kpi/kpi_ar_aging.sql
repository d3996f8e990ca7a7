{{ config(materialized='view', unique_key='aging_bucket', tags=['kpi'],
          trace=["int_open_claim_aging: up.aging_bucket = row.aging_bucket"]) }}
-- Accounts receivable aging: open balances by days since submission, as of the drop's time.
select aging_bucket,
       min(bucket_order) as bucket_order,
       count(*)          as open_claims,
       sum(balance)      as balance
from {{ ref('int_open_claim_aging') }}
group by aging_bucket
