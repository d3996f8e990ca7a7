{{ config(materialized='view', unique_key='claim_pk', tags=['intermediate'],
          trace=["fact_claim: up.claim_pk = row.claim_pk"]) }}
-- Each open claim (a balance still owed) with its days since submission as of the drop's time, and its aging bucket.
-- A model of its own so that an aging bucket can be traced to its claims: the bucket rests on the drop's time.
select claim_pk,
       balance,
       case when age_days <= 30 then '0-30'
            when age_days <= 60 then '31-60'
            when age_days <= 90 then '61-90'
            else '90+' end                  as aging_bucket,
       case when age_days <= 30 then 1
            when age_days <= 60 then 2
            when age_days <= 90 then 3
            else 4 end                      as bucket_order
from (
    select claim_pk, balance, {{ days_between('submitted_date', as_of()) }} as age_days
    from {{ ref('fact_claim') }}
    where balance > 0
) as open_claims
