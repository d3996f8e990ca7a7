{{ config(materialized='view', tags=['kpi']) }}
-- Accounts receivable aging: open balances by days since submission, as of the drop's time.
select case when age_days <= 30 then '0-30'
            when age_days <= 60 then '31-60'
            when age_days <= 90 then '61-90'
            else '90+' end                          as aging_bucket,
       min(case when age_days <= 30 then 1
                when age_days <= 60 then 2
                when age_days <= 90 then 3
                else 4 end)                         as bucket_order,
       count(*)                                     as open_claims,
       sum(balance)                                 as balance
from (
    select balance, {{ days_between('submitted_date', as_of()) }} as age_days
    from {{ ref('fact_claim') }}
    where balance > 0
) as open_claims
group by 1
