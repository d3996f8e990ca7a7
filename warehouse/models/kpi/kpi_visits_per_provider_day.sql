{{ config(materialized='view', unique_key=['provider_pk', 'appt_date'], tags=['kpi'],
          trace=["fact_appointment: up.provider_pk = row.provider_pk and up.appt_date = row.appt_date and up.status = 'completed'"]) }}
-- Completed visits per provider per day (the EMR's "Provider Productivity" report).
select f.provider_pk,
       f.appt_date,
       count(*) as visits
from {{ ref('fact_appointment') }} as f
where f.status = 'completed'
group by f.provider_pk, f.appt_date
