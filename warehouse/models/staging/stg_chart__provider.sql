{{ config(materialized='view', tags=['staging']) }}
-- chart.provider as the warehouse sees it: one row per PROVIDERPK, the latest version by UPDATE_AT,
-- then by load order (a later load, then a later line, wins). Every row keeps where it came from.
select providerpk, uid, provider_npi, provider_specialty, update_at,
       _load_id, _source_key, _source_line
from (
    select s.*,
           row_number() over (partition by providerpk order by update_at desc, _loaded_at desc, _source_line desc) as _version_rank
    from {{ source('staging', 'chart_provider') }} as s
) as versions
where _version_rank = 1
