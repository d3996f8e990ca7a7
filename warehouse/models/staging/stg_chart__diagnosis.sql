{{ config(materialized='view', tags=['staging']) }}
-- chart.diagnosis as the warehouse sees it: one row per DIAGPK, the latest version by UPDATE_AT,
-- then by load order (a later load, then a later line, wins). Every row keeps where it came from.
select diagpk, apptpk, codepk, is_primary, update_at,
       _load_id, _source_key, _source_line
from (
    select s.*,
           row_number() over (partition by diagpk order by update_at desc, _loaded_at desc, _source_line desc) as _version_rank
    from {{ source('staging', 'chart_diagnosis') }} as s
) as versions
where _version_rank = 1
