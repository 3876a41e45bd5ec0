-- Every store connection: no statement may hold a guarded call's decision longer than the bound.
SELECT set_config('statement_timeout', ?, false), set_config('lock_timeout', ?, false),
       set_config('application_name', ?, false)
