{{ config(materialized='view', unique_key=['payer', 'submitted_month'], tags=['kpi'],
          trace=["fact_claim: up.payer = row.payer and cast(date_trunc('month', up.submitted_date) as date) = row.submitted_month"]) }}
-- Billed, allowed and paid by payer and month of submission.
select f.payer,
       cast(date_trunc('month', f.submitted_date) as date) as submitted_month,
       count(*)                                             as claims,
       sum(f.billed_amount)                                 as billed,
       sum(f.allowed_amount)                                as allowed,
       sum(f.paid_amount)                                   as paid
from {{ ref('fact_claim') }} as f
group by f.payer, cast(date_trunc('month', f.submitted_date) as date)
