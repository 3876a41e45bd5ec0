-- Every store connection: no statement may hold a guarded call's decision longer than the bound.
-- The application name says which thread of the library runs the session, unless the connection
-- was given one of its own (ApplicationName in rc.db.url, application_name in rc.db.dsn): then that stays.
SELECT set_config('statement_timeout', ?, false), set_config('lock_timeout', ?, false),
       set_config('application_name',
                  CASE WHEN current_setting('application_name') IN ('', 'PostgreSQL JDBC Driver') THEN ?
                       ELSE current_setting('application_name') END, false)
