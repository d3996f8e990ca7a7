{{ config(materialized='view', unique_key='visit_month', tags=['kpi'],
          trace=["fact_appointment: up.status = 'completed' and cast(date_trunc('month', up.appt_date) as date) = row.visit_month"]) }}
-- Patients seen per month: new (first completed visit ever) or returning.
-- Its trace lists the month's visits (whether a patient is new also rests on their earlier visits).
with visits as (
    select patient_uid, cast(date_trunc('month', appt_date) as date) as visit_month
    from {{ ref('fact_appointment') }}
    where status = 'completed'
    group by patient_uid, cast(date_trunc('month', appt_date) as date)
),
firsts as (
    select patient_uid, min(visit_month) as first_month
    from visits
    group by patient_uid
)
select v.visit_month,
       sum(case when v.visit_month = f.first_month then 1 else 0 end) as new_patients,
       sum(case when v.visit_month > f.first_month then 1 else 0 end) as returning_patients
from visits as v
join firsts as f on f.patient_uid = v.patient_uid
group by v.visit_month
