{{ config(materialized='view', tags=['staging']) }}
-- chart.appointment as the warehouse sees it: one row per APPTPK, the latest version by UPDATE_AT,
-- then by load order (a later load, then a later line, wins). Every row keeps where it came from.
select apptpk, patient_uid, provider_uid, locationpk, appt_start, visit_type, status, update_at,
       _load_id, _source_key, _source_line
from (
    select s.*,
           row_number() over (partition by apptpk order by update_at desc, _loaded_at desc, _source_line desc) as _version_rank
    from {{ source('staging', 'chart_appointment') }} as s
) as versions
where _version_rank = 1
