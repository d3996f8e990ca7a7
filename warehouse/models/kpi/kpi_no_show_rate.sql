{{ config(materialized='view', unique_key=['provider_pk', 'location_pk'], tags=['kpi'],
          trace=["fact_appointment: up.provider_pk = row.provider_pk and up.location_pk = row.location_pk and up.status in ('completed', 'no_show')"]) }}
-- No-show rate by provider and location, over appointments that were due (completed or no-show).
select f.provider_pk,
       f.location_pk,
       count(*)                                                   as appointments_due,
       sum(f.is_no_show)                                          as no_shows,
       round(100.0 * sum(f.is_no_show) / nullif(count(*), 0), 2) as no_show_rate_pct
from {{ ref('fact_appointment') }} as f
where f.status in ('completed', 'no_show')
group by f.provider_pk, f.location_pk
