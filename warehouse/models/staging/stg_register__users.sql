{{ config(materialized='view', tags=['staging']) }}
-- register.users as the warehouse sees it: one row per UIDPK, the latest version by UPDATE_AT,
-- then by load order (a later load, then a later line, wins). Every row keeps where it came from.
select uidpk, uid, ufname, ulname, email, gender, age, usertype, update_at,
       _load_id, _source_key, _source_line
from (
    select s.*,
           row_number() over (partition by uidpk order by update_at desc, _loaded_at desc, _source_line desc) as _version_rank
    from {{ source('staging', 'register_users') }} as s
) as versions
where _version_rank = 1
