{{ config(materialized='incremental', unique_key='appointment_pk', tags=['fact'],
          trace=["stg_chart__appointment: up.apptpk = row.appointment_pk",
                 "dim_provider: up.provider_pk = row.provider_pk",
                 "stg_chart__diagnosis: up.apptpk = row.appointment_pk"]) }}
-- One row per appointment. Each drop merges the appointments it changed (or whose diagnoses
-- it changed) on appointment_pk; the others keep their row.
select a.apptpk                                       as appointment_pk,
       a.patient_uid,
       p.provider_pk,
       a.locationpk                                   as location_pk,
       cast(a.appt_start as date)                     as appt_date,
       a.appt_start,
       a.visit_type,
       a.status,
       case when a.status = 'completed' then 1 else 0 end as is_completed,
       case when a.status = 'no_show' then 1 else 0 end   as is_no_show,
       d.primary_code_pk,
       a.update_at
from {{ ref('stg_chart__appointment') }} as a
left join {{ ref('dim_provider') }} as p on p.provider_uid = a.provider_uid
left join (
    select apptpk, max(case when is_primary then codepk end) as primary_code_pk
    from {{ ref('stg_chart__diagnosis') }}
    group by apptpk
) as d on d.apptpk = a.apptpk
{% if is_incremental() %}
where a._load_id in {{ drop_loads() }}
   or a.apptpk in (select apptpk from {{ ref('stg_chart__diagnosis') }} where _load_id in {{ drop_loads() }})
{% endif %}
