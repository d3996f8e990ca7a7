{{ config(materialized='table', tags=['dim']) }}
select locationpk            as location_pk,
       location_name,
       street,
       city,
       state,
       zip,
       update_at
from {{ ref('stg_register__location') }}
