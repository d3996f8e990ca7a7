{{ config(materialized='incremental', unique_key='claim_pk', tags=['fact'],
          trace=["stg_billing__claim: up.claimpk = row.claim_pk",
                 "stg_chart__appointment: up.apptpk = row.appointment_pk",
                 "dim_provider: up.provider_pk = row.provider_pk",
                 "stg_billing__payment: up.claimpk = row.claim_pk"]) }}
-- One row per claim with what was billed, allowed and paid, and the balance still owed.
-- Each drop merges the claims it changed, and the claims it brought payments for.
select c.claimpk                                      as claim_pk,
       c.apptpk                                       as appointment_pk,
       a.patient_uid,
       p.provider_pk,
       c.payer,
       c.cpt_codepk                                   as cpt_code_pk,
       c.status,
       cast(c.submitted_at as date)                   as submitted_date,
       c.billed_amount,
       coalesce(c.allowed_amount, 0)                  as allowed_amount,
       coalesce(pay.paid_amount, 0)                   as paid_amount,
       case when c.status = 'denied' then 0
            else coalesce(c.allowed_amount, c.billed_amount) - coalesce(pay.paid_amount, 0) end as balance,
       pay.last_paid_at,
       c.update_at
from {{ ref('stg_billing__claim') }} as c
left join {{ ref('stg_chart__appointment') }} as a on a.apptpk = c.apptpk
left join {{ ref('dim_provider') }} as p on p.provider_uid = a.provider_uid
left join (
    select claimpk, sum(amount) as paid_amount, max(paid_at) as last_paid_at
    from {{ ref('stg_billing__payment') }}
    group by claimpk
) as pay on pay.claimpk = c.claimpk
{% if is_incremental() %}
where c._load_id in {{ drop_loads() }}
   or c.claimpk in (select claimpk from {{ ref('stg_billing__payment') }} where _load_id in {{ drop_loads() }})
{% endif %}
