{{ config(materialized='table', unique_key='provider_pk', tags=['dim'],
          trace=["stg_chart__provider: up.providerpk = row.provider_pk",
                 "stg_register__users: up.uid = row.provider_uid"]) }}
-- One row per provider: chart.provider joined to the person in register.users.
-- A provider without a user row keeps null names, which the missing checks catch.
select p.providerpk          as provider_pk,
       p.uid                 as provider_uid,
       p.provider_npi,
       u.ufname              as first_name,
       u.ulname              as last_name,
       p.provider_specialty,
       u.email,
       u.age,
       p.update_at
from {{ ref('stg_chart__provider') }} as p
left join {{ ref('stg_register__users') }} as u on u.uid = p.uid
