{{ config(materialized='view', tags=['staging']) }}
-- billing.claim as the warehouse sees it: one row per CLAIMPK, the latest version by UPDATE_AT,
-- then by load order (a later load, then a later line, wins). Every row keeps where it came from.
select claimpk, apptpk, payer, cpt_codepk, billed_amount, allowed_amount, status, submitted_at, update_at,
       _load_id, _source_key, _source_line
from (
    select s.*,
           row_number() over (partition by claimpk order by update_at desc, _loaded_at desc, _source_line desc) as _version_rank
    from {{ source('staging', 'billing_claim') }} as s
) as versions
where _version_rank = 1
