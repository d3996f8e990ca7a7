{{ config(materialized='table', unique_key='patient_uid', tags=['dim'],
          trace=["stg_register__users: up.uid = row.patient_uid and up.usertype = 'patient'",
                 "stg_register__address: up.uid = row.patient_uid"]) }}
-- One row per patient (register users of type patient), with their current address.
-- Its trace lists every address of the patient: the latest of them is the one kept.
select u.uid                 as patient_uid,
       u.uidpk               as patient_pk,
       u.ufname              as first_name,
       u.ulname              as last_name,
       u.email,
       u.gender,
       u.age,
       case when u.age < 18 then '0-17'
            when u.age < 35 then '18-34'
            when u.age < 50 then '35-49'
            when u.age < 65 then '50-64'
            else '65+' end  as age_band,
       a.city,
       a.state,
       a.zip,
       u.update_at
from {{ ref('stg_register__users') }} as u
left join (
    select uid, city, state, zip,
           row_number() over (partition by uid order by update_at desc, addresspk desc) as address_rank
    from {{ ref('stg_register__address') }}
) as a on a.uid = u.uid and a.address_rank = 1
where u.usertype = 'patient'
