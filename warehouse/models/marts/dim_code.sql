{{ config(materialized='table', unique_key='code_pk', tags=['dim'],
          trace=["stg_chart__code: up.codepk = row.code_pk"]) }}
-- ICD-10 diagnosis and CPT procedure codes.
select codepk                as code_pk,
       code,
       code_type,
       description,
       update_at
from {{ ref('stg_chart__code') }}
