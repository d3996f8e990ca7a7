{{ config(materialized='view', unique_key=['payer', 'submitted_month'], tags=['kpi'],
          trace=["fact_claim: up.payer = row.payer and cast(date_trunc('month', up.submitted_date) as date) = row.submitted_month"]) }}
-- Share of claims denied, by payer and month of submission.
select f.payer,
       cast(date_trunc('month', f.submitted_date) as date)                               as submitted_month,
       count(*)                                                                           as claims,
       sum(case when f.status = 'denied' then 1 else 0 end)                               as denied,
       round(100.0 * sum(case when f.status = 'denied' then 1 else 0 end) / count(*), 2) as denial_rate_pct
from {{ ref('fact_claim') }} as f
group by f.payer, cast(date_trunc('month', f.submitted_date) as date)
