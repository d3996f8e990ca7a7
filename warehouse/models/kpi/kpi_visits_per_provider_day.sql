{{ config(materialized='view', tags=['kpi']) }}
-- Completed visits per provider per day (the EMR's "Provider Productivity" report).
select f.provider_pk,
       f.appt_date,
       count(*) as visits
from {{ ref('fact_appointment') }} as f
where f.status = 'completed'
group by f.provider_pk, f.appt_date
