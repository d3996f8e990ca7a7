{{ config(materialized='table') }}
-- One row per encounter, the latest version of it, with what it cost and what the payer covered.
select id as encounter_id, patient as patient_id, provider as provider_id, payer as payer_id, encounterclass,
       cast(start as date) as encounter_date, total_claim_cost, payer_coverage
from (
    select e.*, row_number() over (partition by id order by _loaded_at desc, _source_line desc) as version_rank
    from {{ source('staging', 'encounters') }} as e
) as versions
where version_rank = 1
