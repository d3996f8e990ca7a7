{{ config(materialized='table', tags=['dim']) }}
-- ICD-10 diagnosis and CPT procedure codes.
select codepk                as code_pk,
       code,
       code_type,
       description,
       update_at
from {{ ref('stg_chart__code') }}
