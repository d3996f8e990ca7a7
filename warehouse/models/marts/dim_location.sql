{{ config(materialized='table', unique_key='location_pk', tags=['dim'],
          trace=["stg_register__location: up.locationpk = row.location_pk"]) }}
select locationpk            as location_pk,
       location_name,
       street,
       city,
       state,
       zip,
       update_at
from {{ ref('stg_register__location') }}
