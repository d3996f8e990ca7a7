{{ config(materialized='table', unique_key='date_day', tags=['dim']) }}
-- A calendar, one row per day.
select date_day,
       cast(extract(year from date_day) as integer)    as year,
       cast(extract(quarter from date_day) as integer) as quarter,
       cast(extract(month from date_day) as integer)   as month,
       {{ month_name('date_day') }}                    as month_name,
       {{ day_of_week_iso('date_day') }}               as day_of_week,
       case when {{ day_of_week_iso('date_day') }} >= 6 then true else false end as is_weekend
from {{ date_spine('2020-01-01', '2030-12-31') }} as days
